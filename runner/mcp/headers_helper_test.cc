#include "runner/mcp/headers_helper.h"

#include <gtest/gtest.h>

namespace runner::mcp {
namespace {

using Map = std::map<std::string, std::string>;

ServerConfig Remote(std::string helper) {
  ServerConfig c;
  c.name = "tracker";
  c.type = ServerType::kHttp;
  c.url = "https://mcp.example.com/mcp";
  c.headers = {{"Authorization", "Bearer static"}, {"X-Team", "ci"}};
  c.headers_helper = std::move(helper);
  return c;
}

base::Result<Map> RunHelper(const std::string& helper,
                            int64_t timeout_ms = kHeadersHelperTimeoutMs) {
  exec::PosixProcessRunner runner;
  return HeadersWithHelper(Remote(helper), runner, {{"PATH", "/usr/bin:/bin"}, {"TOKEN", "t0k"}},
                           {}, timeout_ms);
}

TEST(McpHeadersHelper, MergesItsHeadersOverTheStaticOnes) {
  auto headers = RunHelper(R"(printf '{"authorization":"Bearer %s","X-Server":"%s %s"}' "$TOKEN" )"
                           R"("$CLAUDE_CODE_MCP_SERVER_NAME" "$CLAUDE_CODE_MCP_SERVER_URL")");
  ASSERT_TRUE(headers) << headers.error().message;
  EXPECT_EQ(*headers, (Map{{"authorization", "Bearer t0k"},
                           {"X-Server", "tracker https://mcp.example.com/mcp"},
                           {"X-Team", "ci"}}));
}

TEST(McpHeadersHelper, WithoutAHelperTheStaticHeadersStay) {
  auto headers = RunHelper("");
  ASSERT_TRUE(headers);
  EXPECT_EQ(*headers, (Map{{"Authorization", "Bearer static"}, {"X-Team", "ci"}}));
}

TEST(McpHeadersHelper, FailuresAreOneLineErrors) {
  struct Case {
    std::string helper, expected;
  };
  for (const Case& c : std::vector<Case>{
           {"echo 'no token for you' >&2; echo more >&2; exit 3",
            "headersHelper of MCP server tracker exited with status 3: no token for you"},
           {"echo 'Bearer x'",
            "headersHelper of MCP server tracker must print a JSON object of "
            "headers, got: Bearer x"},
           {"true",
            "headersHelper of MCP server tracker must print a JSON object of headers, "
            "got: nothing"},
           {R"(echo '{"X-N": 1}')",
            "headersHelper of MCP server tracker printed a header that is not a string: X-N"},
           {R"(printf '%s' '{"X-A": "a\r\nX-B: b"}')",
            "headersHelper of MCP server tracker printed an invalid header: X-A"},
       }) {
    auto headers = RunHelper(c.helper);
    ASSERT_FALSE(headers) << c.helper;
    EXPECT_EQ(headers.error().kind, base::ErrorKind::kConfig);
    EXPECT_EQ(headers.error().message, c.expected);
  }
}

TEST(McpHeadersHelper, ATimeoutKillsTheHelper) {
  auto headers = RunHelper("sleep 5", 200);
  ASSERT_FALSE(headers);
  EXPECT_EQ(headers.error().message,
            "headersHelper of MCP server tracker did not finish within 200 ms");
}

}  // namespace
}  // namespace runner::mcp
