#pragma once
/// Command-line flags, spelled as Claude Code spells them. CLI11 stays inside flags.cc.

#include <optional>
#include <string>
#include <vector>

#include "runner/base/result.h"

namespace runner::cli {

struct Flags {
  bool print = false;
  std::optional<std::string> prompt;
  std::string output_format = "text";
  std::string input_format = "text";
  bool verbose = false;
  bool include_partial_messages = false;
  bool replay_user_messages = false;
  bool include_hook_events = false;
  std::optional<int> max_turns;
  std::optional<double> max_budget_usd;
  std::string model;
  std::string fallback_model;
  std::optional<std::string> system_prompt;
  std::optional<std::string> system_prompt_file;
  std::optional<std::string> append_system_prompt;
  std::optional<std::string> append_system_prompt_file;
  std::optional<std::string> json_schema;
  std::optional<std::string> session_id;
  bool resume_given = false;
  std::string resume;  ///< session id or transcript path; empty with resume_given = error
  bool continue_session = false;
  bool fork_session = false;
  bool no_session_persistence = false;
  std::vector<std::string> add_dirs;
  std::optional<std::vector<std::string>> tools;
  std::vector<std::string> allowed_tools;
  std::vector<std::string> disallowed_tools;
  std::string permission_mode;
  bool dangerously_skip_permissions = false;
  bool debug = false;
  std::string debug_filter;
  std::vector<std::string> betas;
  std::optional<std::string> timeout;
  std::optional<std::string> settings;         ///< --settings: a file or inline JSON
  std::optional<std::string> setting_sources;  ///< --setting-sources: "user,project,local"
  std::optional<std::string> permission_prompt_tool;  ///< "stdio" (SDK host) or an MCP tool
  std::vector<std::string> mcp_configs;  ///< --mcp-config: files or inline JSON, in order
  bool strict_mcp_config = false;        ///< --strict-mcp-config: only the --mcp-config servers
  bool allow_dangerously_skip_permissions = false;
  std::optional<std::string> agents_json;  ///< --agents
  std::optional<std::string> replay_file;
  std::optional<std::string> record_file;
  /// Flags accepted for compatibility whose feature lands in a later release (warned about).
  std::vector<std::string> not_yet_supported;
  bool show_version = false;
  bool show_help = false;
  std::string help_text;
};

/// Parses argv. Unknown or malformed flags give a kUsage error with a one-line message.
base::Result<Flags> ParseFlags(int argc, const char* const* argv);

/// `claude-runner mcp …` (docs/mcp-serve.md). Only `serve` exists.
struct McpFlags {
  std::string command;  ///< "serve", or empty (usage only)
  bool debug = false;
  bool verbose = false;
  std::vector<std::string> add_dirs;
  std::optional<std::vector<std::string>> tools;
  bool show_help = false;  ///< `mcp` alone, or --help: print help_text and exit 0
  std::string help_text;
};

/// Parses the words from `mcp` on (argv[0] is "mcp"). Another subcommand of Claude Code's
/// (`add`, `list`, …) or a bad flag is a kUsage error with a one-line message.
base::Result<McpFlags> ParseMcpFlags(int argc, const char* const* argv);

}  // namespace runner::cli
