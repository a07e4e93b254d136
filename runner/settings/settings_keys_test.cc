#include "runner/settings/settings_keys.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace runner::settings {
namespace {

using base::Json;
using base::JsonArray;
using base::JsonObject;

TEST(SettingKeys, PermissionListsAreStringArraysThatMergeByType) {
  const KeySpec* allow = FindSettingKey("permissions.allow");
  ASSERT_NE(allow, nullptr);
  EXPECT_EQ(allow->type, ValueType::kStringArray);
  EXPECT_EQ(allow->merge, MergeRule::kByType);
  EXPECT_EQ(allow->scope, KeyScope::kAny);
  EXPECT_EQ(allow->relevance, Relevance::kHeadless);
  for (const char* key : {"permissions.deny", "permissions.ask",
                          "permissions.additionalDirectories", "enabledMcpjsonServers"}) {
    ASSERT_NE(FindSettingKey(key), nullptr) << key;
    EXPECT_EQ(FindSettingKey(key)->type, ValueType::kStringArray) << key;
  }
}

TEST(SettingKeys, UnknownKeysHaveNoRowAndMergeByType) {
  EXPECT_EQ(FindSettingKey("permissions.allowed"), nullptr);
  EXPECT_EQ(FindSettingKey("no-such-key"), nullptr);
  EXPECT_EQ(MergeRuleFor("no-such-key"), MergeRule::kByType);
  EXPECT_EQ(MergeRuleFor("env.ANYTHING"), MergeRule::kByType);
}

TEST(SettingKeys, ExceptionsToMergeByType) {
  EXPECT_EQ(MergeRuleFor("fallbackModel"), MergeRule::kReplace);
  EXPECT_EQ(MergeRuleFor("disableClaudeAiConnectors"), MergeRule::kAnyTrue);
}

TEST(SettingKeys, ManagedOnlyKeys) {
  for (const char* key :
       {"allowManagedPermissionRulesOnly", "allowManagedHooksOnly", "allowManagedMcpServersOnly",
        "sandbox.network.allowManagedDomainsOnly", "sandbox.filesystem.allowManagedReadPathsOnly",
        "sandbox.bwrapPath", "requiredMinimumVersion", "parentSettingsBehavior"}) {
    ASSERT_NE(FindSettingKey(key), nullptr) << key;
    EXPECT_EQ(FindSettingKey(key)->scope, KeyScope::kManagedOnly) << key;
  }
  // Documented to work from any scope.
  EXPECT_EQ(FindSettingKey("permissions.disableBypassPermissionsMode")->scope, KeyScope::kAny);
}

TEST(SettingKeys, TableIsConsistent) {
  std::set<std::string> seen;
  for (const KeySpec& spec : AllSettingKeys()) {
    EXPECT_TRUE(seen.insert(std::string(spec.path)).second) << "duplicate " << spec.path;
    size_t dot = spec.path.rfind('.');
    if (dot == std::string_view::npos) continue;
    // A nested row only makes sense under a checked object row.
    const KeySpec* parent = FindSettingKey(spec.path.substr(0, dot));
    ASSERT_NE(parent, nullptr) << spec.path;
    EXPECT_EQ(parent->type, ValueType::kObject) << spec.path;
    if (!spec.choices.empty()) {
      EXPECT_EQ(spec.type, ValueType::kString) << spec.path;
    }
  }
}

TEST(SettingKeys, DescribeTypeNamesTheShape) {
  EXPECT_EQ(DescribeType(*FindSettingKey("permissions.allow")), "an array of strings");
  EXPECT_EQ(DescribeType(*FindSettingKey("permissions.defaultMode")),
            "one of: default, acceptEdits, plan, bypassPermissions, dontAsk, auto");
  EXPECT_EQ(DescribeType(*FindSettingKey("cleanupPeriodDays")), "a positive integer");
  EXPECT_EQ(DescribeType(*FindSettingKey("env")), "an object of strings");
  EXPECT_EQ(DescribeType(*FindSettingKey("hooks")), "an object");
  EXPECT_EQ(DescribeType(*FindSettingKey("disableAllHooks")), "a boolean");
  EXPECT_EQ(DescribeType(*FindSettingKey("model")), "a string");
}

TEST(SettingKeys, MatchesType) {
  const KeySpec& days = *FindSettingKey("cleanupPeriodDays");
  EXPECT_TRUE(MatchesType(days, Json(20)));
  EXPECT_FALSE(MatchesType(days, Json(0)));
  EXPECT_FALSE(MatchesType(days, Json(1.5)));
  EXPECT_FALSE(MatchesType(days, Json("20")));
  const KeySpec& env = *FindSettingKey("env");
  EXPECT_TRUE(MatchesType(env, JsonObject({{"A", "x"}, {"B", 1}, {"C", true}})));
  EXPECT_FALSE(MatchesType(env, JsonObject({{"A", JsonArray({"x"})}})));
  const KeySpec& mode = *FindSettingKey("permissions.defaultMode");
  EXPECT_TRUE(MatchesType(mode, Json("acceptEdits")));
  EXPECT_FALSE(MatchesType(mode, Json("accept")));
  const KeySpec& allow = *FindSettingKey("permissions.allow");
  EXPECT_TRUE(MatchesType(allow, JsonArray({"Bash", "Read"})));
  EXPECT_FALSE(MatchesType(allow, JsonArray({"Bash", 1})));
  EXPECT_TRUE(MatchesType(*FindSettingKey("theme"), Json(42)));  // ignored keys take anything
}

TEST(SettingKeys, ChildPath) {
  EXPECT_EQ(ChildPath("", "env"), "env");
  EXPECT_EQ(ChildPath("sandbox.network", "allowedDomains"), "sandbox.network.allowedDomains");
}

}  // namespace
}  // namespace runner::settings
