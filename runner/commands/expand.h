#pragma once
/// Turns a command and its arguments into what the model receives, as Claude Code does: the
/// text blocks of one user message, namely
///   1. `<command-message>name</command-message>\n<command-name>/name</command-name>` and, with
///      arguments, `\n<command-args>args</command-args>`;
///   2. any blocks that came before the command text (stream-json input), then the prompt: the
///      body with `${CLAUDE_SESSION_ID}` and the arguments substituted and each `!` snippet
///      replaced by its output;
///   3. for each `@file` the prompt mentions, the attached file.
/// Snippets run with bash in the working directory only when the permission rules (the
/// session's plus the command's `allowed-tools`) allow them as Bash calls; all are checked
/// before any runs.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/commands/command.h"
#include "runner/exec/process.h"
#include "runner/permissions/gate.h"

namespace runner::commands {

/// What a snippet is replaced with when settings set `disableSkillShellExecution` (managed
/// commands are exempt).
inline constexpr std::string_view kShellDisabledText = "[shell command execution disabled by policy]";

struct ExpandInputs {
  std::filesystem::path cwd;   ///< absolute; snippets run here, mentions resolve from here
  std::filesystem::path home;  ///< for `@~/…`
  std::string session_id;      ///< for `${CLAUDE_SESSION_ID}`
  permissions::GatePolicy policy;          ///< the session's permission policy
  exec::ProcessRunner* processes = nullptr;  ///< borrowed
  std::map<std::string, std::string> env;  ///< the snippets' environment
  base::CancelToken* cancel = nullptr;     ///< borrowed; may be null
  int64_t shell_timeout_ms = 120000;
  bool shell_disabled = false;             ///< disableSkillShellExecution
};

struct Expansion {
  base::Json content = base::Json::MakeArray();  ///< the user message's content blocks
  std::vector<std::filesystem::path> attached_files;  ///< absolute paths of attached mentions
};

/// `<command-message>name</command-message>\n<command-name>/name</command-name>` and, when
/// `args` is not empty, `\n<command-args>args</command-args>`: how a command turn starts.
std::string CommandTags(const std::string& name, std::string_view args);

/// The session policy with `rules` added as allow rules (relative to `cwd`, source "command").
permissions::GatePolicy WithCommandRules(permissions::GatePolicy policy,
                                         const std::vector<std::string>& rules,
                                         const std::filesystem::path& cwd);

/// Expands `command` called with `args`. `preceding` blocks (may be null or empty) go before
/// the prompt. Fails with kConfig for a command whose frontmatter could not be read, and with
/// kIo naming the pattern when a snippet is not allowed
/// (`Shell command permission check failed for pattern "!`…`": <reason>`) or fails
/// (`Shell command failed for pattern "!`…`": <output>`); nothing runs after a refusal.
base::Result<Expansion> Expand(const CommandDef& command, std::string_view args,
                               const ExpandInputs& inputs, const base::Json& preceding = {});

}  // namespace runner::commands
