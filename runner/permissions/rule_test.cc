#include "runner/permissions/rule.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

TEST(ParseRule, ReadsToolAndSpecifier) {
  EXPECT_EQ(ParseRule("Bash(git diff:*)"), (Rule{"Bash", "git diff:*", true}));
  EXPECT_EQ(ParseRule("Read"), (Rule{"Read", "", false}));
  EXPECT_EQ(ParseRule("Bash(echo (a))"), (Rule{"Bash", "echo (a)", true}));
  EXPECT_EQ(RuleText(ParseRule("WebFetch(domain:x.org)")), "WebFetch(domain:x.org)");
}

TEST(ParseRule, EmptyAndStarSpecifiersMeanTheWholeTool) {
  EXPECT_EQ(ParseRule("Bash()"), (Rule{"Bash", "", false}));
  EXPECT_EQ(ParseRule("Edit(*)"), (Rule{"Edit", "", false}));
}

TEST(SplitToolList, SplitsCommasAndSpacesButNotInsideParentheses) {
  EXPECT_EQ(SplitToolList({"Bash(npm install),mcp__fs", "Read Edit", "Bash(git log:*, x)"}),
            (std::vector<std::string>{"Bash(npm install)", "mcp__fs", "Read", "Edit",
                                      "Bash(git log:*, x)"}));
}

TEST(RuleCoversTool, ReadAndEditCoverTheirFamilies) {
  EXPECT_TRUE(RuleCoversTool("Read", "Grep"));
  EXPECT_TRUE(RuleCoversTool("Read", "LS"));
  EXPECT_TRUE(RuleCoversTool("Edit", "Write"));
  EXPECT_TRUE(RuleCoversTool("Edit", "NotebookEdit"));
  EXPECT_FALSE(RuleCoversTool("Write", "Edit"));
  EXPECT_FALSE(RuleCoversTool("Read", "Write"));
  EXPECT_FALSE(RuleCoversTool("Bash", "BashOutput"));
}

TEST(RuleCoversTool, McpServerToolAndServerWildcard) {
  EXPECT_TRUE(RuleCoversTool("mcp__srv", "mcp__srv__tool"));
  EXPECT_TRUE(RuleCoversTool("mcp__srv__*", "mcp__srv__tool"));
  EXPECT_TRUE(RuleCoversTool("mcp__srv__tool", "mcp__srv__tool"));
  EXPECT_FALSE(RuleCoversTool("mcp__srv__tool", "mcp__srv__other"));
  EXPECT_FALSE(RuleCoversTool("mcp__srv", "mcp__srvx__tool"));
  EXPECT_FALSE(RuleCoversTool("mcp__*", "mcp__srv__tool"));
}

TEST(UrlHost, ExtractsTheLowerCaseHost) {
  EXPECT_EQ(UrlHost("https://Example.COM/x?y"), "example.com");
  EXPECT_EQ(UrlHost("http://user:pw@docs.example.com:8080"), "docs.example.com");
  EXPECT_EQ(UrlHost("https://example.com./"), "example.com");
  EXPECT_EQ(UrlHost("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(UrlHost("https://evil.com\\@example.com/"), std::nullopt);
  EXPECT_EQ(UrlHost("https://ex%61mple.com/"), std::nullopt);
  EXPECT_EQ(UrlHost("example.com/x"), std::nullopt);
  EXPECT_EQ(UrlHost("https:///x"), std::nullopt);
}

TEST(DomainSpecifierMatches, CoversTheHostAndItsSubdomains) {
  EXPECT_TRUE(DomainSpecifierMatches("domain:example.com", "example.com"));
  EXPECT_TRUE(DomainSpecifierMatches("domain:example.com", "docs.example.com"));
  EXPECT_TRUE(DomainSpecifierMatches("domain:Example.com", "example.com"));
  EXPECT_FALSE(DomainSpecifierMatches("domain:example.com", "badexample.com"));
  EXPECT_FALSE(DomainSpecifierMatches("domain:example.com", "example.com.evil.org"));
  EXPECT_FALSE(DomainSpecifierMatches("domain:*.example.com", "example.com"));
  EXPECT_TRUE(DomainSpecifierMatches("domain:*.example.com", "a.example.com"));
  EXPECT_FALSE(DomainSpecifierMatches("example.com", "example.com"));
  EXPECT_FALSE(DomainSpecifierMatches("domain:", "example.com"));
}

}  // namespace
}  // namespace runner::permissions
