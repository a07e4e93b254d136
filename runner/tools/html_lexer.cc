#include "runner/tools/html_lexer.h"

#include <cctype>
#include <cstdint>
#include <optional>
#include <utility>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

/// Scans one attribute (`key`, `key=value`, `key="value"`) at html[i], which is neither space
/// nor `/` nor `>`. Returns the position after it, or npos when a quoted value never ends.
size_t ScanAttribute(std::string_view html, size_t i, HtmlTag& tag) {
  auto is_name_end = [&](size_t k) {
    return k >= html.size() || IsSpace(html[k]) || html[k] == '>' || html[k] == '/' ||
           html[k] == '=';
  };
  size_t key_start = i;
  while (!is_name_end(i)) ++i;
  std::string key = base::ToLower(html.substr(key_start, i - key_start));
  while (i < html.size() && IsSpace(html[i])) ++i;
  std::string value;
  if (i < html.size() && html[i] == '=') {
    ++i;
    while (i < html.size() && IsSpace(html[i])) ++i;
    if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
      size_t close = html.find(html[i], i + 1);
      if (close == std::string_view::npos) return std::string_view::npos;
      value = DecodeEntities(html.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      size_t value_start = i;
      while (i < html.size() && !IsSpace(html[i]) && html[i] != '>') ++i;
      value = DecodeEntities(html.substr(value_start, i - value_start));
    }
  }
  tag.attributes.emplace_back(std::move(key), std::move(value));
  return i;
}

struct NamedEntity {
  std::string_view name;
  std::string_view text;
};

/// The named references pages commonly use; the full HTML list has over 2000.
constexpr NamedEntity kNamedEntities[] = {
    {"amp", "&"},    {"lt", "<"},     {"gt", ">"},     {"quot", "\""},  {"apos", "'"},
    {"nbsp", " "},   {"ensp", " "},   {"emsp", " "},   {"thinsp", " "}, {"shy", ""},
    {"zwj", ""},     {"zwnj", ""},    {"copy", "©"},   {"reg", "®"},    {"trade", "™"},
    {"hellip", "…"}, {"mdash", "—"},  {"ndash", "–"},  {"minus", "−"},  {"lsquo", "‘"},
    {"rsquo", "’"},  {"sbquo", "‚"},  {"ldquo", "“"},  {"rdquo", "”"},  {"bdquo", "„"},
    {"laquo", "«"},  {"raquo", "»"},  {"lsaquo", "‹"}, {"rsaquo", "›"}, {"bull", "•"},
    {"middot", "·"}, {"times", "×"},  {"divide", "÷"}, {"deg", "°"},    {"plusmn", "±"},
    {"para", "¶"},   {"sect", "§"},   {"euro", "€"},   {"pound", "£"},  {"yen", "¥"},
    {"cent", "¢"},   {"dagger", "†"}, {"Dagger", "‡"}, {"prime", "′"},  {"larr", "←"},
    {"rarr", "→"},   {"uarr", "↑"},   {"darr", "↓"},   {"harr", "↔"},   {"rArr", "⇒"},
    {"le", "≤"},     {"ge", "≥"},     {"ne", "≠"},     {"asymp", "≈"},  {"infin", "∞"},
    {"check", "✓"},  {"iexcl", "¡"},  {"iquest", "¿"}, {"frac12", "½"}, {"frac14", "¼"},
    {"frac34", "¾"}, {"sup2", "²"},   {"sup3", "³"},   {"micro", "µ"},  {"auml", "ä"},
    {"ouml", "ö"},   {"uuml", "ü"},   {"Auml", "Ä"},   {"Ouml", "Ö"},   {"Uuml", "Ü"},
    {"szlig", "ß"},  {"eacute", "é"}, {"egrave", "è"}, {"agrave", "à"}, {"aacute", "á"},
    {"ccedil", "ç"}, {"ntilde", "ñ"}, {"oacute", "ó"}, {"iacute", "í"}, {"uacute", "ú"},
};

/// The code point of `#123` / `#x7B` (the text between `&` and `;`), nullopt if malformed.
std::optional<uint32_t> NumericReference(std::string_view body) {
  if (body.size() < 2 || body[0] != '#') return std::nullopt;
  bool hex = body[1] == 'x' || body[1] == 'X';
  std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  uint32_t value = 0;
  for (char c : digits) {
    auto u = static_cast<unsigned char>(c);
    if (hex ? !std::isxdigit(u) : !std::isdigit(u)) return std::nullopt;
    int digit = std::isdigit(u) ? c - '0' : std::tolower(u) - 'a' + 10;
    value = value * (hex ? 16 : 10) + digit;
  }
  return value;
}

/// The decoded text of the reference `body` (between `&` and `;`), nullopt when unknown.
std::optional<std::string> Decode(std::string_view body) {
  if (auto cp = NumericReference(body)) {
    std::string out;
    base::AppendUtf8(out, *cp);
    return out;
  }
  for (const NamedEntity& e : kNamedEntities) {
    if (e.name == body) return std::string(e.text);
  }
  return std::nullopt;
}

}  // namespace

std::string HtmlTag::Attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return v;
  }
  return "";
}

size_t ScanHtmlTag(std::string_view html, size_t pos, HtmlTag& tag) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= html.size() || !IsAlpha(html[i])) return std::string_view::npos;
  size_t name_start = i;
  while (i < html.size() && !IsSpace(html[i]) && html[i] != '>' && html[i] != '/') ++i;
  tag.name = base::ToLower(html.substr(name_start, i - name_start));
  while (i < html.size()) {
    char c = html[i];
    if (c == '>') return i + 1;
    if (IsSpace(c) || c == '/') {
      tag.self_closing = c == '/';
      ++i;
      continue;
    }
    tag.self_closing = false;
    i = ScanAttribute(html, i, tag);
    if (i == std::string_view::npos) break;
  }
  tag = HtmlTag{};
  return html.size();
}

size_t SkipRawText(std::string_view html, size_t pos, std::string_view name) {
  std::string end_tag = "</" + std::string(name);
  for (size_t at = html.find("</", pos); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (!base::IEquals(html.substr(at, end_tag.size()), end_tag)) continue;
    size_t close = html.find('>', at);
    return close == std::string_view::npos ? html.size() : close + 1;
  }
  return html.size();
}

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) break;
    out.append(text.substr(pos, amp - pos));
    size_t semi = text.find(';', amp + 1);
    std::optional<std::string> decoded;
    if (semi != std::string_view::npos && semi - amp <= 12) {
      decoded = Decode(text.substr(amp + 1, semi - amp - 1));
    }
    if (decoded) {
      out += *decoded;
      pos = semi + 1;
    } else {
      out += '&';
      pos = amp + 1;
    }
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace runner::tools
