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
