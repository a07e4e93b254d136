#pragma once
/// What the project contributes to prompts: CLAUDE.md memory (runner/memory) and custom slash
/// commands (runner/commands), set up for one run from the environment and the settings.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/agent/agent.h"
#include "runner/base/env.h"
#include "runner/base/json.h"
#include "runner/cli/mcp_prompts.h"
#include "runner/commands/command.h"
#include "runner/commands/expand.h"
#include "runner/memory/memory.h"
#include "runner/memory/nested_memory.h"
#include "runner/permissions/gate.h"
#include "runner/settings/settings_source.h"

namespace runner::cli {

/// Which `--setting-sources` are on (all of them when the flag is absent).
struct SourceSwitches {
  bool user = true, project = true, local = true;
  static SourceSwitches From(const std::optional<std::vector<settings::SettingsSource>>& sources);
};

/// The managed directory: $CLAUDE_RUNNER_MANAGED_SETTINGS_DIR, else /etc/claude-code.
std::filesystem::path ManagedDir(const base::Env& env);

/// The memory of a run: the startup files, their reminder block, and nested memory.
struct Memory {
  std::vector<memory::MemoryFile> files;
  std::string reminder;  ///< empty when there is nothing to send
  std::unique_ptr<memory::NestedMemory> nested;
};

/// Loads CLAUDE.md memory, unless CLAUDE_CODE_DISABLE_CLAUDE_MDS is set (then nothing loads).
/// `merged_settings` supplies `claudeMdExcludes`; the `add_dirs` count only with
/// CLAUDE_CODE_ADDITIONAL_DIRECTORIES_CLAUDE_MD set.
Memory LoadMemory(const base::Env& env, const std::filesystem::path& cwd, SourceSwitches sources,
                  const base::Json& merged_settings, const std::vector<std::filesystem::path>& add_dirs);

/// One user turn, ready for Agent::RunTurn, or the reason it cannot run.
struct PreparedTurn {
  base::Json content;
  agent::TurnOverrides overrides;
  std::optional<std::string> error;  ///< set: call Agent::RejectTurn with it
};

/// Custom slash commands of a run: recognizes `/name args` at the start of a turn's text.
class SlashCommands {
 public:
  /// `expand` carries the session's permission policy, processes and environment; `nested`
  /// (may be null) brings in CLAUDE.md files next to files a command attaches.
  SlashCommands(std::vector<commands::CommandDef> commands, commands::ExpandInputs expand,
                base::Env env, memory::NestedMemory* nested);

  /// `content` (a string, or blocks whose last one is text) as it should reach the model:
  /// unchanged when it is not a command call; expanded, with the command's model and gate,
  /// when it is; an error for an unknown command name ("Unknown skill: <name>") or a command
  /// that cannot be expanded. Text that starts with an existing absolute path (`/tmp/x …`) is
  /// not a command call.
  PreparedTurn Prepare(const base::Json& content);

  /// Also offers these MCP prompts as commands (a custom command of the same name wins); each
  /// prompts/get may take `timeout_ms` and stops with `cancel` (may be null). A missing
  /// required argument or a failing prompts/get is an error like an unknown command.
  void SetMcpPrompts(std::vector<McpPromptCommand> prompts, int64_t timeout_ms,
                     base::CancelToken* cancel);

  /// The command names, for system/init's slash_commands: the custom commands, then the MCP
  /// prompts.
  std::vector<std::string> Names() const;

 private:
  std::vector<commands::CommandDef> commands_;
  commands::ExpandInputs expand_;
  base::Env env_;
  memory::NestedMemory* nested_;
  std::vector<std::unique_ptr<permissions::Gate>> gates_;  ///< per command turn; live all run
  std::vector<McpPromptCommand> mcp_prompts_;
  int64_t mcp_timeout_ms_ = 30000;
  base::CancelToken* mcp_cancel_ = nullptr;
};

/// Loads the commands the sources allow.
std::vector<commands::CommandDef> LoadCommandCatalog(const base::Env& env,
                                                      const std::filesystem::path& cwd,
                                                      SourceSwitches sources);

}  // namespace runner::cli
