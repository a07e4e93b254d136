#include "runner/mcp/json_rpc.h"

#include <gtest/gtest.h>

namespace runner::mcp::rpc {
namespace {

using base::Json;

Json Parse(const char* text) { return *Json::Parse(text); }

TEST(JsonRpc, BuildsMessages) {
  EXPECT_EQ(Request(3, "tools/list", Json()).Dump(), R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})");
  EXPECT_EQ(Request(4, "ping", Json::MakeObject()).Dump(),
            R"({"jsonrpc":"2.0","id":4,"method":"ping","params":{}})");
  EXPECT_EQ(Notification("notifications/initialized", Json()).Dump(),
            R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_EQ(Response(Json("a"), Json::MakeObject()).Dump(), R"({"jsonrpc":"2.0","id":"a","result":{}})");
  EXPECT_EQ(ErrorResponse(Json(9), kMethodNotFound, "Method not found: x").Dump(),
            R"({"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"Method not found: x"}})");
}

TEST(JsonRpc, ClassifiesWhatServersSend) {
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":1,"method":"roots/list"})")), Kind::kRequest);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":"x","method":"ping"})")), Kind::kRequest);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","method":"notifications/progress","params":{}})")),
            Kind::kNotification);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":1,"result":{}})")), Kind::kResponse);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}})")), Kind::kResponse);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":1})")), Kind::kInvalid);
  EXPECT_EQ(Classify(Parse(R"({"jsonrpc":"2.0","id":null,"result":{}})")), Kind::kInvalid);
  EXPECT_EQ(Classify(Parse(R"([1,2])")), Kind::kInvalid);
}

TEST(JsonRpc, ResultOrTheServersError) {
  auto ok = ResultOf(Parse(R"({"jsonrpc":"2.0","id":1,"result":{"a":1}})"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, Parse(R"({"a":1})"));
  auto err = ResultOf(Parse(R"({"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Unknown tool: x"}})"));
  ASSERT_FALSE(err);
  EXPECT_EQ(err.error().message, "MCP error -32602: Unknown tool: x");
  EXPECT_EQ(err.error().kind, base::ErrorKind::kApi);
}

}  // namespace
}  // namespace runner::mcp::rpc
