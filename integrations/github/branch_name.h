#pragma once
/// Names of the branches the runner creates for issues and closed pull requests, and the
/// checks every branch name passes before it reaches git (names can come from action inputs
/// and from the forge, so they are validated, never interpolated into a shell).

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace integrations::github {

/// Default names are cut to this length (some tools, e.g. Kubernetes labels, want short names).
inline constexpr size_t kMaxBranchNameLength = 50;

/// `{prefix}{entity}-{number}-{YYYYMMDD-HHMM}` in UTC, lower-cased and cut to
/// kMaxBranchNameLength (without leaving a trailing `-`, `.` or `/`), e.g.
/// NewBranchName("claude/", "issue", 12, t) == "claude/issue-12-20261121-1530".
std::string NewBranchName(std::string_view prefix, std::string_view entity, int64_t number,
                          std::time_t now);

/// What a `branch_name_template` (claude-code-action's input) can use.
struct BranchTemplateValues {
  std::string prefix;       ///< {{prefix}}: branch_prefix
  std::string entity_type;  ///< {{entityType}}: issue, pr (or run)
  int64_t number = 0;       ///< {{entityNumber}}
  std::time_t now = 0;      ///< {{timestamp}}: YYYYMMDD-HHMM in UTC
  std::string sha;          ///< {{sha}}: the first 8 characters of the base's commit
  std::string label;        ///< {{label}}: the first label, made branch-safe; entityType if none
  std::string title;        ///< {{description}}: its first five words, lower-case, kebab-case
};

/// The name from `templ`; NewBranchName's default when the template is empty or comes out
/// blank or not a valid branch name. Unknown `{{names}}` stay as written; a template's result is not lower-cased or cut.
std::string TemplateBranchName(std::string_view templ, const BranchTemplateValues& values);

/// True when `name` is safe to give git as a branch name. claude-code-action's whitelist:
/// the first character one of `[A-Za-z0-9@_]`, the others `[A-Za-z0-9/_.#+,@-]` (so no white
/// space, control characters, `~ ^ : ? * [ \`), no `..`, `//` or `@{`, not `@`; and the rules of
/// `git check-ref-format --branch`: no component that starts with `.` or ends with `.lock`, no
/// trailing `/` or `.`, not `HEAD`, at most 255 bytes.
bool IsValidBranchName(std::string_view name);

/// The name to try when `name` is taken: attempt 1 is `name` itself, attempt n > 1 is
/// `name-n`, with `name` cut so the result stays within max(kMaxBranchNameLength, name.size()).
std::string NextBranchCandidate(std::string_view name, int attempt);

}  // namespace integrations::github
