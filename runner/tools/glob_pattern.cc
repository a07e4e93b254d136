#include "runner/tools/glob_pattern.h"

#include <fmt/format.h>

namespace runner::tools {
namespace {

using base::ErrorKind;
using base::Fail;
using base::Result;
using Token = GlobPattern::Token;
using Alternative = GlobPattern::Alternative;

constexpr size_t kMaxAlternatives = 1024;

/// Decodes the UTF-8 character at `s[i]` (an invalid byte stands for itself) and advances `i`.
char32_t NextChar(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
  if (len == 1 || i + len > s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x7f >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xc0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3f);
  }
  i += len;
  return cp;
}

/// Index just past the `]` closing the class that starts at `s[open]`, or npos.
size_t ClassEnd(std::string_view s, size_t open) {
  size_t i = open + 1;
  if (i < s.size() && (s[i] == '!' || s[i] == '^')) ++i;
  if (i < s.size() && s[i] == ']') ++i;  // a leading `]` is literal
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == ']') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

/// Index of the `}` closing the brace group opened at `s[open]`, or npos. Records the
/// top-level commas.
size_t BraceEnd(std::string_view s, size_t open, std::vector<size_t>& commas) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      size_t end = ClassEnd(s, i);
      if (end == std::string_view::npos) return end;
      i = end - 1;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) return i;
    } else if (c == ',' && depth == 1) {
      commas.push_back(i);
    }
  }
  return std::string_view::npos;
}

/// Expands the first brace group of `pattern` (recursively) into `out`.
Result<void> ExpandBraces(std::string_view pattern, std::vector<std::string>& out) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') {
      size_t end = ClassEnd(pattern, i);
      if (end == std::string_view::npos) break;  // reported by the tokenizer
      i = end - 1;
      continue;
    }
    if (c != '{') continue;
    std::vector<size_t> commas;
    size_t close = BraceEnd(pattern, i, commas);
    if (close == std::string_view::npos) {
      return Fail(ErrorKind::kParse, fmt::format("unclosed alternate group; missing '}}'"));
    }
    std::string_view head = pattern.substr(0, i);
    std::string_view tail = pattern.substr(close + 1);
    size_t start = i + 1;
    commas.push_back(close);
    for (size_t comma : commas) {
      std::string joined = std::string(head);
      joined += pattern.substr(start, comma - start);
      joined += tail;
      TRY_VOID(ExpandBraces(joined, out));
      if (out.size() > kMaxAlternatives) {
        return Fail(ErrorKind::kParse, "too many alternatives in braces");
      }
      start = comma + 1;
    }
    return {};
  }
  out.emplace_back(pattern);
  return {};
}

void AppendLiteral(std::vector<Token>& tokens, std::string_view text) {
  if (tokens.empty() || tokens.back().kind != Token::Kind::kLiteral) {
    tokens.push_back(Token{Token::Kind::kLiteral, "", {}, false});
  }
  tokens.back().text += text;
}

/// Parses the class at `s[open]` (known to be closed) into a token; returns the index past it.
size_t ParseClass(std::string_view s, size_t open, Token& token) {
  token.kind = Token::Kind::kClass;
  size_t end = ClassEnd(s, open);
  size_t i = open + 1;
  if (s[i] == '!' || s[i] == '^') {
    token.negated = true;
    ++i;
  }
  bool first = true;
  while (i < end - 1 && (first || s[i] != ']')) {
    first = false;
    if (s[i] == '\\') ++i;
    char32_t lo = NextChar(s, i);
    char32_t hi = lo;
    if (i + 1 < end - 1 && s[i] == '-' && s[i + 1] != ']') {
      ++i;
      if (s[i] == '\\') ++i;
      hi = NextChar(s, i);
    }
    token.ranges.emplace_back(lo, hi);
  }
  return end;
}

/// Whether the `**` at `s[i]` is a whole component: returns its kind, or kStar when not.
Token::Kind StarStarKind(std::string_view s, size_t i) {
  bool starts_component = i == 0 || s[i - 1] == '/';
  bool at_end = i + 2 == s.size();
  bool before_slash = i + 2 < s.size() && s[i + 2] == '/';
  if (!starts_component) return Token::Kind::kStar;
  if (i == 0 && at_end) return Token::Kind::kEverything;
  if (before_slash) return Token::Kind::kAnyDirs;
  if (at_end) return Token::Kind::kAnyBelow;
  return Token::Kind::kStar;
}

Token Simple(Token::Kind kind) { return Token{kind, "", {}, false}; }

/// Adds the `**` at `s[i]`; returns the index past it.
size_t AddStarStar(std::string_view s, size_t i, std::vector<Token>& tokens) {
  Token::Kind kind = StarStarKind(s, i);
  if (kind == Token::Kind::kAnyBelow) {
    // `a/**`: the `/` already appended to the literal belongs to this token.
    tokens.back().text.pop_back();
    if (tokens.back().text.empty()) tokens.pop_back();
  }
  if (kind == Token::Kind::kStar && !tokens.empty() && tokens.back().kind == kind) return i + 2;
  tokens.push_back(Simple(kind));
  return i + (kind == Token::Kind::kAnyDirs ? 3 : 2);
}

/// Tokenizes one brace-free alternative.
Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\\') {
      if (i + 1 >= s.size()) return Fail(ErrorKind::kParse, "dangling '\\'");
      size_t next = i + 1;
      NextChar(s, next);
      AppendLiteral(tokens, s.substr(i + 1, next - i - 1));
      i = next;
    } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      i = AddStarStar(s, i, tokens);
    } else if (c == '*') {
      if (tokens.empty() || tokens.back().kind != Token::Kind::kStar) {
        tokens.push_back(Simple(Token::Kind::kStar));
      }
      ++i;
    } else if (c == '?') {
      tokens.push_back(Simple(Token::Kind::kAnyChar));
      ++i;
    } else if (c == '[') {
      if (ClassEnd(s, i) == std::string_view::npos) {
        return Fail(ErrorKind::kParse, "unclosed character class; missing ']'");
      }
      tokens.emplace_back();
      i = ParseClass(s, i, tokens.back());
    } else {
      AppendLiteral(tokens, s.substr(i++, 1));
    }
  }
  return tokens;
}

bool IsLiteral(const Token& t) { return t.kind == Token::Kind::kLiteral; }
bool NoSlash(std::string_view s) { return s.find('/') == std::string_view::npos; }

/// For the general matcher: the longest literal token, a cheap first test.
void ChooseRequiredText(Alternative& alt) {
  for (const Token& t : alt.tokens) {
    if (IsLiteral(t) && t.text.size() > alt.text.size()) alt.text = t.text;
  }
}

/// Recognises the shapes that can be matched without the general matcher.
void ChooseShape(Alternative& alt) {
  using Shape = Alternative::Shape;
  using Kind = Token::Kind;
  const std::vector<Token>& t = alt.tokens;
  auto set = [&](Shape shape, std::string text) {
    alt.shape = shape;
    alt.text = std::move(text);
  };
  if (t.size() == 1 && IsLiteral(t[0])) return set(Shape::kLiteral, t[0].text);
  if (t.size() == 1 && t[0].kind == Kind::kEverything) return set(Shape::kEverything, "");
  if (t.size() == 2 && t[0].kind == Kind::kStar && IsLiteral(t[1]) && NoSlash(t[1].text)) {
    return set(Shape::kBasenameSuffix, t[1].text);
  }
  if (t.size() == 2 && IsLiteral(t[0]) && t[1].kind == Kind::kStar) {
    return set(Shape::kBasenamePrefix, t[0].text);
  }
  if (t.size() == 3 && t[0].kind == Kind::kAnyDirs && t[1].kind == Kind::kStar && IsLiteral(t[2]) &&
      NoSlash(t[2].text)) {
    return set(Shape::kAnySuffix, t[2].text);
  }
  if (t.size() == 2 && t[0].kind == Kind::kAnyDirs && IsLiteral(t[1]) && NoSlash(t[1].text)) {
    return set(Shape::kAnyBasename, t[1].text);
  }
  if (t.size() == 2 && IsLiteral(t[0]) && t[1].kind == Kind::kAnyBelow) {
    return set(Shape::kPrefixDirectory, t[0].text + "/");
  }
  ChooseRequiredText(alt);
}

bool ClassMatches(const Token& token, char32_t c) {
  bool in = false;
  for (const auto& [lo, hi] : token.ranges) {
    if (c >= lo && c <= hi) {
      in = true;
      break;
    }
  }
  return in != token.negated;
}

bool MatchFrom(const std::vector<Token>& tokens, size_t ti, std::string_view path, size_t pi);

/// `*` at tokens[ti]: tries every end within the current component.
bool MatchStar(const std::vector<Token>& tokens, size_t ti, std::string_view path, size_t pi) {
  size_t limit = path.find('/', pi);
  if (limit == std::string_view::npos) limit = path.size();
  if (ti + 1 == tokens.size()) return limit == path.size();
  const Token& next = tokens[ti + 1];
  if (IsLiteral(next)) {
    // Only where the next literal occurs can the star end.
    for (size_t at = path.find(next.text, pi); at != std::string_view::npos && at <= limit;
         at = path.find(next.text, at + 1)) {
      if (MatchFrom(tokens, ti + 1, path, at)) return true;
    }
    return false;
  }
  for (size_t end = limit + 1; end-- > pi;) {
    if (MatchFrom(tokens, ti + 1, path, end)) return true;
  }
  return false;
}

/// `**/` at tokens[ti]: tries the rest at `pi` and after every following `/`.
bool MatchAnyDirs(const std::vector<Token>& tokens, size_t ti, std::string_view path, size_t pi) {
  for (size_t at = pi; at <= path.size();) {
    if (MatchFrom(tokens, ti + 1, path, at)) return true;
    size_t slash = path.find('/', at);
    if (slash == std::string_view::npos) return false;
    at = slash + 1;
  }
  return false;
}

/// The general matcher: backtracking over tokens (paths are short).
bool MatchFrom(const std::vector<Token>& tokens, size_t ti, std::string_view path, size_t pi) {
  for (; ti < tokens.size(); ++ti) {
    const Token& t = tokens[ti];
    switch (t.kind) {
      case Token::Kind::kLiteral:
        if (path.substr(pi, t.text.size()) != t.text) return false;
        pi += t.text.size();
        break;
      case Token::Kind::kAnyChar:
      case Token::Kind::kClass: {
        if (pi >= path.size() || path[pi] == '/') return false;
        char32_t c = NextChar(path, pi);
        if (t.kind == Token::Kind::kClass && !ClassMatches(t, c)) return false;
        break;
      }
      case Token::Kind::kStar:
        return MatchStar(tokens, ti, path, pi);
      case Token::Kind::kAnyDirs:
        return MatchAnyDirs(tokens, ti, path, pi);
      case Token::Kind::kAnyBelow:
        return pi + 1 < path.size() && path[pi] == '/';
      case Token::Kind::kEverything:
        return true;
    }
  }
  return pi == path.size();
}

bool MatchesAlternative(const Alternative& alt, std::string_view path) {
  using Shape = Alternative::Shape;
  switch (alt.shape) {
    case Shape::kLiteral:
      return path == alt.text;
    case Shape::kBasenameSuffix:
      return path.ends_with(alt.text) && path.find('/') == std::string_view::npos;
    case Shape::kBasenamePrefix:
      return path.starts_with(alt.text) &&
             path.find('/', alt.text.size()) == std::string_view::npos;
    case Shape::kAnySuffix:
      return path.ends_with(alt.text);
    case Shape::kAnyBasename:
      return path.ends_with(alt.text) &&
             (path.size() == alt.text.size() || path[path.size() - alt.text.size() - 1] == '/');
    case Shape::kPrefixDirectory:
      return path.size() > alt.text.size() && path.starts_with(alt.text);
    case Shape::kEverything:
      return true;
    case Shape::kGeneric:
      if (!alt.text.empty() && path.find(alt.text) == std::string_view::npos) return false;
      return MatchFrom(alt.tokens, 0, path, 0);
  }
  return false;
}

}  // namespace

Result<GlobPattern> GlobPattern::Compile(std::string_view pattern) {
  std::vector<std::string> expanded;
  if (auto ok = ExpandBraces(pattern, expanded); !ok) {
    return Fail(ErrorKind::kParse,
                fmt::format("error parsing glob '{}': {}", pattern, ok.error().message));
  }
  GlobPattern glob;
  glob.source_ = std::string(pattern);
  for (const std::string& text : expanded) {
    auto tokens = Tokenize(text);
    if (!tokens) {
      return Fail(ErrorKind::kParse,
                  fmt::format("error parsing glob '{}': {}", pattern, tokens.error().message));
    }
    Alternative alt;
    alt.tokens = std::move(*tokens);
    ChooseShape(alt);
    glob.alternatives_.push_back(std::move(alt));
  }
  return glob;
}

std::optional<std::string_view> GlobPattern::LiteralText() const {
  if (alternatives_.size() != 1 || alternatives_[0].shape != Alternative::Shape::kLiteral) {
    return std::nullopt;
  }
  return alternatives_[0].text;
}

std::optional<std::string_view> GlobPattern::StarSuffix() const {
  if (alternatives_.size() != 1 || alternatives_[0].shape != Alternative::Shape::kBasenameSuffix) {
    return std::nullopt;
  }
  return alternatives_[0].text;
}

bool GlobPattern::Matches(std::string_view path) const {
  for (const Alternative& alt : alternatives_) {
    if (MatchesAlternative(alt, path)) return true;
  }
  return false;
}

}  // namespace runner::tools
