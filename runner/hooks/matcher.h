#pragma once
/// A hook matcher as Claude Code evaluates it since v2.1.191 (spec-changes-2026-06 §7):
///  - `*`, `""`, omitted (or only spaces): matches everything;
///  - only letters, digits, `_`, spaces, `,` and `|`: an exact, case-sensitive list whose items
///    are separated by `|` or `,` with optional surrounding spaces (`Edit|Write`, `Edit, Write`);
///    FileChanged and StopFailure split on `|` only and keep `,` as a literal character;
///  - anything else: a JavaScript regular expression searched anywhere in the value (unanchored:
///    `^Notebook` needs its own anchor, `mcp__memory__.*` matches every memory tool).
/// Regexes run on std::regex's ECMAScript grammar, which follows JavaScript's except that it has
/// no lookbehind (`(?<=…)`, `(?<!…)`), no named groups (`(?<name>…)`), no `\p{…}` classes and no
/// flags; such a matcher fails to compile and its group is reported and dropped.

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/result.h"
#include "runner/hooks/hook_event.h"

namespace runner::hooks {

class Matcher {
 public:
  enum class Kind { kAll, kExactList, kRegex };

  /// A matcher that matches everything (the same as an omitted matcher).
  Matcher() = default;
  /// Classifies and compiles `text`; a kConfig error names the regex problem.
  static base::Result<Matcher> Compile(
      std::string_view text, MatcherSeparators separators = MatcherSeparators::kPipeOrComma);

  /// Case-sensitive. Thread-safe (the compiled regex is only read).
  bool Matches(std::string_view value) const;

  Kind kind() const { return kind_; }
  /// The matcher as written in settings.
  const std::string& text() const { return text_; }
  /// The exact names (kExactList only), trimmed, empty items removed.
  const std::vector<std::string>& names() const { return names_; }

 private:
  Kind kind_ = Kind::kAll;
  std::string text_;
  std::vector<std::string> names_;
  // shared_ptr: copies of an immutable HookConfig share one compiled regex, which is never
  // modified after Compile() and may be read from several threads.
  std::shared_ptr<const std::regex> regex_;
};

}  // namespace runner::hooks
