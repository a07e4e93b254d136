#pragma once
/// Grep's regular expressions: PCRE2 in UTF mode with Unicode classes (`\w`, `\b`, `\s` as in
/// ripgrep), invalid UTF-8 in the subject tolerated, `^`/`$` at line boundaries, compiled by
/// the JIT when the library has one (the interpreter otherwise). Patterns whose items can only
/// match ASCII run in PCRE2's faster byte mode, with the same results.

#include <cstddef>
#include <optional>
#include <string_view>

#include "runner/base/result.h"
#include "runner/tools/grep_literal.h"

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;
struct pcre2_real_match_context_8;
struct pcre2_real_jit_stack_8;

namespace runner::tools {

/// kMultiline: `.` also matches a line break, so a match may span lines (rg -U
/// --multiline-dotall).
enum class LineMode { kSingleLine, kMultiline };

struct MatchRange {
  size_t start = 0;
  size_t end = 0;
};

/// A compiled pattern; immutable, so all search threads share one.
class Regex {
 public:
  /// Fails (kParse) with PCRE2's message and the offset of the error in the pattern.
  static base::Result<Regex> Compile(std::string_view pattern, CaseMode case_mode,
                                     LineMode line_mode);
  Regex(Regex&& other) noexcept;
  Regex& operator=(Regex&& other) noexcept;
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;
  ~Regex();

  bool jit() const { return jit_; }

 private:
  friend class RegexMatcher;
  Regex() = default;
  pcre2_real_code_8* code_ = nullptr;
  bool jit_ = false;
};

/// One thread's matching state for a Regex (match data, JIT stack). Borrows the Regex.
class RegexMatcher {
 public:
  explicit RegexMatcher(const Regex& regex);
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;
  ~RegexMatcher();

  /// The leftmost match in `subject` starting at or after `start`; nullopt when there is none
  /// or matching fails (e.g. a backtracking limit), which callers treat alike.
  std::optional<MatchRange> Find(std::string_view subject, size_t start) const;

 private:
  const Regex& regex_;
  pcre2_real_match_data_8* data_ = nullptr;
  pcre2_real_match_context_8* context_ = nullptr;
  pcre2_real_jit_stack_8* stack_ = nullptr;
};

}  // namespace runner::tools
