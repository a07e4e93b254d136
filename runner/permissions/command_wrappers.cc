#include "runner/permissions/command_wrappers.h"

#include <algorithm>
#include <array>
#include <string>

namespace runner::permissions {

namespace {

struct WrapperSpec {
  std::string_view name;
  bool safe;
  std::string_view value_options;  ///< space-separated options taking the next word
  std::string_view flag_options;   ///< space-separated options without a value
  int positional = 0;              ///< words before the command (timeout's duration)
  bool numeric_option = false;     ///< `nice -10`
  bool assignments = false;        ///< `env NAME=value`
};

constexpr std::array<WrapperSpec, 16> kWrappers = {{
    {"timeout", true, "-s --signal -k --kill-after", "-v --verbose --preserve-status --foreground",
     1},
    {"time", true, "", "-p"},
    {"nice", true, "-n --adjustment", "", 0, true},
    {"nohup", true, "", ""},
    {"stdbuf", true, "-i -o -e --input --output --error", ""},
    {"env", false, "-u --unset -C --chdir", "-i --ignore-environment -0 --null -", 0, false, true},
    {"command", false, "", "-p -v -V"},
    {"builtin", false, "", ""},
    {"exec", false, "-a", "-c -l"},
    {"sudo", false, "-u -g -h -p -C -r -t -U -D -R --user --group --host --prompt", ""},
    {"doas", false, "-u -C", ""},
    {"xargs", false,
     "-I -n -P -d -E -L -s -a --max-args --max-procs --delimiter --arg-file --replace "
     "--eof --max-lines --max-chars",
     ""},
    {"setsid", false, "", ""},
    {"ionice", false, "-c -n -p -t --class --classdata", ""},
    {"unbuffer", false, "", ""},
    {"watch", false, "-n -d --interval --differences", ""},
}};

bool InList(std::string_view list, std::string_view word) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(' ', pos);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(pos, end - pos) == word) return true;
    pos = end + 1;
  }
  return false;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsDuration(std::string_view s) {
  if (!s.empty() && std::string_view("smhd").find(s.back()) != std::string_view::npos) {
    s.remove_suffix(1);
  }
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool LooksLikeAssignment(std::string_view s) {
  size_t eq = s.find('=');
  return eq != std::string_view::npos && eq > 0 &&
         std::all_of(s.begin(), s.begin() + eq, [](char c) {
           return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (c >= '0' && c <= '9');
         });
}

enum class OptionKind { kFlag, kWithValue, kUnknown };

OptionKind ClassifyOption(const WrapperSpec& spec, std::string_view o) {
  if (InList(spec.flag_options, o)) return OptionKind::kFlag;
  if (InList(spec.value_options, o)) return OptionKind::kWithValue;
  size_t eq = o.find('=');
  if (o.starts_with("--") && eq != std::string_view::npos &&
      InList(spec.value_options, o.substr(0, eq))) {
    return OptionKind::kFlag;  // --signal=KILL
  }
  if (!o.starts_with("--") && o.size() > 2 && InList(spec.value_options, o.substr(0, 2))) {
    return OptionKind::kFlag;  // -sKILL, -oL
  }
  if (spec.numeric_option && AllDigits(o.substr(1))) return OptionKind::kFlag;
  return OptionKind::kUnknown;
}

const WrapperSpec* FindWrapper(const std::vector<ShellWord>& words, WrapperSet set) {
  if (words.empty() || words[0].dynamic) return nullptr;
  std::string_view name = set == WrapperSet::kAll ? ProgramName(words[0].text) : words[0].text;
  for (const WrapperSpec& spec : kWrappers) {
    if (spec.name == name && (spec.safe || set == WrapperSet::kAll)) return &spec;
  }
  return nullptr;
}

bool IsShell(std::string_view name) {
  return name == "sh" || name == "bash" || name == "dash" || name == "zsh" || name == "ksh" ||
         name == "ash";
}

ShellWord JoinWords(const std::vector<ShellWord>& words, size_t from) {
  ShellWord out;
  for (size_t i = from; i < words.size(); ++i) {
    if (i > from) out.text.push_back(' ');
    out.text += words[i].text;
    out.dynamic = out.dynamic || words[i].dynamic;
  }
  return out;
}

std::optional<ShellWord> ShellDashC(const std::vector<ShellWord>& words) {
  bool has_c = false;
  for (size_t i = 1; i < words.size(); ++i) {
    std::string_view w = words[i].text;
    bool option = !words[i].dynamic && w.size() > 1 && (w[0] == '-' || w[0] == '+') && w != "--";
    if (!option) return has_c ? std::optional<ShellWord>(words[i]) : std::nullopt;
    if (w == "-o" || w == "+o" || w == "-O" || w == "+O") {
      ++i;  // the option name
    } else if (w[1] != '-' && w.find('c') != std::string_view::npos) {
      has_c = true;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view ProgramName(std::string_view word) {
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

std::optional<size_t> WrappedCommandStart(const std::vector<ShellWord>& words, WrapperSet set) {
  const WrapperSpec* spec = FindWrapper(words, set);
  if (!spec) return std::nullopt;
  bool strict = set == WrapperSet::kSafe;
  size_t i = 1;
  for (; i < words.size(); ++i) {
    const ShellWord& w = words[i];
    if (w.text == "--" && !w.dynamic) {
      ++i;
      break;
    }
    if (spec->assignments && !w.dynamic && LooksLikeAssignment(w.text)) continue;
    if (w.dynamic || w.text.size() < 2 || w.text[0] != '-') {
      if (strict && w.dynamic) return std::nullopt;
      break;
    }
    OptionKind kind = ClassifyOption(*spec, w.text);
    if (kind == OptionKind::kUnknown && strict) return std::nullopt;
    if (kind == OptionKind::kWithValue) ++i;
  }
  for (int p = 0; p < spec->positional; ++p, ++i) {
    if (i >= words.size()) return std::nullopt;
    if (strict && (words[i].dynamic || !IsDuration(words[i].text))) return std::nullopt;
  }
  if (i >= words.size()) return std::nullopt;
  return i;
}

std::optional<ShellWord> InlineScript(const std::vector<ShellWord>& words) {
  if (words.empty()) return std::nullopt;
  if (words[0].dynamic) return std::nullopt;
  std::string_view name = ProgramName(words[0].text);
  if (IsShell(name)) return ShellDashC(words);
  if (name == "eval") return words.size() > 1 ? std::optional(JoinWords(words, 1)) : std::nullopt;
  if (name != "env") return std::nullopt;
  for (size_t i = 1; i < words.size(); ++i) {
    std::string_view w = words[i].text;
    if ((w == "-S" || w == "--split-string") && i + 1 < words.size())
      return JoinWords(words, i + 1);
    if (w.starts_with("-S") && !words[i].dynamic) {
      ShellWord rest = JoinWords(words, i);
      rest.text.erase(0, 2);
      return rest;
    }
    if (w.starts_with("--split-string=")) {
      ShellWord rest = JoinWords(words, i);
      rest.text.erase(0, 15);
      return rest;
    }
  }
  return std::nullopt;
}

}  // namespace runner::permissions
