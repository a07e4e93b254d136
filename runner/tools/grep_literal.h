#pragma once
/// The literal prefilter for Grep: a piece of plain text that every match of a regular
/// expression must contain, and a fast finder for it. A file (or, outside multiline mode, a
/// line) without the literal cannot match, so most of the text is never given to the regex.

#include <cstddef>
#include <string>
#include <string_view>

namespace runner::tools {

enum class CaseMode { kSensitive, kInsensitive };

struct RequiredLiteral {
  std::string text;    ///< empty: no usable literal; lower-cased for CaseMode::kInsensitive
  bool whole = false;  ///< the pattern is exactly this text (case-sensitive only)
};

/// The longest run of literal characters at the top level of the PCRE2 `pattern` that every
/// match must contain. Gives up (empty text) on top-level alternation, inline option settings
/// such as `(?i)`, leading `(*VERB)`s and runs shorter than two bytes. Quantified characters
/// end a run (`ab?c` yields `a`/`c`, `ab+c` yields `ab`). Without case sensitivity only ASCII
/// letters other than k and s (which fold to non-ASCII characters) and non-letters are used.
RequiredLiteral ExtractRequiredLiteral(std::string_view pattern, CaseMode case_mode);

/// False only when no match of `pattern` (compiled with `.` matching line breaks) can contain a
/// line break: no `.`, no `\n`-like escape (`\n \s \R \v \W \D \H \C \X \p \P \x \0 \c`,
/// an octal escape), no negated class and no literal line break. ripgrep searches such a
/// pattern line by line even in multiline mode, which changes how `-c` counts.
bool MayMatchNewline(std::string_view pattern);

/// True when `pattern` matches exactly the same text whether PCRE2 runs in UTF mode or byte by
/// byte, so the faster byte mode may be used: only ASCII, case-sensitive, no `.`, no negated
/// class, no escape with a letter or digit other than `\t \n \r \f \e \a`, no `(?` except
/// `(?:`, no `(*`. Every item then matches ASCII bytes only, which never occur inside a
/// multi-byte character.
bool HasAsciiOnlySemantics(std::string_view pattern, CaseMode case_mode);

/// Finds a literal in text: memchr on the literal's rarest byte, then a compare.
class LiteralFinder {
 public:
  LiteralFinder(std::string literal, CaseMode case_mode);
  /// The offset of the first occurrence at or after `from`, or npos.
  size_t Find(std::string_view haystack, size_t from) const;

 private:
  std::string literal_;  ///< lower-cased when case-insensitive
  CaseMode case_mode_;
  size_t rare_ = 0;  ///< index of the byte to scan for
};

}  // namespace runner::tools
