#pragma once
/// Commands that run another command given in their arguments: process wrappers
/// (`timeout 5 make`, `sudo -u x curl …`) and inline scripts (`bash -c '…'`, `eval …`).
/// Used by Bash rules to look through them (see bash_rules.h).

#include <optional>
#include <string_view>
#include <vector>

#include "runner/permissions/shell_split.h"

namespace runner::permissions {

enum class WrapperSet {
  kSafe,  ///< `timeout`, `time`, `nice`, `nohup`, `stdbuf`, with known options only
  kAll,   ///< also `env`, `sudo`, `doas`, `xargs`, `command`, `builtin`, `exec`, `setsid`,
          ///< `ionice`, `unbuffer`, `watch`; unknown options are skipped
};

/// When `words[0]` is a wrapper of `set` whose options parse, the index of the first word of
/// the wrapped command; nullopt otherwise or when no command follows.
std::optional<size_t> WrappedCommandStart(const std::vector<ShellWord>& words, WrapperSet set);

/// The script of `sh|bash|dash|zsh|ksh|ash … -c SCRIPT`, `eval WORDS…` (joined with spaces) and
/// `env -S STRING`, as one word (dynamic when its text is unknown); nullopt for other commands.
std::optional<ShellWord> InlineScript(const std::vector<ShellWord>& words);

/// The last path component of a program word: `/usr/bin/curl` gives `curl`.
std::string_view ProgramName(std::string_view word);

}  // namespace runner::permissions
