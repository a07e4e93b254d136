#pragma once
/// Glob patterns for memory: `claudeMdExcludes` (matched against absolute paths, as picomatch
/// with dot files does) and the `paths:` of rule files (gitignore-style, relative to the
/// project directory, as Claude Code matches them).

#include <string>
#include <string_view>
#include <vector>

namespace runner::memory {

/// Whole-path match: `*` and `?` stay within one path component, `**` spans components
/// (`a/**/b` matches `a/b`), `[abc]`/`[a-z]`/`[!x]` are classes, `{x,y}` alternatives, `\` quotes
/// the next character. Leading dots are matched like any character.
bool GlobMatch(std::string_view pattern, std::string_view path);

/// Gitignore-style match of `relative` (a `/`-separated path inside the base directory): a
/// pattern with a slash is anchored at the base, one without matches a name at any depth, and
/// a pattern that matches a directory covers everything below it. False for an empty path or
/// one that leaves the base (`../x`).
bool PathPatternsMatch(const std::vector<std::string>& patterns, std::string_view relative);

/// The patterns of a `paths:` value: a list, or one string of comma-separated patterns (commas
/// inside `{…}` do not split). A trailing `/**` is dropped (a directory covers its contents);
/// an empty result, or only `**`, means "every path" and is returned empty.
std::vector<std::string> SplitPathPatterns(const std::vector<std::string>& values);

}  // namespace runner::memory
