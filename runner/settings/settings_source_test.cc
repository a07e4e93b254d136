#include "runner/settings/settings_source.h"

#include <gtest/gtest.h>

#include <vector>

namespace runner::settings {
namespace {

using Sources = std::vector<SettingsSource>;

TEST(ParseSettingSources, AcceptsCommaAndSpaceSeparatedNames) {
  EXPECT_EQ(*ParseSettingSources("user,project,local"),
            (Sources{SettingsSource::kUser, SettingsSource::kProject, SettingsSource::kLocal}));
  EXPECT_EQ(*ParseSettingSources(" project , user "),
            (Sources{SettingsSource::kProject, SettingsSource::kUser}));
  EXPECT_EQ(*ParseSettingSources("local local"), (Sources{SettingsSource::kLocal}));
}

TEST(ParseSettingSources, EmptyMeansNoFileSources) {
  EXPECT_EQ(*ParseSettingSources(""), Sources{});
  EXPECT_EQ(*ParseSettingSources(" , "), Sources{});
}

TEST(ParseSettingSources, RejectsUnknownNames) {
  auto parsed = ParseSettingSources("user,managed");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(parsed.error().message,
            "--setting-sources: unknown source 'managed' (expected user, project, local)");
}

TEST(SettingsSourceName, UsesClaudeCodesNames) {
  EXPECT_EQ(SettingsSourceName(SettingsSource::kUser), "userSettings");
  EXPECT_EQ(SettingsSourceName(SettingsSource::kProject), "projectSettings");
  EXPECT_EQ(SettingsSourceName(SettingsSource::kLocal), "localSettings");
  EXPECT_EQ(SettingsSourceName(SettingsSource::kFlag), "flagSettings");
  EXPECT_EQ(SettingsSourceName(SettingsSource::kManaged), "policySettings");
}

}  // namespace
}  // namespace runner::settings
