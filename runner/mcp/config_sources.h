#pragma once
/// Which MCP servers a run gets, from where, in Claude Code's order (docs/mcp.md):
///   user     `mcpServers` of $CLAUDE_CONFIG_DIR/.claude.json (default ~/.claude.json)
///   project  `.mcp.json` files from the top directory down to the working directory (the
///            nearest wins), each server subject to approval
///   local    `projects[<cwd>].mcpServers` of the same .claude.json
///   cliArg   every `--mcp-config` value (a file or inline JSON), later ones winning
/// A server name defined in several places takes the later definition (local beats project
/// beats user; --mcp-config beats all). `--strict-mcp-config` (or `strictMcpConfig`) keeps only
/// the --mcp-config servers. `deniedMcpServers`/`allowedMcpServers` then filter the result.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/mcp/config.h"

namespace runner::mcp {

/// Approval of `.mcp.json` servers. In print mode Claude Code approves them unless the
/// settings reject them, as long as project settings are a setting source (otherwise only
/// the enable keys approve them).
struct ProjectApproval {
  bool enable_all = false;              ///< enableAllProjectMcpServers
  std::vector<std::string> enabled;     ///< enabledMcpjsonServers
  std::vector<std::string> disabled;    ///< disabledMcpjsonServers
  bool project_settings_enabled = true; ///< `project` is among --setting-sources
};

enum class Approval { kApproved, kRejected, kPending };

/// The approval of the `.mcp.json` server `name` (names compare after NormalizeName).
Approval ProjectServerApproval(const std::string& name, const ProjectApproval& approval);

struct ConfigInputs {
  std::vector<std::string> mcp_config_flags;  ///< --mcp-config values, in order
  bool strict = false;                        ///< --strict-mcp-config or strictMcpConfig
  std::filesystem::path cwd;                  ///< absolute
  /// The global config file holding user and local servers; nullopt: none.
  std::optional<std::filesystem::path> global_config;
  ProjectApproval approval;
  base::Json allowed_servers;  ///< allowedMcpServers (null: no allowlist)
  base::Json denied_servers;   ///< deniedMcpServers (null: none)
  base::Env env;               ///< for ${VAR} expansion
};

struct LoadedServers {
  std::vector<ServerConfig> servers;  ///< in definition order, names unique
  std::vector<std::string> warnings;  ///< one line each: skipped files and servers
};

/// Reads every source. Errors (kUsage) only for --mcp-config values: a missing file, bad JSON,
/// or a bad server (`--mcp-config a.json: mcpServers.gh.url: ${GH_URL} is not set`). A broken
/// .mcp.json or .claude.json server is skipped with a warning.
base::Result<LoadedServers> LoadServerConfigs(const ConfigInputs& inputs);

/// $CLAUDE_CONFIG_DIR/.claude.json when CLAUDE_CONFIG_DIR is set, else $HOME/.claude.json;
/// nullopt when neither is set.
std::optional<std::filesystem::path> GlobalConfigPath(const base::Env& env);

/// Whether a deniedMcpServers/allowedMcpServers entry (`{"serverName"}`, `{"serverCommand"}` or
/// `{"serverUrl"}`; `*` matches any run of characters in names and URLs) matches `server`.
bool PolicyEntryMatches(const base::Json& entry, const ServerConfig& server);

}  // namespace runner::mcp
