#include "runner/providers/vertex.h"

#include <gtest/gtest.h>

#include <map>

#include "runner/base/strings.h"
#include "runner/providers/anthropic_provider.h"
#include "runner/testing/fake_http.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::Json;
using testing::FakeHttpClient;

base::Env EnvOf(std::map<std::string, std::string> vars) {
  vars.emplace("HOME", "/nonexistent");
  return base::Env(vars);
}

constexpr std::string_view kStream =
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_v","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":3,"output_tokens":1}}})"
    "\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"from vertex"}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})"
    "\n\n"
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}})"
    "\n\n"
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})"
    "\n\n";

TEST(Vertex, UrlForRegionalGlobalAndGatewayEndpoints) {
  VertexOptions o{.project = "my-proj", .region = "us-east5"};
  EXPECT_EQ(VertexUrl(o, "us-east5", "claude-sonnet-4@20250514"),
            "https://us-east5-aiplatform.googleapis.com/v1/projects/my-proj/locations/us-east5/"
            "publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict");
  EXPECT_EQ(VertexUrl(o, "global", "claude-opus-5-5"),
            "https://aiplatform.googleapis.com/v1/projects/my-proj/locations/global/"
            "publishers/anthropic/models/claude-opus-5-5:streamRawPredict");
  o.base_url = "https://litellm:4000/vertex_ai/v1";
  EXPECT_EQ(VertexUrl(o, "europe-west1", "claude-3-7-sonnet-20250219"),
            "https://litellm:4000/vertex_ai/v1/projects/my-proj/locations/europe-west1/"
            "publishers/anthropic/models/claude-3-7-sonnet@20250219:streamRawPredict");
}

TEST(Vertex, ModelIdsTakeAnAtBeforeTheirDate) {
  EXPECT_EQ(VertexModelId("claude-3-5-haiku-20241022"), "claude-3-5-haiku@20241022");
  EXPECT_EQ(VertexModelId("claude-opus-4@20250514"), "claude-opus-4@20250514");
  EXPECT_EQ(VertexModelId("claude-opus-5-5"), "claude-opus-5-5");
}

TEST(Vertex, PerModelRegionOverrides) {
  base::Env env = EnvOf({{"VERTEX_REGION_CLAUDE_3_5_HAIKU", "us-central1"},
                         {"VERTEX_REGION_CLAUDE_3_7_SONNET", "us-east5"},
                         {"VERTEX_REGION_CLAUDE_4_0_OPUS", "europe-west4"},
                         {"VERTEX_REGION_CLAUDE_4_0_SONNET", "asia-east1"},
                         {"VERTEX_REGION_CLAUDE_HAIKU_4_5", "us-west1"}});
  EXPECT_EQ(VertexRegionForModel(env, "claude-3-5-haiku@20241022", "d"), "us-central1");
  EXPECT_EQ(VertexRegionForModel(env, "claude-3-7-sonnet-20250219", "d"), "us-east5");
  EXPECT_EQ(VertexRegionForModel(env, "claude-opus-4@20250514", "d"), "europe-west4");
  EXPECT_EQ(VertexRegionForModel(env, "claude-sonnet-4@20250514", "d"), "asia-east1");
  EXPECT_EQ(VertexRegionForModel(env, "claude-haiku-4-5@20251001", "d"), "us-west1");
  EXPECT_EQ(VertexRegionForModel(env, "claude-opus-4-1@20250805", "d"), "d");
  EXPECT_EQ(VertexRegionForModel(env, "claude-sonnet-4-5", "d"), "d");
  EXPECT_EQ(VertexRegionForModel(env, "my-custom-model", "d"), "d");
}

TEST(Vertex, MissingProjectOrRegionIsAUsageErrorNamingTheVariables) {
  auto o = VertexOptionsFromEnv(EnvOf({}));
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(o.error().message,
            "Vertex AI (CLAUDE_CODE_USE_VERTEX) needs ANTHROPIC_VERTEX_PROJECT_ID and "
            "CLOUD_ML_REGION (e.g. us-east5 or global)");
  FakeHttpClient http;
  auto p = MakeVertexProvider(EnvOf({{"ANTHROPIC_VERTEX_PROJECT_ID", "p"},
                                     {"CLOUD_ML_REGION", "us-east5"}}),
                              http);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().kind, base::ErrorKind::kUsage);
  EXPECT_NE(p.error().message.find("GOOGLE_APPLICATION_CREDENTIALS"), std::string::npos);
}

ModelRequest Request(std::string model) {
  ModelRequest r;
  r.model = std::move(model);
  r.messages = {protocol::Message{"user", Json("hi")}};
  r.betas = {"interleaved-thinking-2025-05-14"};
  return r;
}

TEST(Vertex, ProviderPostsTheVertexBodyWithTheBearerToken) {
  FakeHttpClient http;
  http.Push(FakeHttpClient::Sse(kStream));
  auto provider = MakeVertexProvider(
      EnvOf({{"ANTHROPIC_VERTEX_PROJECT_ID", "proj"},
             {"CLOUD_ML_REGION", "global"},
             {"VERTEX_REGION_CLAUDE_4_5_SONNET", "us-east5"},
             {"GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.token"},
             {"ANTHROPIC_API_KEY", "sk-not-sent"}}),
      http);
  ASSERT_TRUE(provider) << provider.error().message;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto reply = (*provider)->Send(Request("claude-sonnet-4-5@20250929"), observer, cancel);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->Text(), "from vertex");
  ASSERT_EQ(http.requests().size(), 1u);
  const base::HttpRequest& sent = http.requests()[0];
  EXPECT_EQ(sent.url,
            "https://us-east5-aiplatform.googleapis.com/v1/projects/proj/locations/us-east5/"
            "publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict");
  EXPECT_EQ(base::FindHeader(sent.headers, "authorization"), "Bearer ya29.token");
  EXPECT_EQ(base::FindHeader(sent.headers, "x-api-key"), "");
  EXPECT_EQ(base::FindHeader(sent.headers, "anthropic-beta"), "interleaved-thinking-2025-05-14");
  Json body = *Json::Parse(sent.body);
  EXPECT_FALSE(body.Contains("model"));
  EXPECT_EQ(body["anthropic_version"].AsString(), "vertex-2023-10-16");
  EXPECT_TRUE(body["stream"].AsBool());
  EXPECT_EQ((*provider)->ApiKeySource(), "none");
}

TEST(Vertex, SkipAuthSendsNoAuthorization) {
  FakeHttpClient http;
  http.Push(FakeHttpClient::Sse(kStream));
  auto provider = MakeVertexProvider(EnvOf({{"ANTHROPIC_VERTEX_PROJECT_ID", "proj"},
                                            {"CLOUD_ML_REGION", "us-east5"},
                                            {"CLAUDE_CODE_SKIP_VERTEX_AUTH", "1"},
                                            {"ANTHROPIC_VERTEX_BASE_URL", "https://gw/vertex/"}}),
                                     http);
  ASSERT_TRUE(provider) << provider.error().message;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  ASSERT_TRUE((*provider)->Send(Request("claude-opus-5-5"), observer, cancel));
  const base::HttpRequest& sent = http.requests()[0];
  EXPECT_EQ(sent.url,
            "https://gw/vertex/projects/proj/locations/us-east5/publishers/anthropic/models/"
            "claude-opus-5-5:streamRawPredict");
  EXPECT_FALSE(base::FindHeader(sent.headers, "authorization").size());
}

TEST(Vertex, UnauthorizedFetchesANewTokenAndTriesOnceMore) {
  FakeHttpClient http;
  http.Push(FakeHttpClient::Body(
      401, R"({"error":{"code":401,"message":"token expired","status":"UNAUTHENTICATED"}})"));
  http.Push(FakeHttpClient::Sse(kStream));
  auto provider = MakeVertexProvider(EnvOf({{"ANTHROPIC_VERTEX_PROJECT_ID", "proj"},
                                            {"CLOUD_ML_REGION", "us-east5"},
                                            {"GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.t"}}),
                                     http);
  ASSERT_TRUE(provider) << provider.error().message;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto reply = (*provider)->Send(Request("claude-opus-5-5"), observer, cancel);
  ASSERT_TRUE(reply) << reply.error().message;
  ASSERT_EQ(http.requests().size(), 2u);
  EXPECT_EQ(base::FindHeader(http.requests()[1].headers, "authorization"), "Bearer ya29.t");
}

}  // namespace
}  // namespace runner::providers
