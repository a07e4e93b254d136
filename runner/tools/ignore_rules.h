#pragma once
/// Which files a search skips, the way ripgrep decides it: gitignore-syntax rules from
/// `.rgignore`, `.ignore`, `.gitignore` and `.git/info/exclude` (the latter two only inside a git
/// repository, i.e. below a directory holding `.git`), per directory with rules anchored where
/// their file lives; `--glob`-style overrides; hidden (dot) names; `.git` itself is always
/// skipped. The matchers are pure; IgnoreStack::ForRoot and ForChild read the files.

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runner/base/result.h"
#include "runner/tools/glob_pattern.h"

namespace runner::tools {

/// The verdict for one path: no rule matched, ignore it, or keep it (a `!` rule matched).
enum class IgnoreMatch { kNone, kIgnore, kWhitelist };

/// The rules of one ignore file, relative to the directory holding it.
class IgnoreRules {
 public:
  /// Parses gitignore text: `#` comments, blank lines, `!` negation, trailing `/` for
  /// directories only, a `/` at the start or in the middle anchoring the pattern to the file's
  /// directory (otherwise it matches a name at any depth), `\` escapes, trailing spaces
  /// trimmed unless escaped. Lines that do not compile (such as an unclosed `[`) are skipped,
  /// as git skips them.
  static IgnoreRules Parse(std::string_view text);

  /// The verdict of the last rule matching `rel_path` (relative to the file's directory,
  /// `/`-separated); a `!` rule gives kWhitelist.
  IgnoreMatch Match(std::string_view rel_path, bool is_dir) const;

  bool empty() const { return rules_.empty(); }

  /// Adds one line of gitignore text; returns false when the line holds no rule.
  bool AddLine(std::string_view line);

 private:
  struct Rule {
    GlobPattern glob;
    bool negated = false;
    bool dir_only = false;
    bool basename_only = false;  ///< no `/` in the pattern: match the last path component
  };
  /// Rule indices (ascending) by a string key, looked up with a string_view.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Index {
    std::unordered_map<std::string, std::vector<uint32_t>, KeyHash, std::equal_to<>> rules;
    uint64_t lengths = 0;  ///< bit min(length, 63) set for every key: skips most lookups
    void Add(std::string_view key, uint32_t rule);
    bool MayHold(std::string_view key) const {
      return lengths >> std::min<size_t>(key.size(), 63) & 1;
    }
  };

  /// The latest applicable rule listed under `key`, or -1.
  int64_t Latest(const Index& index, std::string_view key, bool is_dir) const;

  std::vector<Rule> rules_;
  // Most rules name a file (`vmlinux`) or an extension (`*.o`); hashing them keeps the cost of
  // a match independent of how many such rules a file has. The rest are tried one by one.
  Index by_name_;       ///< name-only literal rules, by name
  Index by_path_;       ///< anchored literal rules (`/vmlinux`), by relative path
  Index by_extension_;  ///< name-only `*.ext` rules, by `.ext` (one dot, at the start)
  std::vector<uint32_t> others_;
};

/// ripgrep's `--glob` overrides: globs relative to the search root, last match wins; a plain
/// glob keeps a path, a `!glob` excludes it. With at least one plain glob, a file matching none
/// is excluded (directories are still entered). Overrides take precedence over ignore files
/// and hidden names.
class GlobOverrides {
 public:
  /// Fails with the glob compiler's message when a glob is malformed.
  static base::Result<GlobOverrides> Parse(const std::vector<std::string>& globs);
  IgnoreMatch Match(std::string_view rel_path, bool is_dir) const;
  bool empty() const { return rules_.empty(); }

 private:
  IgnoreRules rules_;  ///< with inverted polarity: a matching plain glob reads as `!`
  bool has_whitelist_ = false;
};

/// Names the walker always skips (`.git`) or skips unless hidden files are wanted.
enum class HiddenFiles { kSkip, kInclude };
/// True for a dot-name (hidden file or directory); `.` and `..` are never passed in.
inline bool IsHiddenName(std::string_view name) { return name.starts_with('.'); }
inline bool IsAlwaysSkipped(std::string_view name) { return name == ".git"; }

/// Which ignore files a directory holds, taken from its entry names.
struct IgnoreMarkers {
  bool rgignore = false;
  bool ignore = false;
  bool gitignore = false;
  bool git = false;  ///< a `.git` directory or file: the directory is a repository root

  /// Notes `name` if it is one of the marker names.
  void Note(std::string_view name);
  bool any() const { return rgignore || ignore || gitignore || git; }
};

/// The ignore files in force in one directory: its own and its ancestors', as a chain from the
/// nearest directory up. Chains are shared by sibling directories that different walker
/// threads visit, and a node must live as long as the last directory below it: hence
/// shared_ptr.
class IgnoreStack {
 public:
  /// The stack for a search rooted at `root` (absolute, lexically normal): the ignore files of
  /// `root` and of every ancestor, as ripgrep reads them. Unreadable files count as empty.
  static std::shared_ptr<const IgnoreStack> ForRoot(const std::filesystem::path& root);

  /// The stack for `dir` (absolute), a subdirectory of `parent`'s directory holding `markers`:
  /// `parent` itself when `dir` holds no ignore file and no `.git`.
  static std::shared_ptr<const IgnoreStack> ForChild(std::shared_ptr<const IgnoreStack> parent,
                                                     std::string dir, IgnoreMarkers markers);

  /// Builds one level from rule texts (for tests; ForChild reads the files). `texts` are in
  /// Source order; `has_git` marks a repository root.
  static std::shared_ptr<const IgnoreStack> FromTexts(std::shared_ptr<const IgnoreStack> parent,
                                                      std::string dir,
                                                      const std::array<std::string, 4>& texts,
                                                      bool has_git);

  /// ripgrep's precedence for `path` (absolute, below this stack's directory): the nearest
  /// `.rgignore` verdict, else the nearest `.ignore`, else `.gitignore`, else
  /// `.git/info/exclude`; the git ones count only inside a repository and not above its root.
  IgnoreMatch Match(std::string_view path, bool is_dir) const;

  /// The ignore file sources, highest precedence first.
  enum Source { kRgignore = 0, kIgnore = 1, kGitignore = 2, kGitExclude = 3 };

 private:
  IgnoreStack() = default;
  bool empty() const;

  std::shared_ptr<const IgnoreStack> parent_;
  std::string dir_;  ///< absolute, without trailing `/` (empty for `/`)
  std::array<IgnoreRules, 4> rules_;
  bool has_git_ = false;
  bool any_git_ = false;  ///< this level or an ancestor has `.git`
};

}  // namespace runner::tools
