#include "runner/permissions/path_rules.h"

namespace runner::permissions {

namespace {

std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

// One component against one glob segment: `*`, `?`, `[…]` (`!`/`^` negates, `a-z` ranges),
// `\` escapes. Iterative with one backtrack point for the last `*`.
bool SegmentMatches(std::string_view pat, std::string_view text);

bool ClassMatches(std::string_view pat, size_t& p, char c) {
  size_t i = p + 1;
  bool negate = i < pat.size() && (pat[i] == '!' || pat[i] == '^');
  if (negate) ++i;
  bool found = false;
  bool first = true;
  while (i < pat.size() && (pat[i] != ']' || first)) {
    first = false;
    char lo = pat[i];
    if (i + 2 < pat.size() && pat[i + 1] == '-' && pat[i + 2] != ']') {
      found = found || (c >= lo && c <= pat[i + 2]);
      i += 3;
    } else {
      found = found || c == lo;
      ++i;
    }
  }
  if (i >= pat.size()) return false;  // unclosed: `[` never matches
  p = i + 1;
  return found != negate;
}

bool SegmentMatches(std::string_view pat, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star = p++;
      star_t = t;
      continue;
    }
    if (p < pat.size()) {
      char c = pat[p];
      size_t next = p;
      bool ok = false;
      if (c == '?') {
        ok = true;
        next = p + 1;
      } else if (c == '[') {
        ok = ClassMatches(pat, next, text[t]);
      } else if (c == '\\' && p + 1 < pat.size()) {
        ok = pat[p + 1] == text[t];
        next = p + 2;
      } else {
        ok = c == text[t];
        next = p + 1;
      }
      if (ok) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++star_t;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

// Segments (with `**`) against components.
bool SegmentsMatch(const std::vector<std::string>& segs, size_t si,
                   const std::vector<std::string_view>& comps, size_t ci, size_t end) {
  if (si == segs.size()) return ci == end;
  if (segs[si] == "**") {
    for (size_t k = ci; k <= end; ++k) {
      if (SegmentsMatch(segs, si + 1, comps, k, end)) return true;
    }
    return false;
  }
  return ci < end && SegmentMatches(segs[si], comps[ci]) &&
         SegmentsMatch(segs, si + 1, comps, ci + 1, end);
}

}  // namespace

std::string AbsolutePath(std::string_view path, std::string_view base) {
  std::vector<std::string_view> parts;
  auto add = [&parts](std::string_view p) {
    for (std::string_view c : Components(p)) {
      if (c == ".") continue;
      if (c == "..") {
        if (!parts.empty()) parts.pop_back();
        continue;
      }
      parts.push_back(c);
    }
  };
  if (!path.starts_with('/')) add(base);
  add(path);
  std::string out;
  for (std::string_view c : parts) {
    out.push_back('/');
    out.append(c);
  }
  return out.empty() ? "/" : out;
}

bool IsWithin(std::string_view path, std::string_view dir) {
  if (dir == "/") return path.starts_with('/');
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

PathPattern::PathPattern(std::string_view spec, const PathRoots& roots) {
  if (spec.starts_with('!')) {
    negated_ = true;
    spec.remove_prefix(1);
  } else if (spec.starts_with("\\!")) {
    spec.remove_prefix(1);
  }
  std::string_view rest = spec;
  std::string_view root;
  if (rest.starts_with("//")) {
    root = "/";
    rest.remove_prefix(2);
  } else if (rest == "~" || rest.starts_with("~/")) {
    root = roots.home;
    rest.remove_prefix(1);
  } else if (rest.starts_with('/')) {
    root = roots.settings_dir;
  } else {
    root = roots.cwd;
    // gitignore: a pattern is anchored when it has a slash before its last character.
    std::string_view body = rest.ends_with('/') ? rest.substr(0, rest.size() - 1) : rest;
    anchored_ = body.find('/') != std::string_view::npos;
  }
  unrooted_ = root.empty();
  root_ = AbsolutePath(root, "/");
  for (std::string_view c : Components(rest)) {
    if (c == "." || (c == "**" && !segments_.empty() && segments_.back() == "**")) continue;
    segments_.emplace_back(c);
  }
  if (!anchored_ && segments_.empty()) anchored_ = true;
}

bool PathPattern::Matches(std::string_view path, Reach reach) const {
  if (unrooted_) return false;
  if (!anchored_) {
    bool anywhere = reach == Reach::kAnywhere;
    if (!anywhere && !IsWithin(path, root_)) return false;
    std::string_view rel = anywhere ? path : path.substr(std::min(root_.size(), path.size()));
    for (std::string_view c : Components(rel)) {
      if (SegmentMatches(segments_[0], c)) return true;
    }
    return false;
  }
  if (!IsWithin(path, root_)) return false;
  std::vector<std::string_view> comps = Components(path.substr(root_ == "/" ? 0 : root_.size()));
  // A matched directory covers everything below it: try the path and each of its parents.
  for (size_t end = 0; end <= comps.size(); ++end) {
    if (SegmentsMatch(segments_, 0, comps, 0, end)) return true;
  }
  return false;
}

}  // namespace runner::permissions
