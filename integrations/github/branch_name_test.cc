#include "integrations/github/branch_name.h"

#include <gtest/gtest.h>

namespace integrations::github {
namespace {

// 2026-11-21 15:30:45 UTC.
constexpr std::time_t kNow = 1795275045;

TEST(NewBranchName, PrefixEntityNumberAndUtcMinute) {
  EXPECT_EQ(NewBranchName("claude/", "issue", 12, kNow), "claude/issue-12-20261121-1530");
  EXPECT_EQ(NewBranchName("claude/", "pr", 7, kNow), "claude/pr-7-20261121-1530");
  EXPECT_EQ(NewBranchName("Bot/Fix-", "Issue", 3, kNow), "bot/fix-issue-3-20261121-1530");
  EXPECT_EQ(NewBranchName("", "issue", 1, 0), "issue-1-19700101-0000");
}

TEST(NewBranchName, CutToFiftyCharactersWithoutATrailingSeparator) {
  const std::string name =
      NewBranchName("a-very-long-prefix-for-branches-made-here/", "issue", 123456, kNow);
  EXPECT_LE(name.size(), kMaxBranchNameLength);
  EXPECT_EQ(name, "a-very-long-prefix-for-branches-made-here/issue-12");
  // A cut that would end in `-` drops it: 36 + 14 characters end with "…1121-".
  const std::string prefix36 = "p/" + std::string(33, 'x') + "/";
  EXPECT_EQ(NewBranchName(prefix36, "pr", 1, kNow), prefix36 + "pr-1-20261121");
  const std::string prefix37 = "p/" + std::string(34, 'x') + "/";
  EXPECT_EQ(NewBranchName(prefix37, "pr", 1, kNow), prefix37 + "pr-1-20261121");
  EXPECT_TRUE(IsValidBranchName(name));
}

BranchTemplateValues Values(std::string label = "", std::string title = "") {
  return {"claude/", "issue", 42, kNow, "0123456789abcdef0123456789abcdef01234567", std::move(label), std::move(title)};
}

TEST(TemplateBranchName, FillsEveryValue) {
  EXPECT_EQ(TemplateBranchName("{{prefix}}{{entityType}}-{{entityNumber}}-{{timestamp}}", Values()),
            "claude/issue-42-20261121-1530");
  EXPECT_EQ(TemplateBranchName("{{prefix}}{{label}}/{{entityNumber}}-{{sha}}", Values("bug")),
            "claude/bug/42-01234567");
  EXPECT_EQ(TemplateBranchName("{{prefix}}{{description}}-{{entityNumber}}",
                               Values("", "Fix: Login & OAuth fails after the upgrade")),
            "claude/fix-login-oauth-fails-42");  // five words; `&` counts as one but has no letters
  // An unknown name stays as written, which no branch name may contain: the default name.
  EXPECT_EQ(TemplateBranchName("{{prefix}}x-{{nope}}-{{entityNumber}}", Values()), "claude/issue-42-20261121-1530");
}

TEST(TemplateBranchName, ALabelIsMadeBranchSafeOrFallsBackToTheEntityType) {
  EXPECT_EQ(TemplateBranchName("{{label}}/{{entityNumber}}", Values("area:permissions")), "area-permissions/42");
  EXPECT_EQ(TemplateBranchName("{{label}}-{{entityNumber}}", Values("needs review")), "needs-review-42");
  EXPECT_EQ(TemplateBranchName("{{label}}-{{entityNumber}}", Values("\xF0\x9F\x8E\x89")), "issue-42");
  EXPECT_EQ(TemplateBranchName("{{label}}-{{entityNumber}}", Values()), "issue-42");
}

TEST(TemplateBranchName, KeepsTheTemplatesCaseAndLengthButFallsBackWhenBlank) {
  EXPECT_EQ(TemplateBranchName("{{prefix}}UPPER_Case-{{entityNumber}}", Values()), "claude/UPPER_Case-42");
  std::string long_name = TemplateBranchName("{{prefix}}" + std::string(60, 'a') + "-{{entityNumber}}", Values());
  EXPECT_GT(long_name.size(), kMaxBranchNameLength);
  EXPECT_EQ(TemplateBranchName("", Values()), "claude/issue-42-20261121-1530");
  EXPECT_EQ(TemplateBranchName("  {{description}}  ", Values()), "claude/issue-42-20261121-1530");
  // A title without Latin letters or digits leaves `claude/`, not a branch name: the default.
  EXPECT_EQ(TemplateBranchName("{{prefix}}{{description}}", Values("", "\xE4\xBF\xAE\xE5\xA4\x8D")),
            "claude/issue-42-20261121-1530");
}

TEST(IsValidBranchName, AcceptsOrdinaryNames) {
  for (const char* name : {"main", "claude/issue-12-20261121-1530", "feature/x_y.z",
                           "release/1.2.3", "@scope/pkg", "_private", "fix#12", "a+b,c", "v1"}) {
    EXPECT_TRUE(IsValidBranchName(name)) << name;
  }
}

TEST(IsValidBranchName, RejectsUnsafeOrGitInvalidNames) {
  for (const char* name : {"",           "-rf",       "--upload-pack=evil",
                           "@",          "HEAD",      "a..b",
                           "a//b",       "a@{1}",     "x.lock",
                           "dir/x.lock", "a/.hidden", ".hidden",
                           "a/",         "a.",        "/a",
                           "has space",  "tab\tname", "new\nline",
                           "a~1",        "a^2",       "a:b",
                           "a?",         "a*",        "a[b",
                           "a\\b",       "$(id)",     "`id`",
                           "a;b",        "a|b",       "ünicode"}) {
    EXPECT_FALSE(IsValidBranchName(name)) << name;
  }
  EXPECT_FALSE(IsValidBranchName(std::string(256, 'a')));
  EXPECT_TRUE(IsValidBranchName(std::string(255, 'a')));
}

TEST(NextBranchCandidate, AppendsTheAttemptNumber) {
  EXPECT_EQ(NextBranchCandidate("claude/issue-12-20261121-1530", 1),
            "claude/issue-12-20261121-1530");
  EXPECT_EQ(NextBranchCandidate("claude/issue-12-20261121-1530", 2),
            "claude/issue-12-20261121-1530-2");
  EXPECT_EQ(NextBranchCandidate("claude/issue-12-20261121-1530", 10),
            "claude/issue-12-20261121-1530-10");
  const std::string fifty(50, 'b');
  EXPECT_EQ(NextBranchCandidate(fifty, 3), std::string(48, 'b') + "-3");
  const std::string sixty(60, 'c');
  EXPECT_EQ(NextBranchCandidate(sixty, 2), std::string(58, 'c') + "-2");
  EXPECT_TRUE(IsValidBranchName(NextBranchCandidate("claude/pr-1-20261121-1530", 2)));
}

}  // namespace
}  // namespace integrations::github
