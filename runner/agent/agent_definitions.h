#pragma once
/// Subagent types for the Task tool: the built-in general-purpose agent and custom agents from
/// `.claude/agents/*.md` (project) and `~/.claude/agents/*.md` (user), as Claude Code reads them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::agent {

struct AgentDefinition {
  std::string name;
  std::string description;
  std::string system_prompt;                      ///< the Markdown body; empty for built-ins
  std::string model;                              ///< alias, full id, "inherit" or empty
  std::optional<std::vector<std::string>> tools;  ///< nullopt = every tool of the parent
  std::filesystem::path source;                   ///< file it came from (empty = built-in)
};

/// Built-ins first, then custom agents from `dirs` in order; a name defined earlier wins
/// (pass the project's directory before the user's). Unreadable or malformed files are skipped
/// with a warning naming the file.
std::vector<AgentDefinition> LoadAgentDefinitions(const std::vector<std::filesystem::path>& dirs);

/// Agents given as JSON, by `--agents` or the SDK host's `initialize`:
///   {"reviewer": {"description": "…", "prompt": "…", "tools": ["Read"], "model": "sonnet"}}
/// A kUsage error names the first bad entry.
base::Result<std::vector<AgentDefinition>> ParseAgentDefinitionsJson(const base::Json& agents);

/// `base` with `overrides` added; an override replaces an agent of the same name.
std::vector<AgentDefinition> WithAgentOverrides(std::vector<AgentDefinition> base,
                                                const std::vector<AgentDefinition>& overrides);

}  // namespace runner::agent
