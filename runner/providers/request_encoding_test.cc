#include "runner/providers/request_encoding.h"

#include <gtest/gtest.h>

namespace runner::providers {
namespace {

using base::Json;

Json J(std::string_view text) { return Json::Parse(text).value_or(Json()); }

ModelRequest SampleRequest() {
  ModelRequest r;
  r.model = "claude-opus-5-5";
  r.max_tokens = 1000;
  r.system = J(R"([{"type":"text","text":"a"},{"type":"text","text":"b"}])");
  r.messages = {protocol::Message{"user", Json("hi")},
                protocol::Message{"assistant", J(R"([{"type":"text","text":"yo"}])")},
                protocol::Message{"user", Json("again")}};
  return r;
}

TEST(EncodeRequestBody, WritesFieldsWithCacheBreakpoints) {
  Json body = EncodeRequestBody(SampleRequest(), {});
  EXPECT_EQ(body, J(R"({
    "model":"claude-opus-5-5","max_tokens":1000,
    "system":[{"type":"text","text":"a"},
              {"type":"text","text":"b","cache_control":{"type":"ephemeral"}}],
    "messages":[{"role":"user","content":"hi"},
                {"role":"assistant","content":[{"type":"text","text":"yo"}]},
                {"role":"user","content":[{"type":"text","text":"again",
                                           "cache_control":{"type":"ephemeral"}}]}],
    "stream":true})"));
  EXPECT_EQ(body.members().front().first, "model");
  EXPECT_EQ(body.members().back().first, "stream");
}

TEST(EncodeRequestBody, LeavesCachingOffWhenDisabled) {
  Json body = EncodeRequestBody(SampleRequest(), {.caching = PromptCaching::kDisabled});
  EXPECT_EQ(body["system"], SampleRequest().system);
  EXPECT_EQ(body["messages"].at(2), J(R"({"role":"user","content":"again"})"));
}

TEST(EncodeRequestBody, AddsToolsAndExtraAndOverridesMaxTokens) {
  ModelRequest r = SampleRequest();
  r.tools = J(R"([{"name":"Bash","description":"d","input_schema":{"type":"object"}}])");
  r.extra = J(R"({"thinking":{"type":"adaptive"},"metadata":{"user_id":"u"}})");
  Json body = EncodeRequestBody(r, {.max_tokens_override = 64});
  EXPECT_EQ(body["tools"], r.tools);
  EXPECT_EQ(body["thinking"], J(R"({"type":"adaptive"})"));
  EXPECT_EQ(body["metadata"], J(R"({"user_id":"u"})"));
  EXPECT_EQ(body["max_tokens"], Json(64));
}

TEST(EncodeRequestBody, OmitsEmptySystemAndTools) {
  ModelRequest r;
  r.model = "m";
  r.messages = {protocol::Message{"user", Json("x")}};
  Json body = EncodeRequestBody(r, {});
  EXPECT_FALSE(body.Contains("system"));
  EXPECT_FALSE(body.Contains("tools"));
}

TEST(EncodeRequestBody, NeverMarksThinkingOrEmptyText) {
  ModelRequest r;
  r.messages = {protocol::Message{"assistant", J(R"([{"type":"thinking","thinking":"t"}])")}};
  EXPECT_FALSE(
      EncodeRequestBody(r, {})["messages"].at(0)["content"].at(0).Contains("cache_control"));
  r.messages = {protocol::Message{"user", Json("")}};
  EXPECT_EQ(EncodeRequestBody(r, {})["messages"].at(0)["content"], Json(""));
}

TEST(EncodeRequestBody, MarksLastToolResultBlock) {
  ModelRequest r;
  r.messages = {
      protocol::Message{"user", J(R"([{"type":"tool_result","tool_use_id":"t","content":"ok"}])")}};
  Json block = EncodeRequestBody(r, {})["messages"].at(0)["content"].at(0);
  EXPECT_EQ(block["cache_control"], J(R"({"type":"ephemeral"})"));
}

}  // namespace
}  // namespace runner::providers
