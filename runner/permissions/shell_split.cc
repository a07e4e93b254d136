#include "runner/permissions/shell_split.h"

#include <algorithm>
#include <array>

#include "runner/permissions/shell_parser.h"

namespace runner::permissions {

namespace internal {

namespace {

bool IsPlainKeyword(const ShellWord& w) { return !w.dynamic && w.plain_prefix == w.text.size(); }

// Words that only structure the script (`if a; then b; fi` runs `a` and `b`).
bool IsStructuralKeyword(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "!", "{", "}", "if", "then", "elif", "else", "fi", "do", "done", "while", "until"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// Constructs whose grammar this analysis does not follow.
bool IsUnsupportedKeyword(std::string_view w) {
  return w == "case" || w == "esac" || w == "function" || w == "coproc" || w == "[[" || w == "]]" ||
         w == "select";
}

bool IsAssignment(const ShellWord& w) {
  if (w.text.empty() || !IsNameStart(w.text[0])) return false;
  size_t i = 1;
  while (i < w.text.size() && IsNameChar(w.text[i])) ++i;
  if (i < w.text.size() && w.text[i] == '+') ++i;
  return i < w.text.size() && w.text[i] == '=' && i < w.plain_prefix;
}

}  // namespace

bool IsLiteralArithmetic(std::string_view body) {
  return std::all_of(body.begin(), body.end(), [](char c) {
    return IsDigit(c) || IsBlank(c) ||
           std::string_view("+-*/%()<>=!&|^~?:,").find(c) != std::string_view::npos;
  });
}

void ShellParser::Problem(std::string_view what) {
  if (out_.problem.empty()) out_.problem = std::string(what);
}

void ShellParser::Advance(size_t n) { i_ = std::min(i_ + n, s_.size()); }

void ShellParser::ParseAll() {
  // bash never sees past a NUL (its script is a C string), so the two analyses could differ.
  if (s_.find('\0') != std::string_view::npos) Problem("NUL character");
  ParseList(/*in_parens=*/false);
  if (i_ < s_.size()) Problem("unexpected text");
}

void ShellParser::SkipBlanks() {
  while (!AtEnd()) {
    if (IsBlank(Peek())) {
      ++i_;
    } else if (Peek() == '\\' && Peek(1) == '\n') {
      Advance(2);
    } else {
      return;
    }
  }
}
void ShellParser::SkipComment() {
  while (!AtEnd() && Peek() != '\n') ++i_;
}

/// Parses commands and operators until the end or, when `in_parens`, an unmatched `)`
/// (left unconsumed).
void ShellParser::ParseList(bool in_parens) {
  while (true) {
    SkipBlanks();
    if (AtEnd()) return;
    char c = Peek();
    if (c == '#') {
      SkipComment();
    } else if (c == '\n') {
      ++i_;
      ReadHeredocBodies();
    } else if (c == ')') {
      if (in_parens) return;
      Problem("unbalanced ')'");
      ++i_;
    } else if (c == ';') {
      if (Peek(1) == ';' || Peek(1) == '&') Problem("case clause");
      ++i_;
    } else if (c == '|') {
      i_ += (Peek(1) == '|' || Peek(1) == '&') ? 2 : 1;
    } else if (c == '&' && Peek(1) != '>') {
      i_ += Peek(1) == '&' ? 2 : 1;
    } else if (c == '(') {
      ParseParenthesized();
    } else {
      ParseSimpleCommand();
    }
  }
}

/// `( list )` or `(( arithmetic ))` at the start of a command.
void ShellParser::ParseParenthesized() {
  if (Peek(1) == '(') {
    size_t end = FindArithmeticEnd(i_ + 2);
    if (end != std::string_view::npos) {
      if (!IsLiteralArithmetic(s_.substr(i_ + 2, end - i_ - 2))) Problem("arithmetic command");
      i_ = end + 2;
      return;
    }
  }
  ++i_;
  ParseNestedList("unterminated subshell");
}

/// After an opening parenthesis: the list and its closing `)`.
void ShellParser::ParseNestedList(std::string_view unterminated) {
  if (depth_ >= kMaxDepth) {
    Problem("nesting too deep");
    i_ = s_.size();
    return;
  }
  ++depth_;
  ParseList(/*in_parens=*/true);
  --depth_;
  if (Peek() == ')') {
    ++i_;
  } else {
    Problem(unterminated);
  }
}

/// Given the index just after `((` or `$((`, the index of the closing `))`, or npos when
/// the parentheses do not close as arithmetic (then it is a subshell in a substitution).
size_t ShellParser::FindArithmeticEnd(size_t from) const {
  int depth = 0;
  for (size_t j = from; j < s_.size(); ++j) {
    if (s_[j] == '(') {
      ++depth;
    } else if (s_[j] == ')') {
      if (depth > 0) {
        --depth;
      } else {
        return j + 1 < s_.size() && s_[j + 1] == ')' ? j : std::string_view::npos;
      }
    }
  }
  return std::string_view::npos;
}

void ShellParser::ParseSimpleCommand() {
  size_t slot = out_.commands.size();
  out_.commands.emplace_back();
  bool at_start = true;
  while (ReadCommandItem(slot, at_start)) {
  }
  const SimpleCommand& cmd = out_.commands[slot];
  if (cmd.words.empty() && cmd.assignments.empty() && cmd.redirects.empty()) {
    out_.commands.erase(out_.commands.begin() + static_cast<std::ptrdiff_t>(slot));
  }
}

/// One word, redirection or keyword of the command in `slot`; false at the command's end.
bool ShellParser::ReadCommandItem(size_t slot, bool& at_start) {
  SkipBlanks();
  if (AtEnd()) return false;
  char c = Peek();
  if (c == '\n' || c == ';' || c == '|' || c == ')' || (c == '&' && Peek(1) != '>')) return false;
  if (c == '#') {
    SkipComment();
    return false;
  }
  SimpleCommand& cmd = out_.commands[slot];
  if (c == '(') {
    bool subshell = at_start && cmd.words.empty() && cmd.assignments.empty() &&
                    cmd.redirects.empty();  // `! ( … )`, `then ( … )`
    if (!subshell) Problem("unexpected '(' (function definition?)");
    ++i_;
    ParseNestedList("unterminated '('");
    return true;
  }
  if (IsRedirectStart()) {
    ShellRedirect r = ReadRedirect();
    out_.commands[slot].redirects.push_back(std::move(r));  // `cmd` may have moved
    at_start = false;
    return true;
  }
  size_t word_start = i_;
  ShellWord w = ReadWord();
  if (i_ == word_start) {  // every non-meta character starts a word; never loop on one
    Problem("unexpected character");
    ++i_;
    return true;
  }
  if (at_start && IsPlainKeyword(w)) {
    switch (ReadKeyword(w.text)) {
      case Keyword::kNotOne:
        break;
      case Keyword::kHandled:
        return true;
      case Keyword::kEndsCommand:
        return false;
    }
  }
  at_start = false;
  SimpleCommand& now = out_.commands[slot];  // nested substitutions may have grown the list
  (now.words.empty() && IsAssignment(w) ? now.assignments : now.words).push_back(std::move(w));
  return true;
}

/// A reserved word at the start of a command: skips what it introduces.
ShellParser::Keyword ShellParser::ReadKeyword(const std::string& word) {
  if (IsStructuralKeyword(word)) return Keyword::kHandled;
  if (word == "time") {
    SkipTimeOption();
    return Keyword::kHandled;
  }
  if (word == "for") {
    ParseForHeader();
    return Keyword::kEndsCommand;
  }
  if (IsUnsupportedKeyword(word)) Problem("unsupported shell construct '" + word + "'");
  return Keyword::kNotOne;
}

void ShellParser::SkipTimeOption() {
  SkipBlanks();
  if (Peek() == '-' && Peek(1) == 'p' && (IsMeta(Peek(2)) || Peek(2) == '\0')) Advance(2);
}

/// `for NAME [in WORDS]`: the words are not a command, but their substitutions run.
void ShellParser::ParseForHeader() {
  SkipBlanks();
  if (Peek() == '(' && Peek(1) == '(') {
    Problem("arithmetic for loop");
    return;
  }
  ReadWord();  // the loop variable
  SkipBlanks();
  size_t before = i_;
  ShellWord in = ReadWord();
  if (in.text != "in" || !IsPlainKeyword(in)) {
    i_ = before;
    return;
  }
  while (true) {
    SkipBlanks();
    if (AtEnd() || IsMeta(Peek())) return;
    ReadWord();
  }
}

bool ShellParser::AtProcessSubstitution() const {
  return (Peek() == '<' || Peek() == '>') && Peek(1) == '(';
}

bool ShellParser::IsRedirectStart() const {
  size_t j = i_;
  if (Peek() == '{') {  // `{name}>file` stores the new descriptor's number in $name
    ++j;
    while (j < s_.size() && IsNameChar(s_[j])) ++j;
    if (j == i_ + 1 || j >= s_.size() || s_[j] != '}') return false;
    ++j;
    return j < s_.size() && (s_[j] == '<' || s_[j] == '>');
  }
  while (j < s_.size() && IsDigit(s_[j])) ++j;
  if (j >= s_.size()) return false;
  char c = s_[j];
  if (c == '&') return j == i_ && j + 1 < s_.size() && s_[j + 1] == '>';
  if (c != '<' && c != '>') return false;
  // `<(…)` and `>(…)` are process substitutions, read as words.
  return !(j == i_ && j + 1 < s_.size() && s_[j + 1] == '(');
}

ShellRedirect ShellParser::ReadRedirect() {
  if (Peek() == '{') i_ = s_.find('}', i_) + 1;  // IsRedirectStart saw the brace close
  while (IsDigit(Peek())) ++i_;
  static constexpr std::array<std::string_view, 12> kOps = {"&>>", "<<<", "<<-", "&>", ">>", ">|",
                                                            ">&",  "<<",  "<&",  "<>", ">",  "<"};
  ShellRedirect r;
  for (std::string_view op : kOps) {
    if (s_.substr(i_).starts_with(op)) {
      r.op = std::string(op);
      break;
    }
  }
  i_ += r.op.size();
  SkipBlanks();
  size_t start = i_;
  if (!AtEnd() && (!IsMeta(Peek()) || AtProcessSubstitution())) r.target = ReadWord();
  if (i_ == start) Problem("redirection without a target");
  if (r.op == "<<" || r.op == "<<-") {
    // Quoting any part of the delimiter turns expansion in the body off.
    bool quoted = s_.substr(start, i_ - start).find_first_of("'\"\\") != std::string_view::npos;
    heredocs_.push_back({r.target.text, r.op == "<<-", !quoted});
  }
  return r;
}

/// After a newline: the bodies of the here-documents started on the line just ended. Each
/// body's extent is found first, as bash does, so nothing in it can hide the delimiter line.
void ShellParser::ReadHeredocBodies() {
  std::vector<PendingHeredoc> pending;
  pending.swap(heredocs_);
  for (const PendingHeredoc& h : pending) {
    auto [body_end, next] = FindHeredocEnd(i_, h);
    if (h.expands) {
      if (depth_ >= kMaxDepth) {
        Problem("nesting too deep");
      } else {
        ShellParser body(s_.substr(i_, body_end - i_), out_, depth_ + 1);
        body.ScanExpandingText();
      }
    }
    i_ = next;
  }
}

/// From `from`: where the delimiter line starts (the end of the text when there is none) and
/// where the line after it starts. In an expanding body a backslash-newline joins lines first.
std::pair<size_t, size_t> ShellParser::FindHeredocEnd(size_t from, const PendingHeredoc& h) const {
  size_t pos = from;
  while (pos < s_.size()) {
    size_t line_start = pos;
    std::string logical;
    size_t eol;
    while (true) {
      eol = std::min(s_.find('\n', pos), s_.size());
      std::string_view seg = s_.substr(pos, eol - pos);
      if (h.strip_tabs) seg.remove_prefix(std::min(seg.find_first_not_of('\t'), seg.size()));
      size_t keep = seg.find_last_not_of('\\');
      size_t slashes = keep == std::string_view::npos ? seg.size() : seg.size() - keep - 1;
      if (!h.expands || slashes % 2 == 0 || eol == s_.size()) {
        logical.append(seg);
        break;
      }
      logical.append(seg.substr(0, seg.size() - 1));
      pos = eol + 1;
    }
    if (logical == h.delimiter) return {line_start, std::min(eol + 1, s_.size())};
    pos = eol + 1;
  }
  return {s_.size(), s_.size()};
}

/// The whole text is an unquoted here-document body: substitutions in it run.
void ShellParser::ScanExpandingText() {
  ShellWord sink;
  while (!AtEnd()) {
    if (Peek() == '\\') {
      Advance(2);
    } else if (Peek() == '$') {
      ReadDollar(sink, /*in_double_quotes=*/true);
    } else if (Peek() == '`') {
      ReadBackticks(sink);
    } else {
      ++i_;
    }
  }
}

}  // namespace internal

bool ShellRedirect::WritesFile() const {
  if (op == ">" || op == ">>" || op == ">|" || op == "&>" || op == "&>>" || op == "<>") {
    return true;
  }
  if (op != ">&") return false;
  // `>&2` and `>&-` duplicate or close a descriptor; `>&file` is `&>file`.
  const std::string& t = target.text;
  bool fd = !t.empty() && !target.dynamic &&
            (t == "-" || std::all_of(t.begin(), t.end(), internal::IsDigit));
  return !fd;
}

ShellAnalysis SplitShellCommand(std::string_view text) {
  ShellAnalysis out;
  internal::ShellParser parser(text, out, 0);
  parser.ParseAll();
  return out;
}

std::string CommandText(const SimpleCommand& command) {
  std::string out;
  for (const auto* list : {&command.assignments, &command.words}) {
    for (const ShellWord& w : *list) {
      if (!out.empty()) out.push_back(' ');
      out += w.text;
    }
  }
  return out;
}

}  // namespace runner::permissions
