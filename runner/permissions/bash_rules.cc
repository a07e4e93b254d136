#include "runner/permissions/bash_rules.h"

#include "runner/permissions/command_wrappers.h"

namespace runner::permissions {

namespace {

using Token = BashPattern::Token;
using Words = std::vector<ShellWord>;

constexpr int kMaxScriptDepth = 4;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Splits a specifier into words; an unquoted `*` separates the literal parts of a word.
std::vector<Token> ParseWords(std::string_view s) {
  std::vector<Token> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsBlank(s[i])) ++i;
    if (i >= s.size()) break;
    Token t;
    t.parts.emplace_back();
    bool quoted = false;
    while (i < s.size() && !IsBlank(s[i])) {
      char c = s[i];
      if (c == '*') {
        t.parts.emplace_back();
        ++i;
      } else if (c == '\\' && i + 1 < s.size()) {
        t.parts.back().push_back(s[i + 1]);
        quoted = true;
        i += 2;
      } else if (c == '\'' || c == '"') {
        size_t close = s.find(c, i + 1);
        if (close == std::string_view::npos) close = s.size();
        t.parts.back().append(s.substr(i + 1, close - i - 1));
        quoted = true;
        i = close + 1;
      } else {
        t.parts.back().push_back(c);
        ++i;
      }
    }
    t.any_words = !quoted && t.parts.size() == 2 && t.parts[0].empty() && t.parts[1].empty();
    words.push_back(std::move(t));
  }
  return words;
}

bool GlobMatches(const std::vector<std::string>& parts, std::string_view text) {
  if (parts.size() == 1) return text == parts[0];
  const std::string& first = parts.front();
  const std::string& last = parts.back();
  if (text.size() < first.size() + last.size()) return false;
  if (!text.starts_with(first) || !text.ends_with(last)) return false;
  size_t pos = first.size();
  size_t end = text.size() - last.size();
  for (size_t k = 1; k + 1 < parts.size(); ++k) {
    size_t found = text.substr(0, end).find(parts[k], pos);
    if (found == std::string_view::npos) return false;
    pos = found + parts[k].size();
  }
  return true;
}

enum class Mode { kAllow, kMayMatch };

// Matches tokens against words with memoised backtracking (both lists can be long).
class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, const Words& words, Mode mode)
      : t_(tokens), w_(words), mode_(mode), memo_((tokens.size() + 1) * (words.size() + 1), 0) {}

  bool Match(size_t ti, size_t wi) {
    char& m = memo_[ti * (w_.size() + 1) + wi];
    if (m == 0) m = Compute(ti, wi) ? 1 : 2;
    return m == 1;
  }

 private:
  bool Compute(size_t ti, size_t wi) {
    bool unknown = wi < w_.size() && w_[wi].dynamic && mode_ == Mode::kMayMatch;
    // An unknown word may expand to nothing, or to the words of one or more tokens.
    if (unknown && (Match(ti, wi + 1) || (ti < t_.size() && Match(ti + 1, wi)))) return true;
    if (ti == t_.size()) return wi == w_.size();
    const Token& tok = t_[ti];
    if (tok.any_words) {
      for (size_t k = tok.min_words; wi + k <= w_.size(); ++k) {
        if (Match(ti + 1, wi + k)) return true;
      }
      return false;
    }
    if (wi == w_.size()) return false;
    if (unknown) return Match(ti + 1, wi + 1);
    if (w_[wi].dynamic) return false;
    return GlobMatches(tok.parts, w_[wi].text) && Match(ti + 1, wi + 1);
  }

  const std::vector<Token>& t_;
  const Words& w_;
  Mode mode_;
  std::vector<char> memo_;
};

// Longer commands are not matched word by word (the matcher recurses once per word).
constexpr size_t kMaxWords = 4096;

bool Matches(const std::vector<Token>& tokens, const Words& words, Mode mode) {
  if (words.empty()) return false;
  if (words.size() > kMaxWords || tokens.size() > kMaxWords) return mode == Mode::kMayMatch;
  return Matcher(tokens, words, mode).Match(0, 0);
}

Words Concat(const Words& a, const Words& b) {
  Words out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// The forms an allow rule is tried on: as written, and with safe wrappers removed.
std::vector<Words> AllowViews(const SimpleCommand& c) {
  std::vector<Words> views = {Concat(c.assignments, c.words)};
  Words cur = c.words;
  bool stripped = false;
  while (auto start = WrappedCommandStart(cur, WrapperSet::kSafe)) {
    cur.erase(cur.begin(), cur.begin() + static_cast<std::ptrdiff_t>(*start));
    stripped = true;
  }
  if (stripped) views.push_back(Concat(c.assignments, cur));
  return views;
}

// The forms a deny or ask rule is tried on: also without assignments, without any wrapper,
// and with the program's directory dropped.
std::vector<Words> MayMatchViews(const SimpleCommand& c) {
  std::vector<Words> views = {Concat(c.assignments, c.words)};
  Words cur = c.words;
  for (int guard = 0; guard < 16 && !cur.empty(); ++guard) {
    views.push_back(cur);
    if (!cur[0].dynamic && ProgramName(cur[0].text) != cur[0].text) {
      Words bare = cur;
      bare[0].text = std::string(ProgramName(cur[0].text));
      views.push_back(std::move(bare));
    }
    auto start = WrappedCommandStart(cur, WrapperSet::kAll);
    if (!start) break;
    cur.erase(cur.begin(), cur.begin() + static_cast<std::ptrdiff_t>(*start));
  }
  return views;
}

}  // namespace

BashPattern::BashPattern(std::string_view specifier) {
  while (!specifier.empty() && IsBlank(specifier.back())) specifier.remove_suffix(1);
  bool prefix = specifier.ends_with(":*");
  if (prefix) specifier.remove_suffix(2);
  tokens_ = ParseWords(specifier);
  for (size_t i = 0; i < tokens_.size(); ++i) {
    bool last = i + 1 == tokens_.size();
    tokens_[i].min_words = last && !prefix ? 0 : 1;  // a trailing ` *` is optional
  }
  bool open_end = !tokens_.empty() && !tokens_.back().any_words &&
                  tokens_.back().parts.size() > 1 && tokens_.back().parts.back().empty();
  if (prefix || open_end) tokens_.push_back(Token{{}, true, 0});
}

bool BashPattern::AllowsCommand(const SimpleCommand& command) const {
  for (const Words& view : AllowViews(command)) {
    if (Matches(tokens_, view, Mode::kAllow)) return true;
  }
  return false;
}

bool BashPattern::MayMatchCommand(const SimpleCommand& command) const {
  return MayMatchAtDepth(command, 0);
}

bool BashPattern::MayMatchAtDepth(const SimpleCommand& command, int depth) const {
  for (const Words& view : MayMatchViews(command)) {
    if (Matches(tokens_, view, Mode::kMayMatch)) return true;
    std::optional<ShellWord> script = InlineScript(view);
    if (!script) continue;
    if (script->dynamic || depth >= kMaxScriptDepth) return true;  // unknown: assume the worst
    ShellAnalysis inner = SplitShellCommand(script->text);
    if (!inner.problem.empty()) return true;
    for (const SimpleCommand& c : inner.commands) {
      if (MayMatchAtDepth(c, depth + 1)) return true;
    }
  }
  return false;
}

}  // namespace runner::permissions
