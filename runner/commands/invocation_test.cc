#include "runner/commands/invocation.h"

#include <gtest/gtest.h>

namespace runner::commands {
namespace {

using Words = std::vector<std::string>;

TEST(ParseInvocation, NameRunsToTheFirstSpace) {
  EXPECT_EQ(ParseInvocation("/review-pr 12"), (Invocation{"review-pr", "12"}));
  EXPECT_EQ(ParseInvocation("  /frontend:component  Button  primary \n"),
            (Invocation{"frontend:component", " Button  primary"}));
  EXPECT_EQ(ParseInvocation("/deploy"), (Invocation{"deploy", ""}));
  EXPECT_EQ(ParseInvocation("/fix\nthe build"), (Invocation{"fix\nthe", "build"}));
  EXPECT_FALSE(ParseInvocation("review /x"));
  EXPECT_FALSE(ParseInvocation("/ spaced"));
  EXPECT_FALSE(ParseInvocation("/"));
}

TEST(LooksLikeCommandName, OnlyNameCharacters) {
  EXPECT_TRUE(LooksLikeCommandName("review-pr"));
  EXPECT_TRUE(LooksLikeCommandName("frontend:component_2"));
  EXPECT_FALSE(LooksLikeCommandName("tmp/build.log"));
  EXPECT_FALSE(LooksLikeCommandName("fix\nthe"));
  EXPECT_FALSE(LooksLikeCommandName(""));
}

TEST(SplitArguments, SplitsLikeAShell) {
  EXPECT_EQ(SplitArguments("a  b\tc"), (Words{"a", "b", "c"}));
  EXPECT_EQ(SplitArguments("\"hello world\" 'it''s' x\\ y"), (Words{"hello world", "its", "x y"}));
  EXPECT_EQ(SplitArguments("say \"a \\\"quote\\\"\" ''"), (Words{"say", "a \"quote\"", ""}));
  EXPECT_EQ(SplitArguments("fix; rm -rf / | cat >out"), (Words{"fix", "rm", "-rf", "/", "cat", "out"}));
  EXPECT_EQ(SplitArguments("$HOME `x`"), (Words{"$HOME", "`x`"}));
  EXPECT_EQ(SplitArguments("don't stop"), (Words{"don't", "stop"}));  // unbalanced: plain split
  EXPECT_EQ(SplitArguments("   "), Words{});
}

TEST(SubstituteArguments, WholeIndexedShorthandAndNamed) {
  EXPECT_EQ(SubstituteArguments("Fix issue #$ARGUMENTS now", "123", {}), "Fix issue #123 now");
  EXPECT_EQ(SubstituteArguments("Migrate $0 from $1 to $ARGUMENTS[2]; all: $ARGUMENTS",
                                "\"My Button\" React Vue", {}),
            "Migrate My Button from React to Vue; all: \"My Button\" React Vue");
  EXPECT_EQ(SubstituteArguments("Issue $issue on $branch ($issue[x], $issues, $2)", "42 hotfix",
                                {"issue", "branch"}),
            "Issue 42 on hotfix ($issue[x], $issues, )");
  EXPECT_EQ(SubstituteArguments("cost: $10x and $5", "a", {}), "cost: $10x and ");
}

TEST(SubstituteArguments, AppendsArgumentsNobodyAskedFor) {
  EXPECT_EQ(SubstituteArguments("Review the code.", "src/a.cc", {}), "Review the code.\n\nARGUMENTS: src/a.cc");
  EXPECT_EQ(SubstituteArguments("Review the code.", "", {}), "Review the code.");
  EXPECT_EQ(SubstituteArguments("Fix $ARGUMENTS", "", {}), "Fix ");
}

}  // namespace
}  // namespace runner::commands
