#pragma once
/// `Bash(…)` rule specifiers and how they match one simple command (see shell_split.h for how a
/// command line becomes simple commands; the gate requires every one of them to be allowed).
///
/// A specifier is a list of words, quoted like shell words, with `*` wildcards:
/// - `npm run build`: exactly these words (spacing and quoting do not matter).
/// - `git diff:*` or `git diff *`: these words, then any words or none.
/// - `* --version`, `git * main`: a lone `*` anywhere else stands for one or more words.
/// - `ls*`, `npm run test*`: `*` inside a word matches any characters of that word; at the end
///   of the last word it also accepts any words after it (`ls*` matches `lsof -i`).
///
/// Allow rules match pessimistically: a word whose value is unknown before the shell runs (`$x`,
/// globs, braces, substitutions) only matches a lone `*` or a trailing wildcard; leading
/// `NAME=value` assignments must be written in the rule (`FOO=1 make`), because they can change
/// what a program does (`GIT_EXTERNAL_DIFF=…`, `LD_PRELOAD=…`). The process wrappers Claude Code
/// looks through (`timeout`, `time`, `nice`, `nohup`, `stdbuf`, with their usual options) are
/// looked through here too: `timeout 60 npm test` matches `Bash(npm test)`.
///
/// Deny and ask rules match optimistically, to catch evasions: an unknown word may stand for any
/// words; the command is also tried without its assignments, without wrappers (`env`, `sudo`,
/// `xargs`, `command`, `exec`, `nice`, …), with its program's directory dropped
/// (`/usr/bin/curl`), and the scripts of `sh -c '…'`, `bash -c '…'` and `eval …` are split and
/// tried command by command (an unknown script matches every deny rule).

#include <string>
#include <string_view>
#include <vector>

#include "runner/permissions/shell_split.h"

namespace runner::permissions {

class BashPattern {
 public:
  /// Compiles a specifier; never fails (an odd specifier simply matches little).
  explicit BashPattern(std::string_view specifier);

  /// For allow rules: true when `command` is certainly one the pattern describes.
  bool AllowsCommand(const SimpleCommand& command) const;
  /// For deny and ask rules: true when `command` might be one the pattern describes.
  bool MayMatchCommand(const SimpleCommand& command) const;

  /// One word of the pattern: literal parts with a wildcard between each two, or a lone `*`
  /// standing for `min_words` or more whole words.
  struct Token {
    std::vector<std::string> parts;
    bool any_words = false;
    size_t min_words = 0;
  };

 private:
  bool MayMatchAtDepth(const SimpleCommand& command, int depth) const;

  std::vector<Token> tokens_;
};

}  // namespace runner::permissions
