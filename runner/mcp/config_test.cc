#include "runner/mcp/config.h"

#include <gtest/gtest.h>

namespace runner::mcp {
namespace {

using base::Json;

base::Env TestEnv() {
  return base::Env(std::map<std::string, std::string>{{"TOKEN", "s3cret"}, {"EMPTY", ""}, {"HOST", "example.com"}});
}

TEST(McpConfig, ExpandsVariablesAndDefaults) {
  base::Env env = TestEnv();
  EXPECT_EQ(*ExpandVariables("Bearer ${TOKEN}", env), "Bearer s3cret");
  EXPECT_EQ(*ExpandVariables("${MISSING:-https://api.example.com}/mcp", env), "https://api.example.com/mcp");
  EXPECT_EQ(*ExpandVariables("${HOST:-other}", env), "example.com");
  EXPECT_EQ(*ExpandVariables("[${EMPTY:-d}]", env), "[]");  // empty counts as set
  EXPECT_EQ(*ExpandVariables("$TOKEN ${ unclosed", env), "$TOKEN ${ unclosed");
  EXPECT_EQ(*ExpandVariables("${TOKEN}${TOKEN}", env), "s3crets3cret");
  auto missing = ExpandVariables("x ${NOPE} y", env);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "${NOPE} is not set");
}

TEST(McpConfig, ParsesEveryTransport) {
  auto doc = Json::Parse(R"({"mcpServers":{
    "fs":{"command":"npx","args":["-y","server-fs","${HOST}"],"env":{"API_KEY":"${TOKEN}"}},
    "typed":{"type":"stdio","command":"/bin/srv"},
    "api":{"type":"http","url":"https://${HOST}/mcp","headers":{"Authorization":"Bearer ${TOKEN}"}},
    "old":{"type":"sse","url":"${URL:-https://sse.example.com}/sse","headersHelper":"print-headers ${X}"}}})");
  auto servers = ParseServers(*doc, ".mcp.json", "project", TestEnv());
  ASSERT_TRUE(servers) << servers.error().message;
  ASSERT_EQ(servers->size(), 4u);
  const ServerConfig& fs = servers->at(0);
  EXPECT_EQ(fs.name, "fs");
  EXPECT_EQ(fs.type, ServerType::kStdio);
  EXPECT_EQ(fs.command, "npx");
  EXPECT_EQ(fs.args, (std::vector<std::string>{"-y", "server-fs", "example.com"}));
  EXPECT_EQ(fs.env.at("API_KEY"), "s3cret");
  EXPECT_EQ(fs.scope, "project");
  EXPECT_EQ(servers->at(1).type, ServerType::kStdio);
  EXPECT_EQ(servers->at(2).type, ServerType::kHttp);
  EXPECT_EQ(servers->at(2).url, "https://example.com/mcp");
  EXPECT_EQ(servers->at(2).headers.at("Authorization"), "Bearer s3cret");
  EXPECT_EQ(servers->at(3).type, ServerType::kSse);
  EXPECT_EQ(servers->at(3).url, "https://sse.example.com/sse");
  EXPECT_EQ(servers->at(3).headers_helper, "print-headers ${X}");  // the shell expands it
}

TEST(McpConfig, ErrorsAreOneLineAndNameTheField) {
  base::Env env = TestEnv();
  auto error_of = [&](const char* text) {
    auto r = ParseServers(*Json::Parse(text), ".mcp.json", "project", env);
    return r ? std::string("(ok)") : r.error().message;
  };
  EXPECT_EQ(error_of(R"({"mcpServers":{"github":{"type":"http","url":"${GITHUB_MCP_URL}"}}})"),
            ".mcp.json: mcpServers.github.url: ${GITHUB_MCP_URL} is not set");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"command":"x","env":{"K":"${NOPE}"}}}})"),
            ".mcp.json: mcpServers.s.env.K: ${NOPE} is not set");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"command":"x","args":["ok","${NOPE}"]}}})"),
            ".mcp.json: mcpServers.s.args[1]: ${NOPE} is not set");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"type":"ws","url":"ws://x"}}})"),
            ".mcp.json: mcpServers.s.type: unsupported server type 'ws' (use stdio, http or sse)");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"url":"https://x"}}})"),
            ".mcp.json: mcpServers.s needs a \"command\" (stdio), or \"type\": \"http\" or \"sse\" with a \"url\"");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"command":""}}})"),
            ".mcp.json: mcpServers.s.command must be a non-empty string");
  EXPECT_EQ(error_of(R"({"mcpServers":{"s":{"command":"x","args":"-v"}}})"),
            ".mcp.json: mcpServers.s.args must be an array of strings");
  EXPECT_EQ(error_of(R"({"servers":{}})"), ".mcp.json: expected a JSON object with an \"mcpServers\" object");
  for (const std::string& e : {error_of(R"({"mcpServers":{"github":{"type":"http","url":"${X}"}}})")}) {
    EXPECT_EQ(e.find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace runner::mcp
