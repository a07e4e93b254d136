#include "integrations/github/sanitize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "integrations/github/redact.h"
#include "runner/base/strings.h"

namespace integrations::github {

namespace {

// ---- UTF-8 and invisible characters ----

/// Decodes the code point at s[i]; returns its length, or 0 when the bytes there are not valid
/// UTF-8 (overlong forms, surrogates and values above U+10FFFF are invalid).
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  unsigned char b = byte(0);
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF && cont(1)) {
    *cp = ((b & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return 2;
  }
  if (b >= 0xE0 && b <= 0xEF) {
    unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;
    unsigned char hi = b == 0xED ? 0x9F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2)) return 0;
    *cp = ((b & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    unsigned char lo = b == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return 0;
    *cp = ((b & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
          (byte(3) & 0x3Fu);
    return 4;
  }
  return 0;
}

bool IsInvisible(char32_t cp) {
  struct Range {
    char32_t lo, hi;
  };
  static constexpr std::array<Range, 21> kRanges = {{
      {0x00, 0x08},     {0x0B, 0x1F},     {0x7F, 0x9F},     {0xAD, 0xAD},       {0x34F, 0x34F},
      {0x61C, 0x61C},   {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180E, 0x180E},   {0x200B, 0x200F},
      {0x2028, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164}, {0xFDD0, 0xFDEF},   {0xFE00, 0xFE0F},
      {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF9, 0xFFFB}, {0xE0000, 0xE007F}, {0xE0100, 0xE01EF},
      {0xD800, 0xDFFF},
  }};
  if ((cp & 0xFFFE) == 0xFFFE) return true;  // U+FFFE, U+FFFF and their plane copies
  for (const Range& r : kRanges) {
    if (cp >= r.lo && cp <= r.hi) return true;
  }
  return cp > 0x10FFFF;
}

bool IsPrintable(char32_t cp) { return cp >= 0x20 && !IsInvisible(cp); }

// ---- numeric character references ----

std::string DecodeNumericReferences(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&' || i + 2 >= s.size() || s[i + 1] != '#') {
      out += s[i++];
      continue;
    }
    const bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
    size_t at = i + (hex ? 3 : 2);
    char32_t cp = 0;
    size_t digits = 0;
    for (; at < s.size(); ++at, ++digits) {
      char c = s[at];
      int d = (c >= '0' && c <= '9')        ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0) break;
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
    }
    if (digits == 0 || at >= s.size() || s[at] != ';') {
      out += s[i++];
      continue;
    }
    if (IsPrintable(cp)) runner::base::AppendUtf8(out, cp);
    i = at + 1;
  }
  return out;
}

// ---- HTML comments ----

std::string RemoveHtmlComments(std::string_view s) {
  std::string out;
  size_t from = 0;
  for (size_t at = s.find("<!--"); at != std::string_view::npos; at = s.find("<!--", from)) {
    out.append(s.substr(from, at - from));
    // `<!-->` and `<!--->` are complete (empty) comments, hence the search from at + 2.
    size_t end = std::min(s.find("-->", at + 2), s.find("--!>", at + 2));
    if (end == std::string_view::npos) return out;
    from = end + (s[end + 2] == '!' ? 4 : 3);
  }
  out.append(s.substr(from));
  return out;
}

// ---- HTML tags ----

struct Attr {
  size_t begin = 0;  ///< including the white space before the name
  size_t end = 0;
  std::string name;  ///< lower case
  std::string value;
};

struct Tag {
  size_t begin = 0;
  size_t end = 0;    ///< one past `>`
  std::string name;  ///< lower case
  bool closing = false;
  bool self_closing = false;
  std::vector<Attr> attrs;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Parses the tag at s[i] == '<'; nullopt when the text there is not a well-formed tag.
std::optional<Tag> ParseTag(std::string_view s, size_t i) {
  Tag tag;
  tag.begin = i;
  size_t at = i + 1;
  if (at < s.size() && s[at] == '/') {
    tag.closing = true;
    ++at;
  }
  if (at >= s.size() || !IsAsciiAlpha(s[at])) return std::nullopt;
  while (at < s.size() && (IsAsciiAlpha(s[at]) || (s[at] >= '0' && s[at] <= '9') || s[at] == '-')) {
    tag.name += static_cast<char>(s[at] | 0x20);
    ++at;
  }
  while (true) {
    size_t attr_begin = at;
    while (at < s.size() && IsSpace(s[at])) ++at;
    if (at >= s.size()) return std::nullopt;
    if (s[at] == '>') {
      tag.end = at + 1;
      return tag;
    }
    if (s[at] == '/' && at + 1 < s.size() && s[at + 1] == '>') {
      tag.self_closing = true;
      tag.end = at + 2;
      return tag;
    }
    if (at == attr_begin) return std::nullopt;  // attributes are separated by white space
    Attr attr;
    attr.begin = attr_begin;
    while (at < s.size() && !IsSpace(s[at]) &&
           std::string_view("/>=\"'<").find(s[at]) == std::string_view::npos) {
      attr.name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[at])));
      ++at;
    }
    if (attr.name.empty()) return std::nullopt;
    size_t after_name = at;
    while (at < s.size() && IsSpace(s[at])) ++at;
    if (at < s.size() && s[at] == '=') {
      ++at;
      while (at < s.size() && IsSpace(s[at])) ++at;
      if (at >= s.size()) return std::nullopt;
      if (s[at] == '"' || s[at] == '\'') {
        size_t close = s.find(s[at], at + 1);
        if (close == std::string_view::npos) return std::nullopt;
        attr.value = s.substr(at + 1, close - at - 1);
        at = close + 1;
      } else {
        size_t start = at;
        while (at < s.size() && !IsSpace(s[at]) && s[at] != '>') ++at;
        attr.value = s.substr(start, at - start);
      }
    } else {
      at = after_name;
    }
    attr.end = at;
    tag.attrs.push_back(std::move(attr));
  }
}

bool StyleHides(std::string_view style) {
  for (const std::string& decl : runner::base::Split(runner::base::ToLower(style), ';')) {
    size_t colon = decl.find(':');
    if (colon == std::string::npos) continue;
    std::string key(runner::base::Trim(std::string_view(decl).substr(0, colon)));
    std::string value(runner::base::Trim(std::string_view(decl).substr(colon + 1)));
    if (size_t bang = value.find('!'); bang != std::string::npos) {
      value = std::string(runner::base::Trim(std::string_view(value).substr(0, bang)));
    }
    if (key == "display" && value == "none") return true;
    if (key == "visibility" && (value == "hidden" || value == "collapse")) return true;
    if (key == "opacity" || key == "font-size" || key == "max-height" || key == "max-width") {
      size_t n = 0;
      while (n < value.size() && ((value[n] >= '0' && value[n] <= '9') || value[n] == '.')) ++n;
      auto number = runner::base::ParseDouble(std::string_view(value).substr(0, n));
      if (number && *number == 0) return true;
    }
  }
  return false;
}

const Attr* FindAttr(const Tag& tag, std::string_view name) {
  for (const Attr& a : tag.attrs) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool IsHidden(const Tag& tag) {
  if (FindAttr(tag, "hidden")) return true;
  if (const Attr* style = FindAttr(tag, "style"); style && StyleHides(style->value)) return true;
  const Attr* type = FindAttr(tag, "type");
  return tag.name == "input" && type && runner::base::IEquals(type->value, "hidden");
}

bool IsVoidElement(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kVoid = {
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  return std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end();
}

bool IsDroppedAttr(std::string_view name) {
  return name == "alt" || name == "title" || name == "placeholder" || name == "style" ||
         name == "hidden" || name.starts_with("aria-") || name.starts_with("data-");
}

/// End of the element whose opening tag is `open`: one past its matching end tag, or the end
/// of the text when it has none.
size_t ElementEnd(std::string_view s, const Tag& open) {
  if (open.self_closing || IsVoidElement(open.name)) return open.end;
  int depth = 1;
  for (size_t at = s.find('<', open.end); at != std::string_view::npos; at = s.find('<', at + 1)) {
    auto tag = ParseTag(s, at);
    if (!tag || tag->name != open.name) continue;
    if (tag->closing) {
      if (--depth == 0) return tag->end;
    } else if (!tag->self_closing) {
      ++depth;
    }
    at = tag->end - 1;
  }
  return s.size();
}

std::string CleanHtmlTags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) break;
    out.append(s.substr(i, lt - i));
    auto tag = ParseTag(s, lt);
    if (!tag) {
      out += '<';
      i = lt + 1;
      continue;
    }
    if (!tag->closing && IsHidden(*tag)) {
      i = ElementEnd(s, *tag);
      continue;
    }
    size_t from = tag->begin;
    for (const Attr& a : tag->attrs) {
      if (!IsDroppedAttr(a.name)) continue;
      out.append(s.substr(from, a.begin - from));
      from = a.end;
    }
    out.append(s.substr(from, tag->end - from));
    i = tag->end;
  }
  if (i < s.size()) out.append(s.substr(i));
  return out;
}

// ---- markdown ----

/// Index of the `]` that closes the `[` at s[open], or npos (also when a blank line comes first).
size_t MatchingBracket(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t at = open; at < s.size(); ++at) {
    if (s[at] == '\\') {
      ++at;
    } else if (s[at] == '[') {
      ++depth;
    } else if (s[at] == ']') {
      if (--depth == 0) return at;
    } else if (s[at] == '\n' && at + 1 < s.size() && s[at + 1] == '\n') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

std::string StripImageAltText(std::string_view s) {
  std::string out;
  size_t from = 0;
  for (size_t at = s.find("!["); at != std::string_view::npos; at = s.find("![", from)) {
    size_t close = MatchingBracket(s, at + 1);
    if (close == std::string_view::npos || close + 1 >= s.size() ||
        (s[close + 1] != '(' && s[close + 1] != '[')) {
      out.append(s.substr(from, at + 2 - from));
      from = at + 2;
      continue;
    }
    out.append(s.substr(from, at + 2 - from));
    from = close;  // keeps the `]`
  }
  out.append(s.substr(from));
  return out;
}

/// For a link destination starting at s[at]: the index after it, or npos.
size_t SkipDestination(std::string_view s, size_t at) {
  if (at < s.size() && s[at] == '<') {
    size_t close = s.find_first_of(">\n", at + 1);
    return close == std::string_view::npos || s[close] != '>' ? std::string_view::npos : close + 1;
  }
  int depth = 0;
  size_t start = at;
  for (; at < s.size() && !IsSpace(s[at]); ++at) {
    if (s[at] == '\\') {
      ++at;
      continue;
    }
    if (s[at] == '(') ++depth;
    if (s[at] == ')' && depth-- == 0) break;
  }
  return at == start ? std::string_view::npos : std::min(at, s.size());
}

/// For a link title starting after white space at s[at]: the index after the title, or npos.
size_t SkipTitle(std::string_view s, size_t at) {
  if (at >= s.size() || (s[at] != '"' && s[at] != '\'' && s[at] != '('))
    return std::string_view::npos;
  const char close = s[at] == '(' ? ')' : s[at];
  for (size_t k = at + 1; k < s.size(); ++k) {
    if (s[k] == '\\') {
      ++k;
    } else if (s[k] == close) {
      return k + 1;
    } else if (s[k] == '\n' && k + 1 < s.size() && s[k + 1] == '\n') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

size_t SkipBlanks(std::string_view s, size_t at, bool allow_newline) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || (allow_newline && s[at] == '\n'))) ++at;
  return at;
}

/// `](dest "title")` → `](dest)`.
std::string StripInlineLinkTitles(std::string_view s) {
  std::string out;
  size_t from = 0;
  for (size_t at = s.find("]("); at != std::string_view::npos; at = s.find("](", from)) {
    size_t dest_begin = SkipBlanks(s, at + 2, true);
    size_t dest_end = SkipDestination(s, dest_begin);
    size_t title = dest_end == std::string_view::npos ? dest_end : SkipBlanks(s, dest_end, true);
    size_t title_end = title != dest_end ? SkipTitle(s, title) : std::string_view::npos;
    size_t paren = title_end == std::string_view::npos ? title_end : SkipBlanks(s, title_end, true);
    if (paren == std::string_view::npos || paren >= s.size() || s[paren] != ')') {
      out.append(s.substr(from, at + 2 - from));
      from = at + 2;
      continue;
    }
    out.append(s.substr(from, dest_end - from));
    from = paren;  // keeps the `)`
  }
  out.append(s.substr(from));
  return out;
}

/// `[label]: dest "title"` on one line → `[label]: dest`.
std::string StripReferenceTitles(std::string_view s) {
  std::string out;
  for (size_t line_begin = 0; line_begin < s.size();) {
    size_t nl = s.find('\n', line_begin);
    size_t line_end = nl == std::string_view::npos ? s.size() : nl;
    std::string_view line = s.substr(line_begin, line_end - line_begin);
    size_t keep = line.size();
    size_t at = 0;
    while (at < line.size() && at < 3 && line[at] == ' ') ++at;
    if (at < line.size() && line[at] == '[') {
      size_t close = MatchingBracket(line, at);
      if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == ':') {
        size_t dest_end = SkipDestination(line, SkipBlanks(line, close + 2, false));
        size_t title =
            dest_end == std::string_view::npos ? dest_end : SkipBlanks(line, dest_end, false);
        if (title != dest_end && SkipTitle(line, title) != std::string_view::npos &&
            SkipBlanks(line, SkipTitle(line, title), false) == line.size()) {
          keep = dest_end;
        }
      }
    }
    out.append(line.substr(0, keep));
    if (nl == std::string_view::npos) break;
    out += '\n';
    line_begin = nl + 1;
  }
  return out;
}

}  // namespace

std::string StripInvisibleCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      ++i;  // an invalid byte
      continue;
    }
    if (!IsInvisible(cp)) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string SanitizeForgeText(std::string_view text) {
  std::string s = StripInvisibleCharacters(text);
  s = DecodeNumericReferences(s);
  // Each removal can join the pieces around it into new markup (`<!<div hidden>x</div>--`
  // becomes `<!--`), so the removals repeat until nothing changes. They only remove, so this
  // ends; the cap is a guard.
  for (int pass = 0; pass < 8; ++pass) {
    std::string next = RemoveHtmlComments(s);
    next = CleanHtmlTags(next);
    next = StripImageAltText(next);
    next = StripInlineLinkTitles(next);
    next = StripReferenceTitles(next);
    if (next == s) break;
    s = std::move(next);
  }
  return RedactSecrets(s);
}

}  // namespace integrations::github
