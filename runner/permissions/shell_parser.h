#pragma once
/// Internal to shell_split: the parser behind SplitShellCommand. Its command structure (lists,
/// operators, redirections, here-documents) lives in shell_split.cc, its word reading (quotes,
/// escapes, expansions, substitutions) in shell_words.cc.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runner/permissions/shell_split.h"

namespace runner::permissions::internal {

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsNameStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
inline bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }
/// Characters that end an unquoted word.
inline bool IsMeta(char c) {
  return IsBlank(c) || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' ||
         c == '<' || c == '>';
}
/// Arithmetic on literal numbers only: a name could hold `a[$(cmd)]`, which bash evaluates.
bool IsLiteralArithmetic(std::string_view body);

/// One pass over a text, appending to `out`. Nested `$(…)` and `( … )` reuse the same parser
/// (they share the text and its pending here-documents); backticks get a parser of their own
/// over the unescaped body.
class ShellParser {
 public:
  ShellParser(std::string_view text, ShellAnalysis& out, int depth)
      : s_(text), out_(out), depth_(depth) {}

  void ParseAll();

 private:
  struct PendingHeredoc {
    std::string delimiter;
    bool strip_tabs = false;
    bool expands = true;
  };
  static constexpr int kMaxDepth = 32;

  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek(size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  void Problem(std::string_view what);
  void Advance(size_t n);  ///< moves on, never past the end
  void SkipBlanks();
  void SkipComment();

  // Structure (shell_split.cc).
  void ParseList(bool in_parens);
  void ParseParenthesized();
  void ParseNestedList(std::string_view unterminated);
  size_t FindArithmeticEnd(size_t from) const;
  void ParseSimpleCommand();
  bool ReadCommandItem(size_t slot, bool& at_start);
  enum class Keyword { kNotOne, kHandled, kEndsCommand };
  Keyword ReadKeyword(const std::string& word);
  void SkipTimeOption();
  void ParseForHeader();
  bool AtProcessSubstitution() const;
  bool IsRedirectStart() const;
  ShellRedirect ReadRedirect();
  void ReadHeredocBodies();
  std::pair<size_t, size_t> FindHeredocEnd(size_t from, const PendingHeredoc& h) const;
  void ScanExpandingText();

  // Words (shell_words.cc).
  ShellWord ReadWord();
  void ReadQuotedPart(ShellWord& w);
  void ReadSingleQuoted(ShellWord& w);
  void ReadDoubleQuoted(ShellWord& w);
  void ReadDollar(ShellWord& w, bool in_double_quotes);
  void ReadDollarParen(ShellWord& w);
  void ReadBraceExpansion(ShellWord& w);
  void ReadAnsiC(ShellWord& w);
  void ReadBackticks(ShellWord& w);

  std::string_view s_;
  size_t i_ = 0;
  ShellAnalysis& out_;
  int depth_;
  std::vector<PendingHeredoc> heredocs_;
};

}  // namespace runner::permissions::internal
