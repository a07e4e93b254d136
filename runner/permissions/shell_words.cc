// Word reading for ShellParser (see shell_parser.h): quotes, escapes and expansions.

#include <algorithm>
#include <string>

#include "runner/permissions/shell_parser.h"

namespace runner::permissions::internal {

namespace {

// Brace expansion (`{a,b}`, `{1..3}`) among the unquoted characters of a word.
bool HasBraceExpansion(std::string_view unquoted) {
  size_t open = unquoted.find('{');
  if (open == std::string_view::npos) return false;
  size_t close = unquoted.find('}', open);
  if (close == std::string_view::npos) return false;
  std::string_view inside = unquoted.substr(open + 1, close - open - 1);
  return inside.find(',') != std::string_view::npos || inside.find("..") != std::string_view::npos;
}

// A `[…]` class among the unquoted characters of a word (`[` alone is the test command).
bool HasBracketGlob(std::string_view unquoted) {
  size_t open = unquoted.find('[');
  return open != std::string_view::npos && unquoted.find(']', open + 1) != std::string_view::npos;
}

}  // namespace

/// Reads one word starting at a non-meta character (or a process substitution).
ShellWord ShellParser::ReadWord() {
  ShellWord w;
  bool plain = true;
  std::string unquoted;  // unquoted literal characters, for brace expansion
  auto literal = [&](char c) {
    w.text.push_back(c);
    unquoted.push_back(c);
    if (plain) ++w.plain_prefix;
  };
  if (AtProcessSubstitution()) {
    w.text = std::string(1, Peek()) + "(…)";
    w.dynamic = true;
    Advance(2);
    ParseNestedList("unterminated process substitution");
    return w;
  }
  while (!AtEnd() && !IsMeta(Peek())) {
    char c = Peek();
    if (c == '\\' && Peek(1) == '\n') {
      Advance(2);  // a line continuation
    } else if (c == '\\' || c == '\'' || c == '"' || c == '$' || c == '`') {
      plain = false;
      ReadQuotedPart(w);
    } else {
      if (c == '*' || c == '?') w.dynamic = true;
      literal(c);
      ++i_;
    }
  }
  if (HasBraceExpansion(unquoted) || HasBracketGlob(unquoted)) w.dynamic = true;
  if (w.plain_prefix > 0 && w.text[0] == '~') w.dynamic = true;  // tilde expansion
  return w;
}

/// An escape, quote or expansion at i_ (one of `\\ ' " $ ``).
void ShellParser::ReadQuotedPart(ShellWord& w) {
  switch (Peek()) {
    case '\\':
      if (i_ + 1 < s_.size()) w.text.push_back(s_[i_ + 1]);
      Advance(2);
      return;
    case '\'':
      return ReadSingleQuoted(w);
    case '"':
      return ReadDoubleQuoted(w);
    case '$':
      return ReadDollar(w, /*in_double_quotes=*/false);
    default:
      return ReadBackticks(w);
  }
}

void ShellParser::ReadSingleQuoted(ShellWord& w) {
  size_t close = s_.find('\'', i_ + 1);
  if (close == std::string_view::npos) {
    Problem("unterminated single quote");
    w.text.append(s_.substr(i_ + 1));
    i_ = s_.size();
    return;
  }
  w.text.append(s_.substr(i_ + 1, close - i_ - 1));
  i_ = close + 1;
}

void ShellParser::ReadDoubleQuoted(ShellWord& w) {
  ++i_;
  while (!AtEnd() && Peek() != '"') {
    char c = Peek();
    if (c == '\\') {
      char n = Peek(1);
      if (n == '\n') {
        Advance(2);
      } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
        w.text.push_back(n);
        Advance(2);
      } else {
        w.text.push_back('\\');
        ++i_;
      }
    } else if (c == '$') {
      ReadDollar(w, /*in_double_quotes=*/true);
    } else if (c == '`') {
      ReadBackticks(w);
    } else {
      w.text.push_back(c);
      ++i_;
    }
  }
  if (AtEnd()) {
    Problem("unterminated double quote");
    return;
  }
  ++i_;
}

/// `$…` at i_: appends what was written and marks the word dynamic when it expands.
void ShellParser::ReadDollar(ShellWord& w, bool in_double_quotes) {
  char n = Peek(1);
  size_t start = i_;
  if (n == '(') {
    ReadDollarParen(w);
    return;
  }
  if (n == '{') {
    ReadBraceExpansion(w);
    return;
  }
  if (n == '\'' && !in_double_quotes) {
    ++i_;
    ReadAnsiC(w);
    return;
  }
  if (n == '"' && !in_double_quotes) {  // $"…": a locale-translated string
    ++i_;
    ReadDoubleQuoted(w);
    return;
  }
  if (n == '[') {
    Problem("arithmetic expansion $[…]");
    size_t close = s_.find(']', i_);
    i_ = close == std::string_view::npos ? s_.size() : close + 1;
  } else if (IsNameStart(n)) {
    Advance(2);
    while (IsNameChar(Peek())) ++i_;
  } else if (IsDigit(n) || std::string_view("@*#?$!-").find(n) != std::string_view::npos) {
    Advance(2);
  } else {
    w.text.push_back('$');  // a lone dollar is literal
    ++i_;
    return;
  }
  w.text.append(s_.substr(start, i_ - start));
  w.dynamic = true;
}

void ShellParser::ReadDollarParen(ShellWord& w) {
  size_t start = i_;
  if (Peek(2) == '(') {
    size_t end = FindArithmeticEnd(i_ + 3);
    if (end != std::string_view::npos) {
      if (!IsLiteralArithmetic(s_.substr(i_ + 3, end - i_ - 3))) {
        Problem("arithmetic expansion on names");
      }
      i_ = end + 2;
      w.text.append(s_.substr(start, i_ - start));
      w.dynamic = true;
      return;
    }
  }
  Advance(2);
  ParseNestedList("unterminated $(");
  w.text.append(s_.substr(start, i_ - start));
  w.dynamic = true;
}

/// `${…}`: nested substitutions in it run; indirection and subscripts are refused, since
/// bash evaluates `a[$(cmd)]` found in a variable's value.
void ShellParser::ReadBraceExpansion(ShellWord& w) {
  size_t start = i_;
  Advance(2);
  if (Peek() == '!') Problem("indirect expansion ${!…}");
  if (depth_ >= kMaxDepth) {  // "${x:-"${x:-"… recurses through here
    Problem("nesting too deep");
    i_ = s_.size();
    return;
  }
  ++depth_;
  ShellWord sink;
  while (!AtEnd() && Peek() != '}') {
    char c = Peek();
    if (c == '\\') {
      Advance(2);
    } else if (c == '\'') {
      ReadSingleQuoted(sink);
    } else if (c == '"') {
      ReadDoubleQuoted(sink);
    } else if (c == '$') {
      ReadDollar(sink, /*in_double_quotes=*/true);
    } else if (c == '`') {
      ReadBackticks(sink);
    } else {
      if (c == '[') Problem("array subscript in ${…}");
      ++i_;
    }
  }
  --depth_;
  if (AtEnd()) {
    Problem("unterminated ${");
    i_ = s_.size();
  } else {
    ++i_;
  }
  w.text.append(s_.substr(start, std::min(i_, s_.size()) - start));
  w.dynamic = true;
}

/// `$'…'` after the `$`: simple escapes are decoded; numeric ones make the word dynamic.
void ShellParser::ReadAnsiC(ShellWord& w) {
  ++i_;
  while (!AtEnd() && Peek() != '\'') {
    if (Peek() != '\\') {
      w.text.push_back(Peek());
      ++i_;
      continue;
    }
    char n = Peek(1);
    static constexpr std::string_view kFrom = "nt\\'\"ra";
    static constexpr std::string_view kTo = "\n\t\\'\"\r\a";
    size_t k = kFrom.find(n);
    if (k != std::string_view::npos) {
      w.text.push_back(kTo[k]);
    } else {
      w.text.push_back('\\');
      w.text.push_back(n);
      w.dynamic = true;
    }
    Advance(2);
  }
  if (AtEnd()) {
    Problem("unterminated $'");
    return;
  }
  ++i_;
}

void ShellParser::ReadBackticks(ShellWord& w) {
  size_t start = i_;
  std::string body;
  size_t j = i_ + 1;
  while (j < s_.size() && s_[j] != '`') {
    if (s_[j] == '\\' && j + 1 < s_.size() &&
        (s_[j + 1] == '`' || s_[j + 1] == '\\' || s_[j + 1] == '$')) {
      body.push_back(s_[j + 1]);
      j += 2;
    } else {
      body.push_back(s_[j++]);
    }
  }
  if (j >= s_.size()) {
    Problem("unterminated backquote");
    i_ = s_.size();
  } else {
    i_ = j + 1;
  }
  if (depth_ >= kMaxDepth) {
    Problem("nesting too deep");
  } else {
    ShellParser inner(body, out_, depth_ + 1);
    inner.ParseAll();
  }
  w.text.append(s_.substr(start, i_ - start));
  w.dynamic = true;
}

}  // namespace runner::permissions::internal
