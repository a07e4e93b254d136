// End to end: the fake Messages API on a real socket, driven by base::CurlHttpClient and
// providers::AnthropicProvider.

#include "tests/fake_api/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/base/http.h"
#include "runner/base/strings.h"
#include "runner/providers/anthropic_provider.h"
#include "runner/providers/bedrock_provider.h"
#include "runner/providers/replay_provider.h"
#include "runner/testing/recording_observer.h"

namespace fake_api {
namespace {

using runner::base::ErrorKind;
using runner::base::Json;
namespace providers = runner::providers;

Json J(std::string_view text) { return Json::Parse(text).value_or(Json()); }

class FakeApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fake_api_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  void StartServer(std::string_view script_text) {
    auto script = providers::ParseReplayScript(script_text);
    ASSERT_TRUE(script.has_value()) << script.error().message;
    auto server = FakeMessagesServer::Start(
        {.script = *script, .port = 0, .requests_log = dir_ / "requests.jsonl"});
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = std::move(*server);
  }

  providers::AnthropicOptions Options() {
    providers::AnthropicOptions o;
    o.base_url = server_->base_url();
    o.api_key = "sk-test";
    o.retry.base_delay_ms = 1;
    o.retry.max_jitter = 0;
    return o;
  }

  static providers::ModelRequest Request(std::string prompt = "hello") {
    providers::ModelRequest r;
    r.model = "claude-opus-5-5";
    r.messages = {runner::protocol::Message{"user", Json(std::move(prompt))}};
    r.session_id = "session-1";
    return r;
  }

  runner::base::Result<runner::protocol::AssistantReply> Send(providers::AnthropicOptions o) {
    providers::AnthropicProvider provider(http_, std::move(o));
    return provider.Send(Request(), observer_, cancel_);
  }
  runner::base::Result<runner::protocol::AssistantReply> Send() { return Send(Options()); }

  std::vector<Json> LoggedRequests() {
    std::vector<Json> out;
    auto text = runner::base::ReadFile(dir_ / "requests.jsonl");
    if (!text) return out;
    for (const std::string& line : runner::base::Split(*text, '\n')) {
      if (!line.empty()) out.push_back(J(line));
    }
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<FakeMessagesServer> server_;
  runner::base::CurlHttpClient http_{runner::base::HttpOptions{}};
  runner::testing::RecordingObserver observer_;
  runner::base::CancelToken cancel_;
};

TEST_F(FakeApiTest, ServesTextReplyAndLogsTheRequest) {
  StartServer(R"({"model":"claude-opus-5-5","turns":[
      {"content":[{"type":"text","text":"Hello from the fake."}],
       "usage":{"input_tokens":12451,"output_tokens":6}}]})");
  auto reply = Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "Hello from the fake.");
  EXPECT_EQ(reply->id, "msg_replay_000001");
  EXPECT_EQ(reply->request_id, "req_replay_000001");
  EXPECT_EQ(reply->stop_reason, "end_turn");
  EXPECT_EQ(reply->usage.input_tokens, 12451);
  EXPECT_EQ(reply->usage.output_tokens, 6);

  std::vector<Json> logged = LoggedRequests();
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(logged[0]["path"], Json("/v1/messages?beta=true"));
  EXPECT_EQ(logged[0]["headers"]["x-api-key"], Json("sk-test"));
  EXPECT_EQ(logged[0]["headers"]["anthropic-version"], Json("2023-06-01"));
  EXPECT_EQ(logged[0]["headers"]["x-claude-code-session-id"], Json("session-1"));
  EXPECT_EQ(logged[0]["body"]["model"], Json("claude-opus-5-5"));
  EXPECT_EQ(logged[0]["body"]["stream"], Json(true));
}

TEST_F(FakeApiTest, ServesToolUseReply) {
  StartServer(R"({"turns":[{"content":[{"type":"text","text":"Let me look."},
      {"type":"tool_use","name":"Bash","input":{"command":"echo hi","description":"Print hi"}}]}]})");
  auto reply = Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->stop_reason, "tool_use");
  EXPECT_EQ(reply->ToolUses(), (std::vector<Json>{J(R"({"type":"tool_use","id":"toolu_replay_0_1",
      "name":"Bash","input":{"command":"echo hi","description":"Print hi"}})")}));
  EXPECT_EQ(observer_.completed_blocks.size(), 2u);
}

TEST_F(FakeApiTest, RetriesServerErrorThenSucceeds) {
  StartServer(R"({"turns":[{"error":{"status":500,"type":"api_error","message":"mock error 500"}},
                           {"content":[{"type":"text","text":"ok"}]}]})");
  auto reply = Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "ok");
  EXPECT_EQ(reply->request_id, "req_replay_000002");
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].error_status, 500);
  EXPECT_EQ(observer_.retries[0].error, "server_error");
  EXPECT_EQ(server_->requests_served(), 2u);
}

TEST_F(FakeApiTest, HonoursRetryAfterOnRateLimit) {
  StartServer(R"({"turns":[{"error":{"status":429,"type":"rate_limit_error","message":"slow down",
                                     "retry_after":0}},
                           {"content":[{"type":"text","text":"ok"}]}]})");
  providers::AnthropicOptions o = Options();
  o.retry.base_delay_ms = 60000;  // only the server's retry-after: 0 keeps this fast
  auto reply = Send(o);
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].retry_delay_ms, 0);
  EXPECT_EQ(observer_.retries[0].error, "rate_limit");
}

TEST_F(FakeApiTest, DoesNotRetryUnauthorized) {
  StartServer(R"({"turns":[{"error":{"status":401,"type":"authentication_error",
                                     "message":"invalid x-api-key"}}]})");
  auto reply = Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(reply.error().http_status, 401);
  EXPECT_EQ(reply.error().api_type, "authentication_error");
  EXPECT_EQ(reply.error().message, "invalid x-api-key");
  EXPECT_EQ(server_->requests_served(), 1u);
}

TEST_F(FakeApiTest, MidStreamErrorAfterABlockGivesCutOffReply) {
  StartServer(R"({"turns":[{"content":[{"type":"text","text":"first part"},
                                       {"type":"text","text":"never sent"}],
      "stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}}]})");
  auto reply = Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_TRUE(reply->cut_off);
  EXPECT_EQ(reply->Text(), "first part");
  EXPECT_EQ(server_->requests_served(), 1u);
}

TEST_F(FakeApiTest, MidStreamErrorBeforeAnyBlockIsRetried) {
  StartServer(R"({"turns":[{"content":[{"type":"text","text":"lost"}],
      "stream_error":{"after_blocks":0,"type":"overloaded_error","message":"Overloaded"}},
      {"content":[{"type":"text","text":"second try"}]}]})");
  auto reply = Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_FALSE(reply->cut_off);
  EXPECT_EQ(reply->Text(), "second try");
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].error, "overloaded");
}

TEST_F(FakeApiTest, StalledServerTimesOutAndIsRetried) {
  StartServer(R"({"turns":[{"stall_ms":30000},{"content":[{"type":"text","text":"awake"}]}]})");
  providers::AnthropicOptions o = Options();
  o.timeout_ms = 300;  // API_TIMEOUT_MS
  int64_t start = runner::base::MonotonicMs();
  auto reply = Send(o);
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "awake");
  EXPECT_LT(runner::base::MonotonicMs() - start, 10000);
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].error, "timeout");
}

TEST_F(FakeApiTest, ExhaustedScriptAnswersBadRequest) {
  StartServer(R"({"turns":[]})");
  auto reply = Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().http_status, 400);
  EXPECT_EQ(reply.error().message, "replay script exhausted after 0 turns");
}

TEST_F(FakeApiTest, ReplayProviderMatchesHttpReplies) {
  constexpr std::string_view kScript = R"({"model":"claude-opus-5-5","turns":[
      {"error":{"status":529,"type":"overloaded_error","message":"Overloaded"}},
      {"content":[{"type":"thinking","thinking":"Think.","signature":"sig"},
                  {"type":"text","text":"Using a tool — ünïcödé"},
                  {"type":"tool_use","name":"Read","input":{"file_path":"/tmp/x"}}]}]})";
  StartServer(kScript);
  auto over_http = Send();
  ASSERT_TRUE(over_http.has_value()) << over_http.error().message;
  providers::ReplayOptions replay_options;
  replay_options.retry = Options().retry;
  providers::ReplayProvider replay(providers::ParseReplayScript(kScript).value(), replay_options);
  runner::testing::RecordingObserver replay_observer;
  auto in_process = replay.Send(Request(), replay_observer, cancel_);
  ASSERT_TRUE(in_process.has_value()) << in_process.error().message;
  EXPECT_EQ(in_process->id, over_http->id);
  EXPECT_EQ(in_process->model, over_http->model);
  EXPECT_EQ(in_process->content, over_http->content);
  EXPECT_EQ(in_process->stop_reason, over_http->stop_reason);
  EXPECT_EQ(in_process->usage, over_http->usage);
  EXPECT_EQ(in_process->request_id, over_http->request_id);
  EXPECT_EQ(replay_observer.event_types, observer_.event_types);
  EXPECT_EQ(replay_observer.retries.size(), observer_.retries.size());
}

TEST_F(FakeApiTest, UnknownPathsAnswerNotFound) {
  StartServer(R"({"turns":[]})");
  runner::base::HttpRequest request;
  request.method = "GET";
  request.url = server_->base_url() + "/v1/models";
  auto result = http_.Send(request, nullptr, nullptr);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->head.status, 404);
  EXPECT_EQ(J(result->body)["error"]["type"], Json("not_found_error"));
}

TEST_F(FakeApiTest, ExecutableServesUntilSigterm) {
  auto script = dir_ / "script.json";
  auto port_file = dir_ / "port";
  ASSERT_TRUE(runner::base::WriteFileAtomic(
                  script, R"({"turns":[{"content":[{"type":"text","text":"from the binary"}]}]})")
                  .has_value());
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl(FAKE_MESSAGES_API_BIN, FAKE_MESSAGES_API_BIN, "--script", script.c_str(), "--port", "0",
            "--port-file", port_file.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string port;
  for (int i = 0; i < 200 && port.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    port = std::string(runner::base::Trim(runner::base::ReadFile(port_file).value_or("")));
  }
  ASSERT_FALSE(port.empty());
  providers::AnthropicOptions o;
  o.base_url = "http://127.0.0.1:" + port;
  o.retry.max_retries = 0;
  auto reply = Send(o);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "from the binary");
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

providers::BedrockOptions BedrockOptions(const std::string& base_url) {
  providers::BedrockOptions o;
  o.region = "us-east-1";
  o.base_url = base_url;
  o.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token"};
  o.retry.base_delay_ms = 1;
  o.retry.max_jitter = 0;
  return o;
}

TEST_F(FakeApiTest, BedrockRouteAnswersInTheEventStreamFraming) {
  StartServer(R"({"turns":[
      {"content":[{"type":"text","text":"one"},{"type":"text","text":"two"}],
       "stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}},
      {"content":[{"type":"text","text":"Hello from Bedrock."}],"usage":{"input_tokens":7,"output_tokens":3}}]})");
  providers::BedrockProvider provider(http_, BedrockOptions(server_->base_url()));
  auto request = Request();
  request.model = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  // The first turn breaks after one block with an exception message: a cut-off reply.
  auto cut = provider.Send(request, observer_, cancel_);
  ASSERT_TRUE(cut.has_value()) << cut.error().message;
  EXPECT_TRUE(cut->cut_off);
  EXPECT_EQ(cut->Text(), "one");
  auto reply = provider.Send(request, observer_, cancel_);
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "Hello from Bedrock.");
  EXPECT_EQ(reply->request_id, "req_replay_000002");
  EXPECT_EQ(reply->model, "us.anthropic.claude-sonnet-4-20250514-v1:0");
  EXPECT_EQ(reply->usage.output_tokens, 3);
  std::vector<Json> logged = LoggedRequests();
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[1]["path"].AsString(),
            "/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke-with-response-stream");
  EXPECT_EQ(logged[1]["body"]["anthropic_version"].AsString(), "bedrock-2023-05-31");
}

TEST_F(FakeApiTest, BedrockRouteRefusesAMalformedSignature) {
  StartServer(R"({"turns":[{"content":[{"type":"text","text":"unused"}]}]})");
  runner::base::HttpRequest r;
  r.url = server_->base_url() + "/model/m/invoke-with-response-stream";
  r.body = "{}";
  r.headers = {{"authorization", "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, "
                                 "SignedHeaders=host, Signature=abc"}};
  auto sent = http_.Send(r, nullptr, &cancel_);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(sent->head.status, 403);
  EXPECT_EQ(runner::base::FindHeader(sent->head.headers, "x-amzn-errortype"),
            "InvalidSignatureException");
  EXPECT_NE(sent->body.find("malformed SigV4"), std::string::npos) << sent->body;
  EXPECT_EQ(server_->requests_served(), 0u);
}

}  // namespace
}  // namespace fake_api
