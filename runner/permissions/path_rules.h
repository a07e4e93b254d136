#pragma once
/// `Read(…)` and `Edit(…)` rule specifiers: gitignore-style path patterns, and the lexical path
/// arithmetic the working-directory check needs. Pure: nothing touches the file system.
///
/// Where a pattern is rooted (as in Claude Code):
/// - `//abs/path` is absolute (`Read(//etc/passwd)`);
/// - `~/path` is below the home directory;
/// - `/path` is relative to the directory of the settings file the rule came from;
/// - `path` and `./path` are relative to the current working directory.
/// Then gitignore rules: `*` and `?` stay inside one path component, `[…]` is a class, `**`
/// spans components; a pattern that matches a directory matches everything below it; a pattern
/// without a slash (other than a trailing one) matches a file or directory name at any depth.

#include <string>
#include <string_view>
#include <vector>

namespace runner::permissions {

/// The absolute, lexically normal form of `path` (a relative path is taken from `base`, which
/// must be absolute): no `.` or `..` components, no repeated or trailing slashes.
std::string AbsolutePath(std::string_view path, std::string_view base);

/// True when the normal absolute `path` is `dir` or inside it.
bool IsWithin(std::string_view path, std::string_view dir);

/// The directories a pattern can be rooted at; all absolute.
struct PathRoots {
  std::string settings_dir;  ///< for `/path`
  std::string cwd;           ///< for `path` and `./path`
  std::string home;          ///< for `~/path`
};

class PathPattern {
 public:
  /// A pattern whose root is unknown (an empty member of `roots`) matches nothing.
  PathPattern(std::string_view specifier, const PathRoots& roots);

  /// Where a name-only pattern (`*.env`) may match.
  enum class Reach {
    kBelowRoot,  ///< only below the pattern's root (allow rules: grant no more than written)
    kAnywhere,   ///< in any directory (deny and ask rules: refuse rather than miss)
  };
  /// True when the normal absolute `path` matches (for a negated pattern: matches what follows
  /// the `!`; what negation means is up to the list holding the pattern).
  bool Matches(std::string_view path, Reach reach) const;
  /// gitignore negation: the specifier started with `!` (`\!` is a literal `!`).
  bool negated() const { return negated_; }

 private:
  std::string root_;
  std::vector<std::string> segments_;
  bool anchored_ = true;
  bool unrooted_ = false;
  bool negated_ = false;
};

}  // namespace runner::permissions
