#include "runner/tools/grep_literal.h"

#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runner::tools {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// How common a byte is in source code and prose: 0 for rare bytes, more for common ones.
int Commonness(unsigned char c) {
  static constexpr std::string_view kByFrequency =
      " etaoinsrlcdu_hmp\n\tfgy,.();=bvwk*x\"/-0:1>{}'[]2SETRAINOLCDUPMF#3&<4+|56789!%?";
  size_t at = kByFrequency.find(static_cast<char>(c));
  return at == std::string_view::npos ? 0 : static_cast<int>(kByFrequency.size() - at);
}

/// Index past the `]` of the class opening at `p[i]`, or npos.
size_t SkipClass(std::string_view p, size_t i) {
  ++i;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;
  for (; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      size_t end = p.find(":]", i + 2);
      if (end == std::string_view::npos) return end;
      i = end + 1;
    } else if (p[i] == ']') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

/// Index past the `)` closing the group opening at `p[i]`, or npos.
size_t SkipGroup(std::string_view p, size_t i) {
  int depth = 0;
  for (; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      size_t end = SkipClass(p, i);
      if (end == std::string_view::npos) return end;
      i = end - 1;
    } else if (p[i] == '(') {
      ++depth;
    } else if (p[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

/// A `{n}`, `{n,}` or `{n,m}` quantifier at `p[i]`: sets `min` and returns the index past it,
/// or npos when the brace is a literal.
size_t QuantifierEnd(std::string_view p, size_t i, int& min) {
  size_t j = i + 1;
  size_t digits = j;
  while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
  if (j == digits) return std::string_view::npos;
  min = std::atoi(std::string(p.substr(digits, j - digits)).c_str());
  if (j < p.size() && p[j] == ',') {
    ++j;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
  }
  return j < p.size() && p[j] == '}' ? j + 1 : std::string_view::npos;
}

/// Index past an escape with an alphanumeric letter at `p[i]` (`\d`, `\x{41}`, `\p{L}`,
/// `\k<name>`, `\cX`, …).
size_t SkipClassEscape(std::string_view p, size_t i) {
  char e = p[i + 1];
  size_t j = i + 2;
  if (e == 'c') return std::min(p.size(), j + 1);
  if (j < p.size() && p[j] == '{') {
    size_t close = p.find('}', j);
    return close == std::string_view::npos ? p.size() : close + 1;
  }
  if ((e == 'k' || e == 'g') && j < p.size() && (p[j] == '<' || p[j] == '\'')) {
    size_t close = p.find(p[j] == '<' ? '>' : '\'', j + 1);
    return close == std::string_view::npos ? p.size() : close + 1;
  }
  return j;
}

/// Splits the top level of a pattern into runs of literal text.
class RunCollector {
 public:
  explicit RunCollector(CaseMode case_mode) : caseless_(case_mode == CaseMode::kInsensitive) {}

  void AddChar(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    char l = Lower(c);
    if (caseless_ && (u >= 0x80 || l == 'k' || l == 's')) return Break();
    if (u < 0x80 || (u & 0xc0) != 0x80) last_char_ = current_.size();
    current_ += caseless_ ? l : c;
    last_was_char_ = true;
  }
  /// The last character may repeat but not vanish (`+`, `{2}`): it stays, the run ends.
  void Repeat() { Break(); }
  /// The last character may vanish (`?`, `*`, `{0,…}`): it leaves the run.
  void Optional() {
    if (last_was_char_) current_.resize(last_char_);
    Break();
  }
  void Break() {
    if (current_.size() > best_.size()) best_ = current_;
    current_.clear();
    last_was_char_ = false;
  }
  std::string Best() {
    Break();
    return best_;
  }

 private:
  bool caseless_;
  std::string current_;
  std::string best_;
  size_t last_char_ = 0;
  bool last_was_char_ = false;
};

/// Whether `(?` at `p[i]` sets options or starts a construct whose effect is unclear.
bool IsOptionGroup(std::string_view p, size_t i) {
  if (i + 2 >= p.size()) return true;
  char c = p[i + 2];
  return !(c == ':' || c == '=' || c == '!' || c == '<' || c == '>' || c == 'P');
}

}  // namespace

namespace {

constexpr size_t kGiveUp = std::string_view::npos;

/// Walks the top level of a pattern token by token; each step returns the index of the next
/// token, or kGiveUp when no literal can be trusted.
class LiteralScanner {
 public:
  LiteralScanner(std::string_view p, CaseMode case_mode) : p_(p), runs_(case_mode) {}

  bool Scan() {
    if (p_.starts_with("(*")) return false;
    for (size_t i = 0; i < p_.size();) {
      i = p_[i] == '\\' ? Escape(i) : IsQuantifier(i) ? Quantifier(i) : Atom(i);
      if (i == kGiveUp) return false;
    }
    return true;
  }
  std::string Best() { return runs_.Best(); }
  bool only_literals() const { return only_literals_; }

 private:
  size_t Escape(size_t i) {
    if (i + 1 >= p_.size()) return kGiveUp;
    if (p_[i + 1] == 'Q') {  // \Q…\E quotes literal text
      size_t end = p_.find("\\E", i + 2);
      std::string_view quoted = p_.substr(i + 2, end == kGiveUp ? end : end - i - 2);
      for (char q : quoted) runs_.AddChar(q);
      return end == kGiveUp ? p_.size() : end + 2;
    }
    if (!IsAlnum(p_[i + 1])) {
      runs_.AddChar(p_[i + 1]);
      return i + 2;
    }
    only_literals_ = false;
    runs_.Break();
    return SkipClassEscape(p_, i);
  }

  bool IsQuantifier(size_t i) {
    char c = p_[i];
    min_ = c == '+' ? 1 : 0;
    quantifier_end_ = c == '{' ? QuantifierEnd(p_, i, min_) : i + 1;
    return c == '*' || c == '?' || c == '+' || (c == '{' && quantifier_end_ != kGiveUp);
  }

  size_t Quantifier(size_t) {
    only_literals_ = false;
    min_ == 0 ? runs_.Optional() : runs_.Repeat();
    size_t i = quantifier_end_;
    if (i < p_.size() && (p_[i] == '?' || p_[i] == '+')) ++i;  // lazy or possessive
    return i;
  }

  size_t Atom(size_t i) {
    char c = p_[i];
    if (c == '|' || c == ')') return kGiveUp;
    if (c != '(' && c != '[' && c != '.' && c != '^' && c != '$') {
      runs_.AddChar(c);
      return i + 1;
    }
    only_literals_ = false;
    runs_.Break();
    if (c == '[') return SkipClass(p_, i);
    if (c != '(') return i + 1;
    bool special = i + 1 < p_.size() && (p_[i + 1] == '*' || p_[i + 1] == '?');
    if (special && (p_[i + 1] == '*' || IsOptionGroup(p_, i))) return kGiveUp;
    return SkipGroup(p_, i);
  }

  std::string_view p_;
  RunCollector runs_;
  bool only_literals_ = true;
  int min_ = 0;
  size_t quantifier_end_ = 0;
};

}  // namespace

RequiredLiteral ExtractRequiredLiteral(std::string_view p, CaseMode case_mode) {
  LiteralScanner scanner(p, case_mode);
  if (!scanner.Scan()) return {};
  RequiredLiteral literal;
  literal.text = scanner.Best();
  literal.whole = scanner.only_literals() && case_mode == CaseMode::kSensitive && !p.empty() &&
                  literal.text.size() == p.size();
  if (literal.text.size() < 2) return {};
  return literal;
}

bool MayMatchNewline(std::string_view p) {
  static constexpr std::string_view kNewlineEscapes = "nsRvWDHCXpPx0123456789c";
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '.' || c == '\n') return true;
    if (c == '[' && i + 1 < p.size() && p[i + 1] == '^') return true;
    if (c == '\\' && i + 1 < p.size()) {
      if (kNewlineEscapes.find(p[i + 1]) != std::string_view::npos) return true;
      ++i;
    }
  }
  return false;
}

bool HasAsciiOnlySemantics(std::string_view p, CaseMode case_mode) {
  if (case_mode == CaseMode::kInsensitive) return false;
  static constexpr std::string_view kPlainEscapes = "tnrfea";
  for (size_t i = 0; i < p.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80 || c == '.') return false;
    if (c == '[' && i + 1 < p.size() && p[i + 1] == '^') return false;
    if (c == '(' && i + 1 < p.size() && (p[i + 1] == '*' || p[i + 1] == '?')) {
      if (p[i + 1] == '*' || i + 2 >= p.size() || p[i + 2] != ':') return false;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      char e = p[i + 1];
      if (IsAlnum(e) && kPlainEscapes.find(e) == std::string_view::npos) return false;
      ++i;
    }
  }
  return true;
}

namespace {

/// The first byte equal to `a` or `b` in [p, end), or null.
const char* FindEither(const char* p, const char* end, char a, char b) {
  if (a == b) return static_cast<const char*>(std::memchr(p, a, end - p));
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  for (; end - p >= 16; p += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#endif
  for (; p < end; ++p) {
    if (*p == a || *p == b) return p;
  }
  return nullptr;
}

bool EqualsCaseless(const char* text, std::string_view lower) {
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(text[i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace

LiteralFinder::LiteralFinder(std::string literal, CaseMode case_mode)
    : literal_(std::move(literal)), case_mode_(case_mode) {
  if (case_mode_ == CaseMode::kInsensitive) {
    for (char& c : literal_) c = Lower(c);
  }
  int best = 0;
  for (size_t i = 0; i < literal_.size(); ++i) {
    int cost = Commonness(static_cast<unsigned char>(literal_[i]));
    // A letter costs a scan for two bytes when case does not matter.
    if (case_mode_ == CaseMode::kInsensitive && Upper(literal_[i]) != literal_[i]) cost += 2;
    if (i == 0 || cost < best) {
      best = cost;
      rare_ = i;
    }
  }
}

size_t LiteralFinder::Find(std::string_view hay, size_t from) const {
  size_t n = literal_.size();
  if (n == 0) return from <= hay.size() ? from : std::string_view::npos;
  if (from + n > hay.size()) return std::string_view::npos;
  const char* begin = hay.data();
  const char* end = begin + hay.size();
  char target = literal_[rare_];
  char other = case_mode_ == CaseMode::kInsensitive ? Upper(target) : target;
  const char* p = begin + from + rare_;
  const char* last_start = end - n;
  while (p < end) {
    const char* hit = FindEither(p, end, target, other);
    if (hit == nullptr) return std::string_view::npos;
    const char* start = hit - rare_;
    if (start > last_start) return std::string_view::npos;
    bool equal = case_mode_ == CaseMode::kSensitive ? std::memcmp(start, literal_.data(), n) == 0
                                                    : EqualsCaseless(start, literal_);
    if (equal) return static_cast<size_t>(start - begin);
    p = hit + 1;
  }
  return std::string_view::npos;
}

}  // namespace runner::tools
