#pragma once
/// Agent configuration: everything the turn loop needs to know, resolved by cli/.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/env.h"
#include "runner/agent/agent_definitions.h"
#include "runner/base/json.h"

namespace runner::hooks {
class HookRunner;
}
namespace runner::permissions {
class Prompter;
}
namespace runner::memory {
class NestedMemory;
}

namespace runner::agent {

/// Facts about the machine and project put into the system prompt.
struct EnvironmentFacts {
  std::filesystem::path cwd;
  std::vector<std::filesystem::path> additional_dirs;
  std::string platform = "linux";
  std::string os_version;
  std::string date;           ///< YYYY-MM-DD
  bool is_git_repo = false;
  std::string git_branch;
  std::string git_status;     ///< `git status --short` output, possibly cut
  std::string git_recent_commits;
};

struct AgentOptions {
  std::string model;
  std::string fallback_model;
  std::string session_id;
  std::optional<std::string> system_prompt;  ///< replaces ours entirely
  std::string append_system_prompt;
  int max_turns = 0;                 ///< 0 = unlimited
  double max_budget_usd = 0;         ///< 0 = unlimited
  std::optional<base::Json> json_schema;
  int64_t max_output_tokens = 0;     ///< 0 = the model's default
  int max_tool_concurrency = 10;
  std::vector<std::string> betas;
  std::string api_key_source = "none";
  std::string permission_mode = "default";
  std::vector<std::string> slash_commands;
  /// system/init's `mcp_servers`: `[{"name", "status"}]` (cli fills it after starting them).
  base::Json mcp_servers = base::Json::MakeArray();
  std::string agent_id;         ///< set for subagents (x-claude-code-agent-id)
  std::string agent_type;       ///< set for subagents: the agent definition's name
  std::string parent_agent_id;  ///< set for subagents spawned by subagents
  /// Where custom agent definitions are looked up (.claude/agents of the project, then the
  /// user's); empty = no custom agents.
  std::vector<std::filesystem::path> agent_dirs;
  /// Agents given as JSON (`--agents`, the SDK host's initialize); they replace file-defined
  /// agents of the same name.
  std::vector<AgentDefinition> extra_agents;
  bool enable_subagents = true;  ///< offer the Task tool
  base::Env env;                 ///< for model aliases of subagents (ANTHROPIC_DEFAULT_*_MODEL)
  hooks::HookRunner* hooks = nullptr;  ///< borrowed; null when no hooks are configured
  /// Borrowed; decides calls the rules leave undecided (`--permission-prompt-tool`). Null:
  /// such calls are denied, as nobody is there to ask.
  permissions::Prompter* prompter = nullptr;
  /// The CLAUDE.md memory block (memory::StartupReminder), put at the start of the first user
  /// message of every request, never into the history or the transcript; empty = none.
  std::string memory_context;
  /// Borrowed; attaches CLAUDE.md files below the working directory after a Read there.
  /// Null = none are attached.
  memory::NestedMemory* nested_memory = nullptr;
};

}  // namespace runner::agent
