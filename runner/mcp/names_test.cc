#include "runner/mcp/names.h"

#include <gtest/gtest.h>

namespace runner::mcp {
namespace {

TEST(McpNames, KeepsPlainNames) {
  EXPECT_EQ(ToolName("github", "get_issue"), "mcp__github__get_issue");
  EXPECT_EQ(ToolName("my-server", "read-file"), "mcp__my-server__read-file");
}

TEST(McpNames, ReplacesEverythingElseWithUnderscores) {
  EXPECT_EQ(NormalizeName("my server.v2"), "my_server_v2");
  EXPECT_EQ(NormalizeName("a/b:c@d"), "a_b_c_d");
  EXPECT_EQ(ToolName("everything", "get tiny.image"), "mcp__everything__get_tiny_image");
}

TEST(McpNames, CountsCharactersAsJavaScriptDoes) {
  EXPECT_EQ(NormalizeName("caf\xc3\xa9"), "caf_");           // é: one UTF-16 unit
  EXPECT_EQ(NormalizeName("\xe2\x82\xac" "x"), "_x");        // €: one unit
  EXPECT_EQ(NormalizeName("a\xf0\x9f\x98\x80" "b"), "a__b");  // an emoji: a surrogate pair
}

}  // namespace
}  // namespace runner::mcp
