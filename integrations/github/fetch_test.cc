#include "integrations/github/fetch.h"

#include <gtest/gtest.h>

namespace integrations::github {
namespace {

EntityContext Conversation() {
  EntityContext e;
  e.comments = {{1, "alice", "User"}, {2, "renovate[bot]", "Bot"}, {3, "Bob", "User"}, {4, "claude[bot]", "Bot"}};
  e.reviews = {{5, "bob", "APPROVED", "LGTM", ""}, {6, "sonar[bot]", "COMMENTED", "3 issues", ""}};
  e.inline_comments.resize(2);
  e.inline_comments[0].author = "alice";
  e.inline_comments[1].author = "sonar[bot]";
  return e;
}

std::vector<std::string> CommentAuthors(const EntityContext& e) {
  std::vector<std::string> out;
  for (const auto& c : e.comments) out.push_back(c.author);
  return out;
}

TEST(FilterCommentsByActor, NoListsKeepEverything) {
  EntityContext e = Conversation();
  FilterCommentsByActor(e, {}, {});
  EXPECT_EQ(e.comments.size(), 4u);
  EXPECT_EQ(e.reviews.size(), 2u);
  EXPECT_EQ(e.inline_comments.size(), 2u);
}

TEST(FilterCommentsByActor, ExcludeDropsBotsEverywhere) {
  EntityContext e = Conversation();
  FilterCommentsByActor(e, {}, {"*[bot]"});
  EXPECT_EQ(CommentAuthors(e), (std::vector<std::string>{"alice", "Bob"}));
  ASSERT_EQ(e.reviews.size(), 1u);
  EXPECT_EQ(e.reviews[0].author, "bob");
  ASSERT_EQ(e.inline_comments.size(), 1u);
  EXPECT_EQ(e.inline_comments[0].author, "alice");
}

TEST(FilterCommentsByActor, IncludeKeepsOnlyTheListedAndExcludeWins) {
  EntityContext e = Conversation();
  FilterCommentsByActor(e, {"alice", "bob", "renovate[bot]"}, {"renovate[bot]"});
  EXPECT_EQ(CommentAuthors(e), (std::vector<std::string>{"alice", "Bob"}));  // logins match in any case
  EXPECT_EQ(e.reviews.size(), 1u);
  EXPECT_EQ(e.inline_comments.size(), 1u);
}

TEST(ActorListed, MatchesLoginsAndTheBotWildcard) {
  EXPECT_TRUE(ActorListed({"Alice"}, "alice"));
  EXPECT_TRUE(ActorListed({"*[bot]"}, "dependabot[bot]"));
  EXPECT_FALSE(ActorListed({"*[bot]"}, "botany"));
  EXPECT_FALSE(ActorListed({}, "alice"));
  EXPECT_FALSE(ActorListed({"ali"}, "alice"));
}

}  // namespace
}  // namespace integrations::github
