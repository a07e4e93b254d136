#pragma once
/// Static analysis of bash command text for permission checks: which simple commands would the
/// shell run, with which words, assignments and redirections. Nothing is expanded or executed.
///
/// Understood: quotes ('…', "…", $'…'), backslash escapes and line continuations, comments,
/// the operators `&& || ; | |& &` and newlines, subshells `( … )`, groups `{ …; }`, command
/// substitution `$(…)` and backticks, process substitution `<(…)` `>(…)`, parameter expansion
/// `${…}`, redirections (`< > >> >| <> &> &>> n>&m <&` and here-documents `<<` `<<-` `<<<`,
/// whose bodies are skipped but searched for substitutions when the delimiter is unquoted),
/// leading `NAME=value` assignments, and the keywords of `if`/`while`/`until`/`for` loops.
///
/// Commands inside substitutions are listed like any other: `git diff $(curl x)` yields
/// `git diff $(curl x)` and `curl x`. Whatever the analysis cannot follow safely (`case`,
/// function definitions, `[[ … ]]`, arithmetic on names, array subscripts, unbalanced quotes or
/// parentheses, …) sets `problem`; the commands found so far are still listed.

#include <string>
#include <string_view>
#include <vector>

namespace runner::permissions {

/// One shell word after quote removal.
struct ShellWord {
  /// The word with quotes and escapes removed; expansions stay as written (`$HOME`, `$(id)`).
  std::string text;
  /// The word holds something whose value is only known when the shell runs: a parameter,
  /// command, arithmetic or process substitution, an unquoted glob (`* ? […]`), brace
  /// expansion or a leading unquoted `~`.
  bool dynamic = false;
  /// How many leading characters of `text` came from plain unquoted input (no quotes, escapes
  /// or expansions): reserved words and `NAME=` of assignments must lie in that prefix.
  size_t plain_prefix = 0;

  bool operator==(const ShellWord&) const = default;
};

/// A redirection: `op` as written without its file-descriptor number (`>`, `>>`, `2>` gives
/// `>`, `&>`, `>&`, `<`, `<<`, `<<-`, `<<<`, `<>`, …) and its target word (for here-documents,
/// the delimiter).
struct ShellRedirect {
  std::string op;
  ShellWord target;

  /// True when the redirection may create or change a file: an output operator whose target
  /// is not a file-descriptor number (`2>&1`, `>&-`). `/dev/null` counts as a file here;
  /// callers decide which paths are harmless.
  bool WritesFile() const;

  bool operator==(const ShellRedirect&) const = default;
};

/// One simple command: `NAME=value … word … redirections`.
struct SimpleCommand {
  std::vector<ShellWord> assignments;  ///< leading `NAME=value` words, in order
  std::vector<ShellWord> words;        ///< argv; empty for assignment- or redirection-only
  std::vector<ShellRedirect> redirects;

  bool operator==(const SimpleCommand&) const = default;
};

/// The result of analysing one command line.
struct ShellAnalysis {
  /// Every simple command in source order; a command substitution's commands follow the
  /// command that contains it.
  std::vector<SimpleCommand> commands;
  /// Empty when the whole text was understood; otherwise why not (the first reason found).
  /// Permission rules must not allow a command with a problem.
  std::string problem;
};

/// Analyses `text` as bash would parse it. Never fails: trouble is reported in `problem`.
ShellAnalysis SplitShellCommand(std::string_view text);

/// The words of `command` joined with single spaces, assignments first (for messages).
std::string CommandText(const SimpleCommand& command);

}  // namespace runner::permissions
