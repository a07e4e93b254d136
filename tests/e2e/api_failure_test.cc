// End-to-end: API failures — retries, rate limits, auth errors, mid-stream errors, stalls.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

TEST_F(E2eTest, ServerErrorIsRetriedThenSucceeds) {
  FakeApi api(R"({"turns":[{"error":{"status":500,"type":"api_error","message":"boom"}},
    {"content":[{"type":"text","text":"recovered"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  std::vector<Json> retries = OfType(lines, "system", "api_retry");
  ASSERT_EQ(retries.size(), 1u);
  EXPECT_EQ(retries[0]["attempt"].AsInt(), 1);
  EXPECT_EQ(retries[0]["max_retries"].AsInt(), 10);
  EXPECT_EQ(retries[0]["error_status"].AsInt(), 500);
  EXPECT_EQ(retries[0]["error"].AsString(), "server_error");
  EXPECT_EQ(lines.back()["result"].AsString(), "recovered");
  EXPECT_EQ(api.Requests().size(), 2u);
}

TEST_F(E2eTest, RateLimitHonoursRetryAfter) {
  FakeApi api(R"({"turns":[{"error":{"status":429,"type":"rate_limit_error","message":"slow down","retry_after":1}},
    {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> retries = OfType(JsonLines(r.out), "system", "api_retry");
  ASSERT_EQ(retries.size(), 1u);
  EXPECT_EQ(retries[0]["retry_delay_ms"].AsInt(), 1000);
  EXPECT_EQ(retries[0]["error"].AsString(), "rate_limit");
  EXPECT_GE(r.wall_ms, 1000);
}

TEST_F(E2eTest, UnauthorizedIsNotRetried) {
  FakeApi api(R"({"turns":[{"error":{"status":401,"type":"authentication_error","message":"invalid x-api-key"}},
    {"content":[{"type":"text","text":"should not be reached"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose"});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_EQ(api.Requests().size(), 1u);
  std::vector<Json> lines = JsonLines(r.out);
  Json assistant = OfType(lines, "assistant").at(0);
  EXPECT_EQ(assistant["error"].AsString(), "authentication_failed");
  EXPECT_EQ(assistant["api_error_status"].AsInt(), 401);
  Json result = lines.back();
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(result["api_error_status"].AsInt(), 401);
  EXPECT_NE(result["result"].AsString().find("invalid x-api-key"), std::string::npos);
}

TEST_F(E2eTest, MidStreamErrorBeforeAnyBlockIsRetried) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"lost"}],"stream_error":{"after_blocks":0,"type":"overloaded_error","message":"Overloaded"}},
    {"content":[{"type":"text","text":"second try"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).at(0)["result"].AsString(), "second try");
  EXPECT_EQ(api.Requests().size(), 2u);
}

TEST_F(E2eTest, MidStreamErrorAfterABlockAsksTheModelToResume) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"part one"},{"type":"text","text":"never sent"}],"stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}},
    {"content":[{"type":"text","text":"part two"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  bool synthetic = false;
  for (const Json& u : OfType(lines, "user")) synthetic = synthetic || u["isSynthetic"].AsBool();
  EXPECT_TRUE(synthetic);
  EXPECT_EQ(lines.back()["result"].AsString(), "part two");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_NE(reqs[1]["body"]["messages"].Dump().find("part one"), std::string::npos);
}

TEST_F(E2eTest, StalledServerTimesOutAndFailsAfterRetries) {
  FakeApi api(R"({"turns":[{"stall_ms":20000},{"stall_ms":20000}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json"}, "",
                    {{"API_TIMEOUT_MS", "500"}, {"CLAUDE_CODE_MAX_RETRIES", "1"}});
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_LT(r.wall_ms, 15000);
  Json result = JsonLines(r.out).at(0);
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(api.Requests().size(), 2u);
}

TEST_F(E2eTest, UnreachableServerFailsWithApiExitCode) {
  FakeApi api(R"({"turns":[]})");
  auto env = Env(api);
  env["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:1";
  env["CLAUDE_CODE_MAX_RETRIES"] = "0";
  RunOutput r = RunRunner({"-p", "hi", "--output-format", "json"}, env, work_.path());
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_NE(JsonLines(r.out).at(0)["result"].AsString().find("Connection error"), std::string::npos);
}

}  // namespace
}  // namespace runner::e2e
