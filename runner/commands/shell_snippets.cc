#include "runner/commands/shell_snippets.h"

#include <algorithm>
#include <cctype>

#include "runner/base/strings.h"

namespace runner::commands {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

void FindBlocks(std::string_view text, std::vector<ShellSnippet>& out) {
  for (size_t at = 0; (at = text.find("```!", at)) != std::string_view::npos;) {
    size_t close = text.find("```", at + 4);
    if (close == std::string_view::npos) return;
    std::string command(base::Trim(text.substr(at + 4, close - at - 4)));
    if (!command.empty()) out.push_back({at, close + 3, std::move(command)});
    at = close + 3;
  }
}

bool Inside(const std::vector<ShellSnippet>& snippets, size_t at) {
  return std::any_of(snippets.begin(), snippets.end(),
                     [&](const ShellSnippet& s) { return at >= s.begin && at < s.end; });
}

}  // namespace

std::vector<ShellSnippet> FindShellSnippets(std::string_view text) {
  std::vector<ShellSnippet> out;
  FindBlocks(text, out);
  size_t blocks = out.size();
  for (size_t at = 0; (at = text.find("!`", at)) != std::string_view::npos; ++at) {
    if ((at > 0 && !IsSpace(text[at - 1])) || Inside(out, at)) continue;
    size_t close = text.find('`', at + 2);
    if (close == std::string_view::npos) break;
    std::string command(base::Trim(text.substr(at + 2, close - at - 2)));
    if (close == at + 2 || command.empty()) continue;
    out.push_back({at, close + 1, std::move(command)});
    at = close;
  }
  std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(blocks), out.end(),
                     [](const ShellSnippet& a, const ShellSnippet& b) { return a.begin < b.begin; });
  return out;
}

std::string FormatSnippetOutput(std::string_view stdout_data, std::string_view stderr_data) {
  std::string out(base::Trim(stdout_data));
  std::string_view err = base::Trim(stderr_data);
  if (!err.empty()) {
    if (!out.empty()) out += "\n";
    out += "[stderr]\n" + std::string(err);
  }
  return out;
}

bool ExitOneIsNotAFailure(std::string_view command) {
  std::vector<std::string> words;
  for (const std::string& w : base::Split(base::Trim(command), ' ')) {
    if (!w.empty()) words.push_back(w);
  }
  if (words.empty()) return false;
  const std::string& first = words[0];
  return first == "grep" || first == "find" || first == "diff" ||
         (first == "git" && words.size() > 1 && words[1] == "diff");
}

}  // namespace runner::commands
