#include "runner/memory/glob.h"

#include <algorithm>

#include "runner/base/strings.h"

namespace runner::memory {

namespace {

/// `{a,b}` alternatives expanded (nested braces too); text without braces is returned as is.
std::vector<std::string> ExpandBraces(std::string_view p) {
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') ++i;
    else if (p[i] == '{') { open = i; break; }
  }
  if (open == std::string_view::npos) return {std::string(p)};
  int depth = 0;
  std::vector<size_t> commas;
  size_t close = std::string_view::npos;
  for (size_t i = open; i < p.size() && close == std::string_view::npos; ++i) {
    if (p[i] == '\\') ++i;
    else if (p[i] == '{') ++depth;
    else if (p[i] == '}' && --depth == 0) close = i;
    else if (p[i] == ',' && depth == 1) commas.push_back(i);
  }
  if (close == std::string_view::npos || commas.empty()) return {std::string(p)};
  std::vector<std::string> out;
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t c : commas) {
    std::string alt = std::string(p.substr(0, open)) + std::string(p.substr(start, c - start)) +
                      std::string(p.substr(close + 1));
    for (std::string& e : ExpandBraces(alt)) out.push_back(std::move(e));
    start = c + 1;
  }
  return out;
}

/// Matches a character class starting at p[pi] == '['; sets `end` past the `]`.
bool ClassMatches(std::string_view p, size_t pi, char c, size_t& end) {
  size_t i = pi + 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool hit = false;
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); first = false) {
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) hit = true;
    ++i;
  }
  if (i >= p.size()) {  // no closing bracket: a literal '['
    end = pi + 1;
    return c == '[';
  }
  end = i + 1;
  return hit != negate;
}

bool Match(std::string_view p, size_t pi, std::string_view s, size_t si) {
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      size_t q = pi;
      while (q < p.size() && p[q] == '*') ++q;
      if (q - pi >= 2) {  // globstar
        if (q < p.size() && p[q] == '/') {
          if (Match(p, q + 1, s, si)) return true;
          for (size_t k = si; k < s.size(); ++k) {
            if (s[k] == '/' && Match(p, q + 1, s, k + 1)) return true;
          }
          return false;
        }
        for (size_t k = si; k <= s.size(); ++k) {
          if (Match(p, q, s, k)) return true;
        }
        return false;
      }
      for (size_t k = si;; ++k) {
        if (Match(p, q, s, k)) return true;
        if (k == s.size() || s[k] == '/') return false;
      }
    }
    if (si >= s.size()) return false;
    if (c == '?') {
      if (s[si] == '/') return false;
      ++pi;
    } else if (c == '[') {
      size_t end = 0;
      if (s[si] == '/' || !ClassMatches(p, pi, s[si], end)) return false;
      pi = end;
    } else {
      if (c == '\\' && pi + 1 < p.size()) c = p[++pi];
      if (s[si] != c) return false;
      ++pi;
    }
    ++si;
  }
  return si == s.size();
}

std::string_view Basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  for (const std::string& p : ExpandBraces(pattern)) {
    if (Match(p, 0, path, 0)) return true;
  }
  return false;
}

bool PathPatternsMatch(const std::vector<std::string>& patterns, std::string_view relative) {
  if (relative.empty() || relative == ".." || relative.starts_with("../") || relative.starts_with("/")) {
    return false;
  }
  // The path itself and each directory above it, inside the base: "a", "a/b", "a/b/c.ts".
  std::vector<std::string_view> prefixes;
  for (size_t at = relative.find('/'); at != std::string_view::npos; at = relative.find('/', at + 1)) {
    prefixes.push_back(relative.substr(0, at));
  }
  prefixes.push_back(relative);
  for (std::string pattern : patterns) {
    if (pattern.ends_with("/")) pattern.pop_back();
    bool anchored = pattern.find('/') != std::string::npos;
    if (pattern.starts_with("/")) pattern.erase(0, 1);
    if (pattern.empty()) continue;
    for (std::string_view prefix : prefixes) {
      if (GlobMatch(pattern, anchored ? prefix : Basename(prefix))) return true;
    }
  }
  return false;
}

std::vector<std::string> SplitPathPatterns(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    int depth = 0;
    std::string current;
    auto flush = [&] {
      std::string p(base::Trim(current));
      if (p.ends_with("/**")) p.resize(p.size() - 3);
      if (!p.empty()) out.push_back(p);
      current.clear();
    };
    for (char c : value) {
      if (c == '{') ++depth;
      if (c == '}' && depth > 0) --depth;
      if (c == ',' && depth == 0) flush();
      else current += c;
    }
    flush();
  }
  if (std::all_of(out.begin(), out.end(), [](const std::string& p) { return p == "**"; })) out.clear();
  return out;
}

}  // namespace runner::memory
