#include "runner/settings/settings.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace runner::settings {
namespace {

using base::Json;
using Strings = std::vector<std::string>;

Json Parse(std::string_view text) { return *Json::Parse(text); }

TEST(ReadSettings, DefaultsWhenNothingIsSet) {
  Settings s = ReadSettings(Json::MakeObject());
  EXPECT_EQ(s.model, std::nullopt);
  EXPECT_EQ(s.permissions.allow, Strings{});
  EXPECT_EQ(s.permissions.default_mode, std::nullopt);
  EXPECT_FALSE(s.permissions.disable_bypass_permissions_mode);
  EXPECT_TRUE(s.env.empty());
  EXPECT_TRUE(s.hooks.is_null());
  EXPECT_FALSE(s.disable_all_hooks);
  EXPECT_EQ(s.api_key_helper, std::nullopt);
  EXPECT_TRUE(s.include_co_authored_by);
  EXPECT_EQ(s.cleanup_period_days, 30);
  EXPECT_FALSE(s.mcp.enable_all_project_mcp_servers);
  EXPECT_FALSE(s.managed.permission_rules_only);
}

TEST(ReadSettings, ReadsEveryTypedKey) {
  Settings s = ReadSettings(Parse(R"({
    "model": "sonnet",
    "permissions": {"allow": ["A"], "deny": ["D"], "ask": ["Q"], "additionalDirectories": ["x"],
                    "defaultMode": "acceptEdits", "disableBypassPermissionsMode": "disable"},
    "disableAutoMode": "disable",
    "env": {"FOO": "bar", "N": 3, "B": true},
    "hooks": {"Stop": [{"hooks": []}]}, "disableAllHooks": true,
    "apiKeyHelper": "/bin/key", "includeCoAuthoredBy": false, "cleanupPeriodDays": 9,
    "enableAllProjectMcpServers": true, "enabledMcpjsonServers": ["e"],
    "disabledMcpjsonServers": ["d"],
    "allowManagedPermissionRulesOnly": true, "allowManagedHooksOnly": true,
    "allowManagedMcpServersOnly": true
  })"));
  EXPECT_EQ(s.model, "sonnet");
  EXPECT_EQ(s.permissions.allow, Strings{"A"});
  EXPECT_EQ(s.permissions.deny, Strings{"D"});
  EXPECT_EQ(s.permissions.ask, Strings{"Q"});
  EXPECT_EQ(s.permissions.additional_directories, Strings{"x"});
  EXPECT_EQ(s.permissions.default_mode, "acceptEdits");
  EXPECT_TRUE(s.permissions.disable_bypass_permissions_mode);
  EXPECT_TRUE(s.permissions.disable_auto_mode);
  EXPECT_EQ(s.env, (std::vector<std::pair<std::string, std::string>>{
                       {"FOO", "bar"}, {"N", "3"}, {"B", "true"}}));
  EXPECT_EQ(s.hooks, Parse(R"({"Stop": [{"hooks": []}]})"));
  EXPECT_TRUE(s.disable_all_hooks);
  EXPECT_EQ(s.api_key_helper, "/bin/key");
  EXPECT_FALSE(s.include_co_authored_by);
  EXPECT_EQ(s.cleanup_period_days, 9);
  EXPECT_TRUE(s.mcp.enable_all_project_mcp_servers);
  EXPECT_EQ(s.mcp.enabled_mcpjson_servers, Strings{"e"});
  EXPECT_EQ(s.mcp.disabled_mcpjson_servers, Strings{"d"});
  EXPECT_TRUE(s.managed.permission_rules_only);
  EXPECT_TRUE(s.managed.hooks_only);
  EXPECT_TRUE(s.managed.mcp_servers_only);
}

TEST(ReadSettings, EmptyModelCountsAsUnset) {
  EXPECT_EQ(ReadSettings(Parse(R"({"model": ""})")).model, std::nullopt);
}

TEST(ApplyEnvBlock, SettingsWinOverTheProcessEnvironment) {
  base::Env env(
      std::map<std::string, std::string>{{"ANTHROPIC_BASE_URL", "https://shell"}, {"KEEP", "1"}});
  ApplyEnvBlock(Parse(R"({"env": {"ANTHROPIC_BASE_URL": "https://managed", "MAX": 5}})"), env);
  EXPECT_EQ(env.vars(),
            (std::map<std::string, std::string, std::less<>>{
                {"ANTHROPIC_BASE_URL", "https://managed"}, {"KEEP", "1"}, {"MAX", "5"}}));
}

TEST(ApplyEnvBlock, NoEnvBlockChangesNothing) {
  base::Env env(std::map<std::string, std::string>{{"A", "1"}});
  ApplyEnvBlock(Json::MakeObject(), env);
  EXPECT_EQ(env.GetOr("A", ""), "1");
  EXPECT_EQ(env.vars().size(), 1u);
}

}  // namespace
}  // namespace runner::settings
