#include "runner/providers/bedrock_provider.h"

#include <gtest/gtest.h>

#include "runner/base/strings.h"

#include <map>

#include "runner/base/sse_parser.h"
#include "runner/providers/aws_event_stream.h"
#include "runner/testing/fake_http.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::ErrorKind;
using base::Json;
using testing::FakeHttpClient;
using testing::FakeHttpResponse;
using Vars = std::map<std::string, std::string>;

const std::vector<std::string> kEvents = {
    R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}})",
    R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
    R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from Bedrock."}})",
    R"({"type":"content_block_stop","index":0})",
    R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":6}})",
    R"({"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":10}})",
};

std::string Chunk(const std::string& event) {
  return EncodeEventStreamMessage(
      {{":event-type", "chunk"}, {":content-type", "application/json"}, {":message-type", "event"}},
      Json(base::JsonObject({{"bytes", base::Base64(event)}})).Dump());
}

FakeHttpResponse EventStream(const std::vector<std::string>& events, size_t chunk_size = 5) {
  std::string body;
  for (const auto& e : events) body += Chunk(e);
  FakeHttpResponse r;
  r.headers = {{"content-type", "application/vnd.amazon.eventstream"},
               {"x-amzn-requestid", "aws-req-1"}};
  for (size_t i = 0; i < body.size(); i += chunk_size) r.chunks.push_back(body.substr(i, chunk_size));
  return r;
}

BedrockOptions TestOptions() {
  BedrockOptions o;
  o.region = "us-east-1";
  o.base_url = "https://bedrock-runtime.us-east-1.amazonaws.com";
  o.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  o.retry.base_delay_ms = 1;
  o.retry.max_jitter = 0;
  o.wall_ms = [] { return int64_t{1440938160000}; };
  return o;
}

ModelRequest TestRequest() {
  ModelRequest r;
  r.model = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  r.messages = {protocol::Message{"user", Json("hi")}};
  r.session_id = "sess-1";
  r.betas = {"interleaved-thinking-2025-05-14"};
  return r;
}

struct Fixture {
  FakeHttpClient http;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  base::Result<protocol::AssistantReply> Send(BedrockOptions options = TestOptions()) {
    BedrockProvider provider(http, std::move(options));
    return provider.Send(TestRequest(), observer, cancel);
  }
};

TEST(BedrockProvider, RequestShapeIsTheBedrockOne) {
  FakeHttpClient http;
  BedrockProvider provider(http, TestOptions());
  base::HttpRequest r = provider.BuildHttpRequest(TestRequest());
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url,
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/"
            "us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke-with-response-stream");
  auto body = Json::Parse(r.body);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ((*body)["anthropic_version"].AsString(), "bedrock-2023-05-31");
  EXPECT_FALSE(body->Contains("model"));
  EXPECT_FALSE(body->Contains("stream"));
  EXPECT_EQ((*body)["anthropic_beta"].at(0).AsString(), "interleaved-thinking-2025-05-14");
  EXPECT_EQ((*body)["messages"].at(0)["role"].AsString(), "user");
  EXPECT_GT((*body)["max_tokens"].AsInt(), 0);
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-date"), "20150830T123600Z");
  EXPECT_EQ(base::FindHeader(r.headers, "host"), "bedrock-runtime.us-east-1.amazonaws.com");
  EXPECT_EQ(base::FindHeader(r.headers, "x-api-key"), "");
  EXPECT_EQ(base::FindHeader(r.headers, "anthropic-version"), "");
  std::string auth = base::FindHeader(r.headers, "authorization");
  EXPECT_TRUE(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                               "bedrock/aws4_request, SignedHeaders=content-type;host;"
                               "x-amz-content-sha256;x-amz-date, Signature="))
      << auth;
}

TEST(BedrockProvider, BearerTokenAndSkipAuthReplaceSigning) {
  FakeHttpClient http;
  BedrockOptions bearer = TestOptions();
  bearer.bearer_token = "bedrock-api-key";
  base::HttpRequest r = BedrockProvider(http, bearer).BuildHttpRequest(TestRequest());
  EXPECT_EQ(base::FindHeader(r.headers, "authorization"), "Bearer bedrock-api-key");
  EXPECT_EQ(base::FindHeader(r.headers, "x-amz-date"), "");
  BedrockOptions skip = TestOptions();
  skip.skip_auth = true;
  skip.base_url = "https://gw.example.com/bedrock/";
  r = BedrockProvider(http, skip).BuildHttpRequest(TestRequest());
  EXPECT_EQ(base::FindHeader(r.headers, "authorization"), "");
  EXPECT_TRUE(r.url.starts_with("https://gw.example.com/bedrock/model/us.anthropic.")) << r.url;
}

TEST(BedrockProvider, StreamsTheEventStreamIntoAReply) {
  Fixture f;
  f.http.Push(EventStream(kEvents, 3));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  ASSERT_EQ(reply->content.size(), 1u);
  EXPECT_EQ(reply->content.at(0)["text"].AsString(), "Hello from Bedrock.");
  EXPECT_EQ(reply->stop_reason, "end_turn");
  EXPECT_EQ(reply->request_id, "aws-req-1");
  EXPECT_EQ(reply->usage.output_tokens, 6);
  EXPECT_FALSE(reply->cut_off);
}

TEST(BedrockProvider, ThrottlingExceptionIsRetried) {
  Fixture f;
  FakeHttpResponse throttled = EventStream({});
  throttled.chunks = {EncodeEventStreamMessage(
      {{":message-type", "exception"}, {":exception-type", "throttlingException"}},
      R"({"message":"Too many requests"})")};
  f.http.Push(throttled);
  f.http.Push(EventStream(kEvents));
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(f.http.requests().size(), 2u);
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error, "rate_limit");
}

TEST(BedrockProvider, StreamThatBreaksAfterABlockIsCutOff) {
  Fixture f;
  std::vector<std::string> partial(kEvents.begin(), kEvents.begin() + 4);
  FakeHttpResponse r = EventStream(partial);
  r.error = base::Error{ErrorKind::kNetwork, "connection reset"};
  f.http.Push(r);
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_TRUE(reply->cut_off);
  EXPECT_EQ(reply->content.size(), 1u);
}

TEST(BedrockProvider, HttpErrorsUseTheAmazonErrorType) {
  Fixture f;
  f.http.Push(FakeHttpClient::Body(403, R"({"message":"The security token included in the request is invalid."})",
                                   {{"x-amzn-errortype", "UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/"}}));
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(reply.error().http_status, 403);
  EXPECT_NE(reply.error().message.find("security token"), std::string::npos) << reply.error().message;
}

TEST(BedrockProvider, OptionsFromEnvNeedRegionAndCredentials) {
  auto missing_region = BedrockOptionsFromEnv(base::Env(Vars{{"AWS_ACCESS_KEY_ID", "a"}}));
  ASSERT_FALSE(missing_region.has_value());
  EXPECT_EQ(missing_region.error().kind, ErrorKind::kUsage);
  EXPECT_NE(missing_region.error().message.find("AWS_REGION"), std::string::npos);
  auto missing_keys = BedrockOptionsFromEnv(base::Env(Vars{{"AWS_REGION", "eu-west-1"}}));
  ASSERT_FALSE(missing_keys.has_value());
  EXPECT_NE(missing_keys.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_NE(missing_keys.error().message.find("AWS_BEARER_TOKEN_BEDROCK"), std::string::npos);
  auto ok = BedrockOptionsFromEnv(base::Env(Vars{{"AWS_DEFAULT_REGION", "eu-west-1"},
                                             {"AWS_ACCESS_KEY_ID", "a"},
                                             {"AWS_SECRET_ACCESS_KEY", "s"},
                                             {"AWS_SESSION_TOKEN", "t"}}));
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->base_url, "https://bedrock-runtime.eu-west-1.amazonaws.com");
  EXPECT_EQ(ok->credentials.session_token, "t");
  auto gateway = BedrockOptionsFromEnv(base::Env(Vars{{"ANTHROPIC_BEDROCK_BASE_URL", "http://gw/bedrock"},
                                                  {"CLAUDE_CODE_SKIP_BEDROCK_AUTH", "1"}}));
  ASSERT_TRUE(gateway.has_value()) << gateway.error().message;
  EXPECT_TRUE(gateway->skip_auth);
  auto bearer = BedrockOptionsFromEnv(base::Env(Vars{{"AWS_REGION", "us-west-2"},
                                                 {"AWS_BEARER_TOKEN_BEDROCK", "k"}}));
  ASSERT_TRUE(bearer.has_value());
  EXPECT_EQ(bearer->bearer_token, "k");
}

TEST(BedrockProvider, ModelIdsMapToInferenceProfiles) {
  EXPECT_EQ(BedrockModelId("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-east-1"),
            "us.anthropic.claude-3-7-sonnet-20250219-v1:0");
  EXPECT_EQ(BedrockModelId("arn:aws:bedrock:us-east-2:1:application-inference-profile/x", "us-east-1"),
            "arn:aws:bedrock:us-east-2:1:application-inference-profile/x");
  EXPECT_EQ(BedrockModelId("claude-opus-5-5", "us-east-1"), "us.anthropic.claude-opus-5-5-v1:0");
  EXPECT_EQ(BedrockModelId("claude-opus-5-5[1m]", "eu-central-1"), "eu.anthropic.claude-opus-5-5-v1:0");
  EXPECT_EQ(BedrockModelId("claude-haiku-5-5", "ap-northeast-1"), "apac.anthropic.claude-haiku-5-5-v1:0");
  EXPECT_EQ(EncodePathSegment("arn:aws/x y"), "arn%3Aaws%2Fx%20y");
}

}  // namespace
}  // namespace runner::providers
