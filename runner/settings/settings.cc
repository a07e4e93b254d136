#include "runner/settings/settings.h"

namespace runner::settings {
namespace {

using base::Json;

std::vector<std::string> Strings(const Json& array) {
  std::vector<std::string> out;
  for (const Json& item : array.items()) {
    if (item.is_string()) out.push_back(item.AsString());
  }
  return out;
}

std::optional<std::string> NonEmptyString(const Json& value) {
  if (!value.is_string() || value.AsString().empty()) return std::nullopt;
  return value.AsString();
}

std::string EnvText(const Json& value) {
  return value.is_string() ? value.AsString() : value.Dump();
}

PermissionSettings ReadPermissions(const Json& merged) {
  const Json& p = merged["permissions"];
  PermissionSettings out;
  out.allow = Strings(p["allow"]);
  out.deny = Strings(p["deny"]);
  out.ask = Strings(p["ask"]);
  out.additional_directories = Strings(p["additionalDirectories"]);
  out.default_mode = NonEmptyString(p["defaultMode"]);
  out.disable_bypass_permissions_mode = p["disableBypassPermissionsMode"].AsString() == "disable";
  out.disable_auto_mode = p["disableAutoMode"].AsString() == "disable" ||
                          merged["disableAutoMode"].AsString() == "disable";
  return out;
}

}  // namespace

Settings ReadSettings(const Json& merged) {
  Settings out;
  out.model = NonEmptyString(merged["model"]);
  out.permissions = ReadPermissions(merged);
  for (const auto& [name, value] : merged["env"].members())
    out.env.emplace_back(name, EnvText(value));
  if (merged["hooks"].is_object()) out.hooks = merged["hooks"];
  out.disable_all_hooks = merged["disableAllHooks"].AsBool();
  out.api_key_helper = NonEmptyString(merged["apiKeyHelper"]);
  out.include_co_authored_by = merged["includeCoAuthoredBy"].AsBool(true);
  out.cleanup_period_days = merged["cleanupPeriodDays"].AsInt(30);
  out.mcp.enable_all_project_mcp_servers = merged["enableAllProjectMcpServers"].AsBool();
  out.mcp.enabled_mcpjson_servers = Strings(merged["enabledMcpjsonServers"]);
  out.mcp.disabled_mcpjson_servers = Strings(merged["disabledMcpjsonServers"]);
  out.managed.permission_rules_only = merged["allowManagedPermissionRulesOnly"].AsBool();
  out.managed.hooks_only = merged["allowManagedHooksOnly"].AsBool();
  out.managed.mcp_servers_only = merged["allowManagedMcpServersOnly"].AsBool();
  return out;
}

void ApplyEnvBlock(const Json& merged, base::Env& env) {
  for (const auto& [name, value] : merged["env"].members()) env.Set(name, EnvText(value));
}

}  // namespace runner::settings
