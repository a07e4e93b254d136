#include "runner/tools/ignore_rules.h"

#include <algorithm>

#include "runner/base/files.h"

namespace runner::tools {
namespace {

/// Drops trailing spaces that are not escaped with `\`, and a trailing CR.
std::string_view TrimTrailingSpaces(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  while (line.ends_with(' ')) {
    size_t backslashes = 0;
    for (size_t i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2 == 1) break;  // `\ ` keeps its space
    line.remove_suffix(1);
  }
  return line;
}

/// The last path component of `path`.
std::string_view Basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// `path` relative to `dir` (absolute, no trailing `/`; empty for the filesystem root).
std::string_view RelativeTo(std::string_view path, std::string_view dir) {
  if (path.size() <= dir.size() + 1) return {};
  return path.substr(dir.size() + 1);
}

IgnoreRules ReadRules(const std::filesystem::path& file) {
  auto text = base::ReadFile(file);
  return text ? IgnoreRules::Parse(*text) : IgnoreRules();
}

std::string DirString(const std::filesystem::path& dir) {
  std::string s = dir.string();
  while (s.ends_with('/')) s.pop_back();
  return s;
}

}  // namespace

IgnoreRules IgnoreRules::Parse(std::string_view text) {
  IgnoreRules rules;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    rules.AddLine(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return rules;
}

bool IgnoreRules::AddLine(std::string_view line) {
  line = TrimTrailingSpaces(line);
  if (line.empty() || line.starts_with('#')) return false;
  Rule rule;
  if (line.starts_with('!')) {
    rule.negated = true;
    line.remove_prefix(1);
  } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
    line.remove_prefix(1);
  }
  if (line.ends_with('/') && !line.ends_with("\\/")) {
    rule.dir_only = true;
    line.remove_suffix(1);
  }
  if (line.empty()) return false;
  // A `/` anywhere but at the end anchors the pattern to this directory.
  bool anchored = line.find('/') != std::string_view::npos;
  if (line.starts_with('/')) line.remove_prefix(1);
  rule.basename_only = !anchored;
  auto glob = GlobPattern::Compile(line);
  if (!glob) return false;
  rule.glob = std::move(*glob);
  auto index = static_cast<uint32_t>(rules_.size());
  std::optional<std::string_view> literal = rule.glob.LiteralText();
  std::optional<std::string_view> suffix = rule.glob.StarSuffix();
  if (rule.basename_only && literal) {
    by_name_.Add(*literal, index);
  } else if (literal) {
    by_path_.Add(*literal, index);
  } else if (rule.basename_only && suffix && suffix->rfind('.') == 0) {
    by_extension_.Add(*suffix, index);
  } else {
    others_.push_back(index);
  }
  rules_.push_back(std::move(rule));
  return true;
}

void IgnoreRules::Index::Add(std::string_view key, uint32_t rule) {
  rules[std::string(key)].push_back(rule);
  lengths |= uint64_t{1} << std::min<size_t>(key.size(), 63);
}

int64_t IgnoreRules::Latest(const Index& index, std::string_view key, bool is_dir) const {
  if (!index.MayHold(key)) return -1;
  auto it = index.rules.find(key);
  if (it == index.rules.end()) return -1;
  for (auto i = it->second.rbegin(); i != it->second.rend(); ++i) {
    if (is_dir || !rules_[*i].dir_only) return *i;
  }
  return -1;
}

IgnoreMatch IgnoreRules::Match(std::string_view rel_path, bool is_dir) const {
  if (rel_path.empty() || rules_.empty()) return IgnoreMatch::kNone;
  std::string_view name = Basename(rel_path);
  int64_t best = Latest(by_name_, name, is_dir);
  best = std::max(best, Latest(by_path_, rel_path, is_dir));
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    best = std::max(best, Latest(by_extension_, name.substr(dot), is_dir));
  }
  for (auto it = others_.rbegin(); it != others_.rend() && static_cast<int64_t>(*it) > best; ++it) {
    const Rule& rule = rules_[*it];
    if (rule.dir_only && !is_dir) continue;
    if (rule.glob.Matches(rule.basename_only ? name : rel_path)) {
      best = *it;
      break;
    }
  }
  if (best < 0) return IgnoreMatch::kNone;
  return rules_[best].negated ? IgnoreMatch::kWhitelist : IgnoreMatch::kIgnore;
}

base::Result<GlobOverrides> GlobOverrides::Parse(const std::vector<std::string>& globs) {
  GlobOverrides overrides;
  for (const std::string& glob : globs) {
    std::string_view text = glob;
    bool exclude = text.starts_with('!');
    if (exclude) text.remove_prefix(1);
    // Report a malformed glob instead of skipping it silently as an ignore file would.
    std::string_view body = text.starts_with('/') ? text.substr(1) : text;
    if (body.ends_with('/')) body.remove_suffix(1);
    if (auto compiled = GlobPattern::Compile(body); !compiled)
      return std::unexpected(compiled.error());
    // In the rules a plain glob is a `!` (whitelist) line and `!glob` a plain (ignore) line;
    // an ignore line starting with `#` or `!` needs its escape.
    std::string line = exclude ? std::string(text) : "!" + std::string(text);
    if (exclude && (text.starts_with('#') || text.starts_with('!'))) line = "\\" + line;
    if (overrides.rules_.AddLine(line) && !exclude) overrides.has_whitelist_ = true;
  }
  return overrides;
}

IgnoreMatch GlobOverrides::Match(std::string_view rel_path, bool is_dir) const {
  IgnoreMatch m = rules_.Match(rel_path, is_dir);
  if (m == IgnoreMatch::kNone && has_whitelist_ && !is_dir) return IgnoreMatch::kIgnore;
  return m;
}

void IgnoreMarkers::Note(std::string_view name) {
  if (name.size() < 4 || name[0] != '.') return;
  if (name == ".gitignore")
    gitignore = true;
  else if (name == ".ignore")
    ignore = true;
  else if (name == ".rgignore")
    rgignore = true;
  else if (name == ".git")
    git = true;
}

std::shared_ptr<const IgnoreStack> IgnoreStack::FromTexts(std::shared_ptr<const IgnoreStack> parent,
                                                          std::string dir,
                                                          const std::array<std::string, 4>& texts,
                                                          bool has_git) {
  std::shared_ptr<IgnoreStack> level(new IgnoreStack());
  level->dir_ = std::move(dir);
  for (size_t i = 0; i < texts.size(); ++i) level->rules_[i] = IgnoreRules::Parse(texts[i]);
  level->has_git_ = has_git;
  level->any_git_ = has_git || (parent != nullptr && parent->any_git_);
  level->parent_ = std::move(parent);
  return level;
}

std::shared_ptr<const IgnoreStack> IgnoreStack::ForChild(std::shared_ptr<const IgnoreStack> parent,
                                                         std::string dir, IgnoreMarkers markers) {
  if (!markers.any()) return parent;
  std::shared_ptr<IgnoreStack> level(new IgnoreStack());
  std::filesystem::path d = dir.empty() ? std::filesystem::path("/") : std::filesystem::path(dir);
  if (markers.rgignore) level->rules_[kRgignore] = ReadRules(d / ".rgignore");
  if (markers.ignore) level->rules_[kIgnore] = ReadRules(d / ".ignore");
  level->has_git_ = markers.git;
  level->any_git_ = markers.git || (parent != nullptr && parent->any_git_);
  // Without a repository at or above this directory its .gitignore can never apply.
  if (markers.gitignore && level->any_git_) {
    level->rules_[kGitignore] = ReadRules(d / ".gitignore");
  }
  if (markers.git) level->rules_[kGitExclude] = ReadRules(d / ".git" / "info" / "exclude");
  if (level->empty() && !markers.git) return parent;
  level->dir_ = std::move(dir);
  level->parent_ = std::move(parent);
  return level;
}

std::shared_ptr<const IgnoreStack> IgnoreStack::ForRoot(const std::filesystem::path& root) {
  std::string normal = DirString(root.lexically_normal());
  std::vector<std::filesystem::path> chain;  // root first, then its ancestors
  for (std::filesystem::path p = normal.empty() ? "/" : normal;; p = p.parent_path()) {
    chain.push_back(p);
    if (p == p.parent_path()) break;
  }
  std::shared_ptr<const IgnoreStack> stack;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    IgnoreMarkers markers;
    std::error_code ec;
    for (const char* name : {".rgignore", ".ignore", ".gitignore", ".git"}) {
      if (std::filesystem::exists(*it / name, ec)) markers.Note(name);
    }
    stack = ForChild(std::move(stack), DirString(*it), markers);
  }
  return stack;
}

bool IgnoreStack::empty() const {
  for (const IgnoreRules& rules : rules_) {
    if (!rules.empty()) return false;
  }
  return true;
}

IgnoreMatch IgnoreStack::Match(std::string_view path, bool is_dir) const {
  std::array<IgnoreMatch, 4> found{IgnoreMatch::kNone, IgnoreMatch::kNone, IgnoreMatch::kNone,
                                   IgnoreMatch::kNone};
  bool git_counts = any_git_;
  bool saw_git = false;
  for (const IgnoreStack* level = this; level != nullptr; level = level->parent_.get()) {
    std::string_view rel = RelativeTo(path, level->dir_);
    for (size_t source = 0; source < found.size(); ++source) {
      if (found[source] != IgnoreMatch::kNone || level->rules_[source].empty()) continue;
      bool is_git_source = source == kGitignore || source == kGitExclude;
      if (is_git_source && (!git_counts || saw_git)) continue;
      found[source] = level->rules_[source].Match(rel, is_dir);
    }
    saw_git = saw_git || level->has_git_;
  }
  for (IgnoreMatch m : found) {
    if (m != IgnoreMatch::kNone) return m;
  }
  return IgnoreMatch::kNone;
}

}  // namespace runner::tools
