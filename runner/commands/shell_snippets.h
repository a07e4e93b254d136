#pragma once
/// The shell commands a command file runs before its prompt is sent: `!`cmd`` at the start of
/// a line or after whitespace, and fenced blocks opened with ```!. Their output replaces them.

#include <string>
#include <string_view>
#include <vector>

namespace runner::commands {

struct ShellSnippet {
  size_t begin = 0;     ///< offset of the pattern in the text
  size_t end = 0;       ///< one past it
  std::string command;  ///< the command, trimmed (never empty)

  /// The pattern as written, for messages: "!`git log -1`".
  std::string_view Pattern(std::string_view text) const { return text.substr(begin, end - begin); }
  bool operator==(const ShellSnippet&) const = default;
};

/// Every snippet in `text`, in order. Patterns with only blanks between the delimiters are left
/// alone.
std::vector<ShellSnippet> FindShellSnippets(std::string_view text);

/// What replaces a snippet: stdout trimmed, then "[stderr]\n" and stderr trimmed when there is
/// any, joined by a newline.
std::string FormatSnippetOutput(std::string_view stdout_data, std::string_view stderr_data);

/// True when exit code 1 means "nothing found" rather than failure: `grep`, `find`, `diff` and
/// `git diff` (as Claude Code treats them). Other non-zero exit codes fail the command.
bool ExitOneIsNotAFailure(std::string_view command);

}  // namespace runner::commands
