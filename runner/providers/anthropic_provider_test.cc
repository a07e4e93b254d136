#include "runner/providers/anthropic_provider.h"

#include <gtest/gtest.h>

#include <map>

#include "runner/base/version.h"
#include "runner/testing/fake_http.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::ErrorKind;
using base::Json;
using testing::FakeHttpClient;

constexpr std::string_view kTextStream =
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12451,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}})"
    "\n\n"
    "event: ping\ndata: {\"type\": \"ping\"}\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from the mock."}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})"
    "\n\n"
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}})"
    "\n\n"
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})"
    "\n\n";

/// kTextStream up to (not including) the frame that starts with `marker`.
std::string StreamUntil(std::string_view marker) {
  return std::string(kTextStream.substr(0, kTextStream.find(marker)));
}

constexpr std::string_view kOverloadedEvent =
    "event: error\n"
    R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
    "\n\n";

AnthropicOptions TestOptions() {
  AnthropicOptions o;
  o.base_url = "https://gw.example.com/anthropic/";
  o.api_key = "sk-test";
  o.retry.base_delay_ms = 1;
  o.retry.max_jitter = 0;
  return o;
}

ModelRequest TestRequest() {
  ModelRequest r;
  r.model = "claude-opus-5-5";
  r.messages = {protocol::Message{"user", Json("hi")}};
  r.session_id = "sess-1";
  return r;
}

struct Fixture {
  FakeHttpClient http;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  base::Result<protocol::AssistantReply> Send(AnthropicOptions options = TestOptions()) {
    AnthropicProvider provider(http, std::move(options));
    return provider.Send(TestRequest(), observer, cancel);
  }
};

TEST(AnthropicProvider, StreamsTextReply) {
  Fixture f;
  f.http.Push(FakeHttpClient::Sse(kTextStream, 5, {{"request-id", "req_1"}}));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->id, "msg_1");
  EXPECT_EQ(reply->Text(), "Hello from the mock.");
  EXPECT_EQ(reply->stop_reason, "end_turn");
  EXPECT_EQ(reply->usage.input_tokens, 12451);
  EXPECT_EQ(reply->usage.output_tokens, 6);
  EXPECT_EQ(reply->request_id, "req_1");
  EXPECT_FALSE(reply->cut_off);
  EXPECT_EQ(f.observer.attempts, (std::vector<int>{1}));
  EXPECT_EQ(f.observer.event_types,
            (std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                      "content_block_stop", "message_delta", "message_stop"}));
  EXPECT_EQ(f.observer.message_ids.front(), "msg_1");
  EXPECT_EQ(f.observer.completed_blocks.size(), 1u);
}

TEST(AnthropicProvider, SendsGatewayProtocolHeadersAndBody) {
  Fixture f;
  AnthropicOptions o = TestOptions();
  o.auth_token = "tok";
  o.custom_headers = {{"X-Team", "ci"}};
  AnthropicProvider provider(f.http, o);
  ModelRequest r = TestRequest();
  r.betas = {"a-2025", "b-2026"};
  base::HttpRequest http = provider.BuildHttpRequest(r);
  EXPECT_EQ(http.method, "POST");
  EXPECT_EQ(http.url, "https://gw.example.com/anthropic/v1/messages?beta=true");
  EXPECT_EQ(http.timeout_ms, 600000);
  base::Headers want = {{"content-type", "application/json"},
                        {"anthropic-version", "2023-06-01"},
                        {"anthropic-beta", "a-2025,b-2026"},
                        {"x-claude-code-session-id", "sess-1"},
                        {"user-agent", std::string("claude-runner/") + base::kVersion},
                        {"x-api-key", "sk-test"},
                        {"authorization", "Bearer tok"},
                        {"X-Team", "ci"}};
  EXPECT_EQ(http.headers, want);
  Json body = Json::Parse(http.body).value();
  EXPECT_EQ(body["stream"], Json(true));
  EXPECT_EQ(body["model"], Json("claude-opus-5-5"));
}

TEST(AnthropicProvider, OmitsBetaHeaderWithoutBetas) {
  FakeHttpClient http;
  AnthropicProvider provider(http, TestOptions());
  EXPECT_EQ(base::FindHeader(provider.BuildHttpRequest(TestRequest()).headers, "anthropic-beta"),
            "");
}

TEST(AnthropicProvider, RetriesServerErrorThenSucceeds) {
  Fixture f;
  f.http.Push(FakeHttpClient::Body(
      500, R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})"));
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "Hello from the mock.");
  EXPECT_EQ(f.observer.attempts, (std::vector<int>{1, 2}));
  ASSERT_EQ(f.observer.retries.size(), 1u);
  const protocol::RetryEvent& retry = f.observer.retries[0];
  EXPECT_EQ(retry.attempt, 1);
  EXPECT_EQ(retry.max_retries, 10);
  EXPECT_EQ(retry.retry_delay_ms, 1);
  EXPECT_EQ(retry.error_status, 500);
  EXPECT_EQ(retry.error, "server_error");
}

TEST(AnthropicProvider, HonoursRetryAfterOnRateLimit) {
  Fixture f;
  f.http.Push(FakeHttpClient::Body(
      429, R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})",
      {{"retry-after", "0"}}));
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  AnthropicOptions o = TestOptions();
  o.retry.base_delay_ms = 60000;  // would hang the test if retry-after were ignored
  auto reply = f.Send(o);
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].retry_delay_ms, 0);
  EXPECT_EQ(f.observer.retries[0].error, "rate_limit");
  EXPECT_EQ(f.observer.retries[0].error_status, 429);
}

TEST(AnthropicProvider, DoesNotRetryUnauthorized) {
  Fixture f;
  f.http.Push(FakeHttpClient::Body(
      401,
      R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(reply.error().http_status, 401);
  EXPECT_EQ(reply.error().api_type, "authentication_error");
  EXPECT_EQ(reply.error().message, "invalid x-api-key");
  EXPECT_EQ(f.http.requests().size(), 1u);
  EXPECT_TRUE(f.observer.retries.empty());
}

TEST(AnthropicProvider, ReturnsApiErrorForBadRequest) {
  Fixture f;
  f.http.Push(FakeHttpClient::Body(
      400,
      R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long"}})"));
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kApi);
  EXPECT_EQ(reply.error().message, "prompt is too long");
}

TEST(AnthropicProvider, RetriesStreamErrorBeforeAnyBlock) {
  Fixture f;
  f.http.Push(FakeHttpClient::Sse(StreamUntil("event: content_block_start") +
                                  std::string(kOverloadedEvent)));
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_FALSE(reply->cut_off);
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error, "overloaded");
  EXPECT_EQ(f.observer.retries[0].error_status, std::nullopt);
}

TEST(AnthropicProvider, ReturnsCutOffReplyWhenStreamBreaksAfterABlock) {
  Fixture f;
  f.http.Push(
      FakeHttpClient::Sse(StreamUntil("event: message_delta") + std::string(kOverloadedEvent)));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_TRUE(reply->cut_off);
  EXPECT_EQ(reply->Text(), "Hello from the mock.");
  EXPECT_EQ(f.http.requests().size(), 1u);
}

TEST(AnthropicProvider, RetriesConnectionDroppedBeforeAnyBlock) {
  Fixture f;
  testing::FakeHttpResponse dropped =
      FakeHttpClient::Sse(StreamUntil("event: content_block_delta"));
  dropped.error = base::Error{ErrorKind::kNetwork, "connection reset"};
  f.http.Push(dropped);
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error, "network_error");
}

TEST(AnthropicProvider, RetriesStreamThatEndsWithoutMessageStop) {
  Fixture f;
  f.http.Push(FakeHttpClient::Sse(StreamUntil("event: content_block_start")));
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(f.observer.retries.size(), 1u);
}

TEST(AnthropicProvider, GivesUpAfterMaxRetries) {
  Fixture f;
  AnthropicOptions o = TestOptions();
  o.retry.max_retries = 2;
  for (int i = 0; i < 3; ++i)
    f.http.Push(FakeHttpClient::Transport(ErrorKind::kNetwork, "refused"));
  auto reply = f.Send(o);
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kNetwork);
  EXPECT_EQ(f.http.requests().size(), 3u);
  EXPECT_EQ(f.observer.retries.size(), 2u);
}

TEST(AnthropicProvider, CancelledTokenEndsWithInterrupted) {
  Fixture f;
  f.http.Push(FakeHttpClient::Sse(kTextStream));
  f.cancel.Cancel(base::CancelReason::kInterrupt);
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kInterrupted);
}

TEST(AnthropicProvider, DeadlineEndsWithTimeout) {
  Fixture f;
  f.cancel.SetDeadlineMs(1);  // long past
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kTimeout);
}

TEST(AnthropicOptionsFromEnv, ReadsEnvironment) {
  base::Env env(std::map<std::string, std::string>{
      {"ANTHROPIC_BASE_URL", "http://127.0.0.1:9"},
      {"ANTHROPIC_API_KEY", "k"},
      {"ANTHROPIC_AUTH_TOKEN", "t"},
      {"ANTHROPIC_CUSTOM_HEADERS", "X-A: 1\nbogus line\r\nX-B:two words \n"},
      {"CLAUDE_CODE_MAX_RETRIES", "3"},
      {"API_TIMEOUT_MS", "1500"},
      {"DISABLE_PROMPT_CACHING", "1"},
      {"CLAUDE_CODE_MAX_OUTPUT_TOKENS", "4096"}});
  AnthropicOptions o = AnthropicOptionsFromEnv(env);
  EXPECT_EQ(o.base_url, "http://127.0.0.1:9");
  EXPECT_EQ(o.api_key, "k");
  EXPECT_EQ(o.auth_token, "t");
  EXPECT_EQ(o.custom_headers, (base::Headers{{"X-A", "1"}, {"X-B", "two words"}}));
  EXPECT_EQ(o.retry.max_retries, 3);
  EXPECT_EQ(o.timeout_ms, 1500);
  EXPECT_EQ(o.caching, PromptCaching::kDisabled);
  EXPECT_EQ(o.max_output_tokens, 4096);
}

TEST(AnthropicOptionsFromEnv, DefaultsWhenUnset) {
  AnthropicOptions o = AnthropicOptionsFromEnv(base::Env());
  EXPECT_EQ(o.base_url, "https://api.anthropic.com");
  EXPECT_EQ(o.retry.max_retries, 10);
  EXPECT_EQ(o.timeout_ms, 600000);
  EXPECT_EQ(o.caching, PromptCaching::kEnabled);
  EXPECT_EQ(o.max_output_tokens, std::nullopt);
  FakeHttpClient http;
  EXPECT_EQ(AnthropicProvider(http, o).ApiKeySource(), "none");
  o.api_key = "k";
  EXPECT_EQ(AnthropicProvider(http, o).ApiKeySource(), "ANTHROPIC_API_KEY");
}

}  // namespace
}  // namespace runner::providers

namespace runner::providers {
namespace {

TEST(AnthropicProviderKeyHelper, HelperValueGoesInBothHeadersAndIsCachedUntilA401) {
  testing::FakeHttpClient http;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  AnthropicOptions o;
  o.base_url = "https://gw.example.com";
  o.retry.base_delay_ms = 1;
  int calls = 0;
  o.key_helper = [&calls]() -> base::Result<std::string> {
    return "key-" + std::to_string(++calls);
  };
  AnthropicProvider provider(http, o);
  EXPECT_EQ(provider.ApiKeySource(), "apiKeyHelper");
  http.Push(testing::FakeHttpClient::Sse(kTextStream));
  http.Push(testing::FakeHttpClient::Sse(kTextStream));
  ASSERT_TRUE(provider.Send(TestRequest(), observer, cancel));
  ASSERT_TRUE(provider.Send(TestRequest(), observer, cancel));
  EXPECT_EQ(calls, 1);  // cached within the TTL
  // The gateway rotated the key: a 401 runs the helper again and the request is repeated.
  http.Push(testing::FakeHttpClient::Body(
      401, R"({"type":"error","error":{"type":"authentication_error","message":"expired"}})"));
  http.Push(testing::FakeHttpClient::Sse(kTextStream));
  ASSERT_TRUE(provider.Send(TestRequest(), observer, cancel));
  EXPECT_EQ(calls, 2);
  const auto& reqs = http.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(base::FindHeader(reqs[0].headers, "x-api-key"), "key-1");
  EXPECT_EQ(base::FindHeader(reqs[0].headers, "authorization"), "Bearer key-1");
  EXPECT_EQ(base::FindHeader(reqs[2].headers, "x-api-key"), "key-1");
  EXPECT_EQ(base::FindHeader(reqs[3].headers, "x-api-key"), "key-2");
}

TEST(AnthropicProviderKeyHelper, EnvironmentCredentialsWinAndAFailingHelperIsAnAuthError) {
  testing::FakeHttpClient http;
  AnthropicOptions o = TestOptions();  // has an API key
  o.key_helper = []() -> base::Result<std::string> { return "unused"; };
  EXPECT_EQ(AnthropicProvider(http, o).ApiKeySource(), "ANTHROPIC_API_KEY");

  AnthropicOptions failing;
  failing.key_helper = []() -> base::Result<std::string> {
    return base::Fail(base::ErrorKind::kConfig, "'vault read' exited with status 2: denied");
  };
  AnthropicProvider provider(http, failing);
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto reply = provider.Send(TestRequest(), observer, cancel);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().kind, base::ErrorKind::kAuth);
  EXPECT_EQ(reply.error().message, "apiKeyHelper failed: 'vault read' exited with status 2: denied");
  EXPECT_TRUE(http.requests().empty());
}

}  // namespace
}  // namespace runner::providers
