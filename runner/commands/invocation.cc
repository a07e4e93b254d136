#include "runner/commands/invocation.h"

#include <cctype>

#include "runner/base/strings.h"

namespace runner::commands {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsOperator(char c) { return std::string_view(";&|<>()").find(c) != std::string_view::npos; }

std::optional<std::vector<std::string>> ShellSplit(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  auto finish = [&] {
    if (in_word) words.push_back(std::move(word));
    word.clear();
    in_word = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsBlank(c) || IsOperator(c)) {
      finish();
    } else if (c == '\\') {
      if (i + 1 < s.size()) word += s[++i];
      in_word = true;
    } else if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word += s.substr(i + 1, end - i - 1);
      i = end;
      in_word = true;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < s.size() && s[j] != '"'; ++j) {
        if (s[j] == '\\' && j + 1 < s.size() && std::string_view("\"\\$`").find(s[j + 1]) != std::string_view::npos) ++j;
        word += s[j];
      }
      if (j >= s.size()) return std::nullopt;
      i = j;
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  finish();
  return words;
}

/// Replaces each match of `$<key>` where `accept(text, after)` holds, with `value(...)`.
template <class Match>
std::string ReplaceDollar(std::string_view text, Match match) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '$') {
      size_t consumed = 0;
      std::string replacement;
      if (match(text, i, consumed, replacement)) {
        out += replacement;
        i += consumed;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

std::optional<Invocation> ParseInvocation(std::string_view text) {
  text = base::Trim(text);
  if (!text.starts_with('/')) return std::nullopt;
  text.remove_prefix(1);
  size_t space = text.find(' ');
  Invocation inv;
  inv.name = std::string(text.substr(0, space));
  if (inv.name.empty()) return std::nullopt;
  if (space != std::string_view::npos) inv.args = std::string(text.substr(space + 1));
  return inv;
}

bool LooksLikeCommandName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '-' && c != '_') return false;
  }
  return true;
}

std::vector<std::string> SplitArguments(std::string_view args) {
  if (base::Trim(args).empty()) return {};
  if (auto words = ShellSplit(args)) return *words;
  std::vector<std::string> out;
  for (const std::string& w : base::Split(args, ' ')) {
    if (!base::Trim(w).empty()) out.push_back(std::string(base::Trim(w)));
  }
  return out;
}

std::string SubstituteArguments(std::string_view body, std::string_view args,
                                const std::vector<std::string>& names) {
  std::vector<std::string> parsed = SplitArguments(args);
  auto arg = [&](size_t i) { return i < parsed.size() ? parsed[i] : std::string(); };
  std::string out(body);
  for (size_t n = 0; n < names.size(); ++n) {
    const std::string& name = names[n];
    out = ReplaceDollar(out, [&](std::string_view t, size_t at, size_t& used, std::string& rep) {
      if (t.substr(at + 1, name.size()) != name) return false;
      size_t after = at + 1 + name.size();
      if (after < t.size() && (IsWordChar(t[after]) || t[after] == '[')) return false;
      used = 1 + name.size();
      rep = arg(n);
      return true;
    });
  }
  // $ARGUMENTS[N] and $N.
  out = ReplaceDollar(out, [&](std::string_view t, size_t at, size_t& used, std::string& rep) {
    size_t start = at + 1;
    bool indexed = t.substr(start).starts_with("ARGUMENTS[");
    if (indexed) start += 10;
    size_t end = start;
    while (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) ++end;
    if (end == start) return false;
    if (indexed ? (end >= t.size() || t[end] != ']') : (end < t.size() && IsWordChar(t[end]))) return false;
    auto index = base::ParseInt(t.substr(start, end - start));
    rep = index ? arg(static_cast<size_t>(*index)) : std::string();
    used = end + (indexed ? 1 : 0) - at;
    return true;
  });
  for (size_t at = 0; (at = out.find("$ARGUMENTS", at)) != std::string::npos;) {
    out.replace(at, 10, args);
    at += args.size();
  }
  if (out == body && !args.empty()) out += "\n\nARGUMENTS: " + std::string(args);
  return out;
}

}  // namespace runner::commands
