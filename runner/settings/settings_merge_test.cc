#include "runner/settings/settings_merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace runner::settings {
namespace {

using base::Json;
using Warnings = std::vector<std::string>;

Json Parse(std::string_view text) { return *Json::Parse(text); }

/// Merges documents given lowest precedence first.
Json MergeAll(std::initializer_list<std::string_view> docs) {
  Json merged = Json::MakeObject();
  for (std::string_view doc : docs) MergeSettings(merged, Parse(doc));
  return merged;
}

SettingsLayer Layer(SettingsSource source, std::string file, std::string_view doc) {
  return SettingsLayer{source, std::move(file), "/base", Parse(doc)};
}

TEST(MergeSettings, ArraysConcatenateAndDeduplicate) {
  EXPECT_EQ(MergeAll({R"({"permissions": {"allow": ["A", "B"], "deny": ["X"]}})",
                      R"({"permissions": {"allow": ["B", "C"], "additionalDirectories": ["d"]}})"}),
            Parse(R"({"permissions": {"allow": ["A", "B", "C"], "deny": ["X"],
                                      "additionalDirectories": ["d"]}})"));
}

TEST(MergeSettings, ObjectsMergePerKeyAndHigherScalarsWin) {
  EXPECT_EQ(MergeAll({R"({"env": {"A": "user", "B": "user"}, "model": "haiku"})",
                      R"({"env": {"B": "project", "C": "project"}, "model": "opus"})"}),
            Parse(R"({"env": {"A": "user", "B": "project", "C": "project"}, "model": "opus"})"));
}

TEST(MergeSettings, HookEventsFromEveryLayerAllRun) {
  EXPECT_EQ(MergeAll({R"({"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": []}]}})",
                      R"({"hooks": {"PreToolUse": [{"matcher": "Edit", "hooks": []}],
                                    "Stop": [{"hooks": []}]}})"}),
            Parse(R"({"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": []},
                                               {"matcher": "Edit", "hooks": []}],
                                "Stop": [{"hooks": []}]}})"));
}

TEST(MergeSettings, TableExceptions) {
  // fallbackModel is an ordered chain: the highest layer supplies all of it.
  EXPECT_EQ(
      MergeAll({R"({"fallbackModel": ["sonnet", "haiku"]})", R"({"fallbackModel": ["opus"]})"}),
      Parse(R"({"fallbackModel": ["opus"]})"));
  // disableClaudeAiConnectors only tightens.
  EXPECT_EQ(MergeAll({R"({"disableClaudeAiConnectors": true})",
                      R"({"disableClaudeAiConnectors": false})"}),
            Parse(R"({"disableClaudeAiConnectors": true})"));
}

TEST(MergeSettings, HigherLayerWinsOnTypeMismatch) {
  EXPECT_EQ(MergeAll({R"({"x": [1], "y": {"a": 1}})", R"({"x": "s", "y": [2]})"}),
            Parse(R"({"x": "s", "y": [2]})"));
}

TEST(ApplyManagedLocks, PermissionRulesOnlyKeepsManagedRules) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kUser, "/u.json",
            R"({"permissions": {"allow": ["A"], "additionalDirectories": ["d"]}})"),
      Layer(SettingsSource::kProject, "/p.json",
            R"({"permissions": {"deny": ["B"], "ask": ["C"]}})"),
      Layer(SettingsSource::kManaged, "/m.json",
            R"({"allowManagedPermissionRulesOnly": true, "permissions": {"deny": ["M"]}})"),
  };
  Warnings warnings = ApplyManagedLocks(layers);
  EXPECT_EQ(warnings, (Warnings{"/u.json: permissions.allow ignored: managed settings set "
                                "allowManagedPermissionRulesOnly",
                                "/p.json: permissions.ask ignored: managed settings set "
                                "allowManagedPermissionRulesOnly",
                                "/p.json: permissions.deny ignored: managed settings set "
                                "allowManagedPermissionRulesOnly"}));
  EXPECT_EQ(layers[0].value, Parse(R"({"permissions": {"additionalDirectories": ["d"]}})"));
  EXPECT_EQ(layers[1].value, Parse(R"({"permissions": {}})"));
  EXPECT_EQ(layers[2].value["permissions"], Parse(R"({"deny": ["M"]})"));
}

TEST(ApplyManagedLocks, OtherLocks) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kFlag, "--settings",
            R"({"hooks": {"Stop": []}, "allowedMcpServers": [{"serverName": "x"}],
                "sandbox": {"network": {"allowedDomains": ["a.com"]},
                            "filesystem": {"allowRead": ["/r"], "denyRead": ["/d"]}}})"),
      Layer(SettingsSource::kManaged, "/m.json",
            R"({"allowManagedHooksOnly": true, "allowManagedMcpServersOnly": true,
                "sandbox": {"network": {"allowManagedDomainsOnly": true},
                            "filesystem": {"allowManagedReadPathsOnly": true}}})"),
  };
  EXPECT_EQ(ApplyManagedLocks(layers).size(), 4u);
  EXPECT_EQ(layers[0].value,
            Parse(R"({"sandbox": {"network": {}, "filesystem": {"denyRead": ["/d"]}}})"));
}

TEST(ApplyManagedLocks, NothingHappensWhenTheLockIsOff) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kUser, "/u.json", R"({"permissions": {"allow": ["A"]}})"),
      Layer(SettingsSource::kManaged, "/m.json", R"({"allowManagedPermissionRulesOnly": false})"),
  };
  EXPECT_EQ(ApplyManagedLocks(layers), Warnings{});
  EXPECT_EQ(layers[0].value, Parse(R"({"permissions": {"allow": ["A"]}})"));
}

TEST(MergeLayers, ManagedDisableAllHooksRemovesEveryHook) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kUser, "/u.json", R"({"hooks": {"Stop": [{"hooks": []}]}})"),
      Layer(SettingsSource::kManaged, "/m.json",
            R"({"disableAllHooks": true, "hooks": {"PreToolUse": [{"hooks": []}]}})"),
  };
  EXPECT_EQ(MergeLayers(layers), Parse(R"({"disableAllHooks": true})"));
}

TEST(MergeLayers, DisableAllHooksOutsideManagedKeepsManagedHooks) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kUser, "/u.json", R"({"hooks": {"Stop": [{"hooks": []}]}})"),
      Layer(SettingsSource::kLocal, "/l.json", R"({"disableAllHooks": true})"),
      Layer(SettingsSource::kManaged, "/m.json", R"({"hooks": {"PreToolUse": [{"hooks": []}]}})"),
  };
  EXPECT_EQ(MergeLayers(layers),
            Parse(R"({"disableAllHooks": true, "hooks": {"PreToolUse": [{"hooks": []}]}})"));
  layers.pop_back();
  EXPECT_EQ(MergeLayers(layers), Parse(R"({"disableAllHooks": true})"));
}

TEST(MergeLayers, ManagedFalseOverridesAUserDisableAllHooks) {
  std::vector<SettingsLayer> layers = {
      Layer(SettingsSource::kUser, "/u.json",
            R"({"disableAllHooks": true, "hooks": {"Stop": [{"hooks": []}]}})"),
      Layer(SettingsSource::kManaged, "/m.json", R"({"disableAllHooks": false})"),
  };
  EXPECT_EQ(MergeLayers(layers),
            Parse(R"({"disableAllHooks": false, "hooks": {"Stop": [{"hooks": []}]}})"));
}

}  // namespace
}  // namespace runner::settings
