#pragma once
/// The settings module owns Claude Code's settings.json layers and what comes out of them:
///   settings_layers.h  find, read, check and merge the layers → LoadedSettings
///   settings_keys.h    the one table of known keys (type, merge rule, scope)
///   settings_check.h   type errors and unknown-key warnings for one document
///   settings_merge.h   merge rules and managed locks
///   settings.h         (this file) the typed view the runner uses, and the env block
///   models.h           model aliases and prices
/// The composition root calls LoadSettings once, logs the warnings, calls ApplyEnvBlock before
/// anything reads the environment, then ReadSettings. See docs/settings.md.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/json.h"

namespace runner::settings {

struct PermissionSettings {
  std::vector<std::string> allow, deny, ask;  ///< merged rule text (see SourcedPermissions)
  std::vector<std::string> additional_directories;
  std::optional<std::string> default_mode;       ///< permissions.defaultMode, when set
  bool disable_bypass_permissions_mode = false;  ///< disableBypassPermissionsMode == "disable"
  bool disable_auto_mode = false;  ///< permissions.disableAutoMode or disableAutoMode == "disable"
};

/// Approval of servers from the project's .mcp.json.
struct McpApprovalSettings {
  bool enable_all_project_mcp_servers = false;
  std::vector<std::string> enabled_mcpjson_servers;
  std::vector<std::string> disabled_mcpjson_servers;
};

/// Managed-only switches (they can only come from managed settings).
struct ManagedSwitches {
  bool permission_rules_only = false;  ///< allowManagedPermissionRulesOnly
  bool hooks_only = false;             ///< allowManagedHooksOnly
  bool mcp_servers_only = false;       ///< allowManagedMcpServersOnly
};

/// The settings the runner acts on today, with Claude Code's defaults filled in.
struct Settings {
  std::optional<std::string> model;  ///< `model`; nullopt when unset or empty
  PermissionSettings permissions;
  std::vector<std::pair<std::string, std::string>> env;  ///< the env block, values as strings
  base::Json hooks;  ///< effective `hooks` object; null when there are none
  bool disable_all_hooks = false;
  std::optional<std::string> api_key_helper;
  bool include_co_authored_by = true;
  int64_t cleanup_period_days = 30;
  McpApprovalSettings mcp;
  ManagedSwitches managed;
};

/// Reads the typed view from LoadedSettings::merged (already checked, so types are right).
Settings ReadSettings(const base::Json& merged);

/// Sets every variable of the merged `env` block in `env`, replacing values from the process
/// environment: Claude Code applies settings env over the shell's exports. Numbers and booleans
/// are written as their JSON text ("1", "true").
void ApplyEnvBlock(const base::Json& merged, base::Env& env);

}  // namespace runner::settings
