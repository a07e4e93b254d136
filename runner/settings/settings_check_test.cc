#include "runner/settings/settings_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace runner::settings {
namespace {

using base::Json;
using Warnings = std::vector<std::string>;

Json Parse(std::string_view text) { return *Json::Parse(text); }

/// The kConfig message CheckSettings fails with, or "" when it passes.
std::string ErrorOf(std::string_view text, SettingsSource source = SettingsSource::kProject) {
  auto checked = CheckSettings(Parse(text), "/p/.claude/settings.json", source);
  if (checked) return "";
  EXPECT_EQ(checked.error().kind, base::ErrorKind::kConfig);
  return checked.error().message;
}

TEST(CheckSettings, AcceptsAValidDocumentUnchanged) {
  std::string text = R"j({
    "model": "sonnet",
    "permissions": {"allow": ["Bash(npm test:*)"], "deny": [], "ask": ["Write"],
                    "additionalDirectories": ["../docs"], "defaultMode": "acceptEdits",
                    "disableBypassPermissionsMode": "disable"},
    "env": {"A": "1", "B": 2, "C": false},
    "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "x"}]}]},
    "apiKeyHelper": "/bin/key", "includeCoAuthoredBy": false, "cleanupPeriodDays": 7,
    "disableAllHooks": false, "enableAllProjectMcpServers": true,
    "enabledMcpjsonServers": ["a"], "disabledMcpjsonServers": ["b"],
    "sandbox": {"enabled": true, "network": {"allowedDomains": ["example.com"]}},
    "theme": 42, "statusLine": "anything"
  })j";
  auto checked = CheckSettings(Parse(text), "f", SettingsSource::kUser);
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(checked->value, Parse(text));
  EXPECT_EQ(checked->warnings, Warnings{});
}

TEST(CheckSettings, RejectsANonObjectDocument) {
  EXPECT_EQ(ErrorOf("[1, 2]"), "/p/.claude/settings.json: settings must be a JSON object");
}

TEST(CheckSettings, NamesFileAndKeyOnWrongType) {
  EXPECT_EQ(ErrorOf(R"({"permissions": {"allow": "Bash"}})"),
            "/p/.claude/settings.json: key 'permissions.allow' must be an array of strings");
  EXPECT_EQ(ErrorOf(R"({"permissions": {"deny": ["Bash", 3]}})"),
            "/p/.claude/settings.json: key 'permissions.deny' must be an array of strings");
  EXPECT_EQ(ErrorOf(R"({"permissions": ["Bash"]})"),
            "/p/.claude/settings.json: key 'permissions' must be an object");
  EXPECT_EQ(ErrorOf(R"({"model": 4})"), "/p/.claude/settings.json: key 'model' must be a string");
  EXPECT_EQ(ErrorOf(R"({"disableAllHooks": "yes"})"),
            "/p/.claude/settings.json: key 'disableAllHooks' must be a boolean");
  EXPECT_EQ(ErrorOf(R"({"hooks": []})"), "/p/.claude/settings.json: key 'hooks' must be an object");
  EXPECT_EQ(ErrorOf(R"({"cleanupPeriodDays": 0})"),
            "/p/.claude/settings.json: key 'cleanupPeriodDays' must be a positive integer");
  EXPECT_EQ(ErrorOf(R"({"sandbox": {"network": {"allowedDomains": "a.com"}}})"),
            "/p/.claude/settings.json: key 'sandbox.network.allowedDomains' must be an array of "
            "strings");
}

TEST(CheckSettings, NamesTheChoicesOfAnEnum) {
  EXPECT_EQ(ErrorOf(R"({"permissions": {"defaultMode": "yolo"}})"),
            "/p/.claude/settings.json: key 'permissions.defaultMode' must be one of: default, "
            "acceptEdits, plan, bypassPermissions, dontAsk, auto");
  EXPECT_EQ(ErrorOf(R"({"permissions": {"disableBypassPermissionsMode": true}})"),
            "/p/.claude/settings.json: key 'permissions.disableBypassPermissionsMode' must be one "
            "of: disable");
}

TEST(CheckSettings, NamesTheEnvEntryThatIsNotAString) {
  EXPECT_EQ(ErrorOf(R"({"env": {"OK": "1", "FOO": {"x": 1}}})"),
            "/p/.claude/settings.json: key 'env.FOO' must be a string");
  EXPECT_EQ(ErrorOf(R"({"env": {"FOO": null}})"),
            "/p/.claude/settings.json: key 'env.FOO' must be a string");
  EXPECT_EQ(ErrorOf(R"({"env": ["FOO=1"]})"),
            "/p/.claude/settings.json: key 'env' must be an object of strings");
}

TEST(CheckSettings, WarnsAboutUnknownKeysAndKeepsThem) {
  auto checked = CheckSettings(
      Parse(R"({"foo": 1, "permissions": {"alow": []}, "sandbox": {"network": {"x": 1}}})"),
      "/u/settings.json", SettingsSource::kUser);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->warnings, (Warnings{"/u/settings.json: unknown setting 'foo'",
                                         "/u/settings.json: unknown setting 'permissions.alow'",
                                         "/u/settings.json: unknown setting 'sandbox.network.x'"}));
  EXPECT_EQ(checked->value["foo"], Json(1));
}

TEST(CheckSettings, DropsManagedOnlyKeysOutsideManagedSettings) {
  std::string text =
      R"({"allowManagedHooksOnly": true, "sandbox": {"network": {"allowManagedDomainsOnly": true}},
          "model": "opus"})";
  auto project = CheckSettings(Parse(text), "/p/s.json", SettingsSource::kProject);
  ASSERT_TRUE(project);
  EXPECT_EQ(project->value, Parse(R"({"sandbox": {"network": {}}, "model": "opus"})"));
  EXPECT_EQ(project->warnings,
            (Warnings{"/p/s.json: setting 'allowManagedHooksOnly' is only honored in managed "
                      "settings; ignored",
                      "/p/s.json: setting 'sandbox.network.allowManagedDomainsOnly' is only "
                      "honored in managed settings; ignored"}));

  auto managed = CheckSettings(Parse(text), "/etc/m.json", SettingsSource::kManaged);
  ASSERT_TRUE(managed);
  EXPECT_EQ(managed->value, Parse(text));
  EXPECT_EQ(managed->warnings, Warnings{});
}

TEST(CheckSettings, FlagSettingsAreNotManaged) {
  auto flag = CheckSettings(Parse(R"({"allowManagedPermissionRulesOnly": true})"), "--settings",
                            SettingsSource::kFlag);
  ASSERT_TRUE(flag);
  EXPECT_EQ(flag->value, Json::MakeObject());
  EXPECT_EQ(flag->warnings, (Warnings{"--settings: setting 'allowManagedPermissionRulesOnly' is "
                                      "only honored in managed settings; ignored"}));
}

TEST(CheckSettings, ChecksManagedOnlyKeyTypesInManagedSettings) {
  EXPECT_EQ(ErrorOf(R"({"allowManagedPermissionRulesOnly": "true"})", SettingsSource::kManaged),
            "/p/.claude/settings.json: key 'allowManagedPermissionRulesOnly' must be a boolean");
}

}  // namespace
}  // namespace runner::settings
