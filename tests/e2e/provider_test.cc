// End-to-end: what the runner sends to the Messages API (auth, headers, caching, proxies) and
// how it reacts to what comes back (fallback model, max_tokens).
#include "e2e_fixture.h"
#include "runner/base/files.h"
#include "runner/testing/http_test_server.h"

namespace runner::e2e {
namespace {
using base::Json;
}  // namespace

inline constexpr const char kOk[] = R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})";

namespace {

TEST_F(E2eTest, BearerTokenCustomHeadersAndBetasAreSent) {
  FakeApi api(kOk);
  auto env = Env(api);
  env.erase("ANTHROPIC_API_KEY");
  env["ANTHROPIC_AUTH_TOKEN"] = "gateway-token";
  env["ANTHROPIC_CUSTOM_HEADERS"] = "X-Team: ci\nX-Run: 42";
  RunOutput r = RunRunner({"-p", "hi", "--betas", "interleaved-thinking-2025-05-14,other-beta"}, env,
                          work_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json h = api.Requests().at(0)["headers"];
  EXPECT_EQ(h["authorization"].AsString(), "Bearer gateway-token");
  EXPECT_FALSE(h.Contains("x-api-key"));
  EXPECT_EQ(h["x-team"].AsString(), "ci");
  EXPECT_EQ(h["x-run"].AsString(), "42");
  EXPECT_EQ(h["anthropic-beta"].AsString(), "interleaved-thinking-2025-05-14,other-beta");
}

TEST_F(E2eTest, PromptCachingBreakpointsAndTheirOffSwitch) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"},
                          {"content":[{"type":"text","text":"b"}],"stop_reason":"end_turn"}]})");
  ASSERT_EQ(Run(api, {"-p", "hi"}).exit_code, 0);
  ASSERT_EQ(Run(api, {"-p", "hi"}, "", {{"DISABLE_PROMPT_CACHING", "1"}}).exit_code, 0);
  std::vector<Json> reqs = api.Requests();
  std::string cached = reqs[0]["body"].Dump(), uncached = reqs[1]["body"].Dump();
  const Json& system = reqs[0]["body"]["system"];
  EXPECT_EQ(system.at(system.size() - 1)["cache_control"]["type"].AsString(), "ephemeral");
  EXPECT_NE(reqs[0]["body"]["messages"].Dump().find("cache_control"), std::string::npos);
  EXPECT_EQ(uncached.find("cache_control"), std::string::npos);
}

TEST_F(E2eTest, MaxOutputTokensComesFromTheEnvironment) {
  FakeApi api(kOk);
  ASSERT_EQ(Run(api, {"-p", "hi"}, "", {{"CLAUDE_CODE_MAX_OUTPUT_TOKENS", "1234"}}).exit_code, 0);
  EXPECT_EQ(api.Requests().at(0)["body"]["max_tokens"].AsInt(), 1234);
}

TEST_F(E2eTest, HttpProxyCarriesTheRequests) {
  FakeApi proxy(kOk);  // the fake server also answers absolute-form (proxied) requests
  auto env = Env(proxy);
  env["ANTHROPIC_BASE_URL"] = "http://api.example.invalid";
  env["HTTP_PROXY"] = proxy.base_url();
  RunOutput r = RunRunner({"-p", "hi"}, env, work_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ok\n");
  EXPECT_EQ(proxy.Requests().at(0)["proxied_url"].AsString(),
            "http://api.example.invalid/v1/messages?beta=true");
}

TEST_F(E2eTest, NoProxyBypassesTheProxy) {
  FakeApi api(kOk);
  auto env = Env(api);
  env["HTTP_PROXY"] = "http://127.0.0.1:1";  // nothing listens there
  env["NO_PROXY"] = "127.0.0.1";
  RunOutput r = RunRunner({"-p", "hi"}, env, work_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(E2eTest, FallbackModelTakesOverWhenOverloaded) {
  FakeApi api(R"({"turns":[{"error":{"status":529,"type":"overloaded_error","message":"Overloaded"}},
    {"content":[{"type":"text","text":"from the fallback"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json", "--model", "opus",
                          "--fallback-model", "sonnet"}, "", {{"CLAUDE_CODE_MAX_RETRIES", "0"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["body"]["model"].AsString(), "claude-opus-5-5");
  EXPECT_EQ(reqs[1]["body"]["model"].AsString(), "claude-sonnet-5-5");
  EXPECT_EQ(JsonLines(r.out).at(0)["result"].AsString(), "from the fallback");
}

TEST_F(E2eTest, MaxTokensStopAsksTheModelToContinue) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"first half"}],"stop_reason":"max_tokens"},
    {"content":[{"type":"text","text":"second half"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).at(0)["result"].AsString(), "second half");
  std::string second = api.Requests().at(1)["body"]["messages"].Dump();
  EXPECT_NE(second.find("first half"), std::string::npos);
  EXPECT_NE(second.find("Output token limit hit"), std::string::npos);
}

TEST_F(E2eTest, MissingCredentialsFailFastWithAClearMessage) {
  FakeApi api(kOk);
  auto env = BaseEnv(home_.path());
  RunOutput r = RunRunner({"-p", "hi", "--output-format", "json"}, env, work_.path());
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(JsonLines(r.out).at(0)["result"].AsString().find("ANTHROPIC_API_KEY"), std::string::npos);
}

TEST_F(E2eTest, ReplayAndRecordRoundTripWithoutAServer) {
  FakeApi api(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo recorded"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"recorded answer"}],"stop_reason":"end_turn"}]})");
  fs::path rec = work_.path() / "rec.json";
  RunOutput live = Run(api, {"-p", "go", "--allowedTools", "Bash", "--record", rec.string()});
  ASSERT_EQ(live.exit_code, 0) << live.err;
  auto env = BaseEnv(home_.path());  // no server, no key
  RunOutput replayed = RunRunner({"-p", "go", "--allowedTools", "Bash", "--replay", rec.string(),
                                  "--output-format", "stream-json"}, env, work_.path());
  ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
  std::vector<Json> lines = JsonLines(replayed.out);
  EXPECT_EQ(lines.back()["result"].AsString(), "recorded answer");
  EXPECT_EQ(OfType(lines, "user").at(0)["tool_use_result"]["stdout"].AsString(), "recorded");
}

TEST_F(E2eTest, BadReplayScriptIsAUsageErrorNamingTheField) {
  auto env = BaseEnv(home_.path());
  WriteText(work_.path() / "bad.json", R"({"turns":[{"content":[{"type":"tool_use"}]}]})");
  RunOutput r = RunRunner({"-p", "go", "--replay", (work_.path() / "bad.json").string()}, env, work_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("turns[0].content[0]"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace runner::e2e

namespace runner::e2e {
namespace {

TEST_F(E2eTest, SystemPromptCarriesEnvironmentAndGitFacts) {
  FakeApi api(kOk);
  auto git = [&](const std::string& args) {
    std::string cmd = "cd '" + work_.path().string() + "' && git " + args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  };
  git("init -q -b trunk");
  WriteText(work_.path() / "a.txt", "a\n");
  git("add a.txt");
  git("-c user.name=t -c user.email=t@example.com commit -qm 'first commit'");
  WriteText(work_.path() / "untracked.txt", "u\n");
  ASSERT_EQ(Run(api, {"-p", "hi"}).exit_code, 0);
  std::string system = api.Requests().at(0)["body"]["system"].Dump();
  EXPECT_NE(system.find("Working directory: " + work_.path().string()), std::string::npos) << system;
  EXPECT_NE(system.find("Is directory a git repo: Yes"), std::string::npos);
  EXPECT_NE(system.find("Current branch: trunk"), std::string::npos) << system;
  EXPECT_NE(system.find("?? untracked.txt"), std::string::npos) << system;
  EXPECT_NE(system.find("first commit"), std::string::npos) << system;
}

TEST_F(E2eTest, CloudProvidersThatAreNotBuiltInAreAClearUsageError) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"unused"}],"stop_reason":"end_turn"}]})");
  RunOutput foundry = Run(api, {"-p", "hi"}, "", {{"CLAUDE_CODE_USE_FOUNDRY", "1"}});
  EXPECT_EQ(foundry.exit_code, 2);
  EXPECT_NE(foundry.err.find("CLAUDE_CODE_USE_FOUNDRY) is not supported yet"), std::string::npos) << foundry.err;
  // Bedrock is built in: without a region, or without credentials, it is a usage error that
  // names the variables to set.
  RunOutput no_region = Run(api, {"-p", "hi"}, "", {{"CLAUDE_CODE_USE_BEDROCK", "1"}});
  EXPECT_EQ(no_region.exit_code, 2);
  EXPECT_NE(no_region.err.find("set AWS_REGION"), std::string::npos) << no_region.err;
  RunOutput no_keys =
      Run(api, {"-p", "hi"}, "", {{"CLAUDE_CODE_USE_BEDROCK", "1"}, {"AWS_REGION", "us-east-1"}});
  EXPECT_EQ(no_keys.exit_code, 2);
  EXPECT_NE(no_keys.err.find("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), std::string::npos)
      << no_keys.err;
  // Vertex is built in: without its configuration it is a different one-line usage error.
  RunOutput r = Run(api, {"-p", "hi"}, "", {{"CLAUDE_CODE_USE_VERTEX", "1"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Vertex AI (CLAUDE_CODE_USE_VERTEX) needs ANTHROPIC_VERTEX_PROJECT_ID and "
                       "CLOUD_ML_REGION"),
            std::string::npos)
      << r.err;
  r = Run(api, {"-p", "hi"}, "",
          {{"CLAUDE_CODE_USE_VERTEX", "1"}, {"ANTHROPIC_VERTEX_PROJECT_ID", "p"},
           {"CLOUD_ML_REGION", "us-east5"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Vertex AI needs Google credentials: set GOOGLE_APPLICATION_CREDENTIALS"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(api.Requests().empty());
}

/// The environment of a Bedrock run against `api`: no Anthropic credentials or base URL.
std::map<std::string, std::string> BedrockEnv(std::map<std::string, std::string> env,
                                              const FakeApi& api) {
  env.erase("ANTHROPIC_API_KEY");
  env.erase("ANTHROPIC_BASE_URL");
  env["CLAUDE_CODE_USE_BEDROCK"] = "1";
  env["AWS_REGION"] = "us-east-1";
  env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
  env["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  env["AWS_SESSION_TOKEN"] = "session-token";
  env["ANTHROPIC_BEDROCK_BASE_URL"] = api.base_url();
  env["ANTHROPIC_MODEL"] = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  return env;
}

TEST_F(E2eTest, BedrockProviderRunsAToolTurnOverTheEventStream) {
  WriteText(work_.path() / "note.txt", "bedrock-file-contents\n");
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":")" +
              (work_.path() / "note.txt").string() + R"("}}],"stop_reason":"tool_use"},
    {"expect":{"last_user_contains":"bedrock-file-contents"},
     "content":[{"type":"text","text":"the note says bedrock-file-contents"}],"stop_reason":"end_turn"}]})");
  RunOutput r = RunRunner({"-p", "hi", "--output-format", "json", "--allowedTools", "Read"},
                          BedrockEnv(Env(api), api), work_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto result = Json::Parse(r.out);
  ASSERT_TRUE(result.has_value()) << r.out;
  EXPECT_EQ((*result)["result"].AsString(), "the note says bedrock-file-contents");
  EXPECT_FALSE((*result)["is_error"].AsBool());
  EXPECT_EQ((*result)["num_turns"].AsInt(), 2);
  EXPECT_GT((*result)["usage"]["output_tokens"].AsInt(), 0);

  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  for (const Json& req : reqs) {
    EXPECT_EQ(req["path"].AsString(),
              "/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke-with-response-stream");
    EXPECT_EQ(req["body"]["anthropic_version"].AsString(), "bedrock-2023-05-31");
    EXPECT_FALSE(req["body"].Contains("model"));
    EXPECT_FALSE(req["body"].Contains("stream"));
    const Json& h = req["headers"];
    EXPECT_FALSE(h.Contains("x-api-key"));
    EXPECT_EQ(h["x-amz-security-token"].AsString(), "session-token");
    std::string auth = h["authorization"].AsString();
    EXPECT_TRUE(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" +
                                 h["x-amz-date"].AsString().substr(0, 8) +
                                 "/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;"
                                 "x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature="))
        << auth;
  }
  EXPECT_NE(reqs[1]["body"]["messages"].Dump().find("tool_result"), std::string::npos);
}

TEST_F(E2eTest, BedrockProviderRetriesThrottlingAndHonoursBearerTokens) {
  FakeApi api(R"({"turns":[
    {"error":{"status":429,"type":"rate_limit_error","message":"Too many tokens"}},
    {"content":[{"type":"text","text":"ok after throttling"}],"stop_reason":"end_turn"}]})");
  auto env = BedrockEnv(Env(api), api);
  env.erase("AWS_ACCESS_KEY_ID");
  env["AWS_BEARER_TOKEN_BEDROCK"] = "bedrock-api-key";
  env["CLAUDE_CODE_MAX_RETRIES"] = "2";
  RunOutput r = RunRunner({"-p", "hi", "--output-format", "json"}, env, work_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto result = Json::Parse(r.out);
  ASSERT_TRUE(result.has_value()) << r.out;
  EXPECT_EQ((*result)["result"].AsString(), "ok after throttling");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1]["headers"]["authorization"].AsString(), "Bearer bedrock-api-key");
  EXPECT_FALSE(reqs[1]["headers"].Contains("x-amz-date"));
}

TEST_F(E2eTest, VertexWithWorkloadIdentityFederationCredentials) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"hello from vertex"}],"stop_reason":"end_turn"}]})");
  // The Google side, in process: the GitHub OIDC URL, STS and IAM Credentials.
  auto google = std::move(*testing::HttpTestServer::Start(
      [](const testing::HttpTestRequest& r, testing::HttpTestResponse& out) {
        if (r.path() == "/oidc" && r.header("authorization") == "bearer gh-request-token") {
          out.Send(200, {}, R"({"value":"github-oidc-jwt"})");
        } else if (r.path() == "/v1/token" &&
                   r.body.find("subject_token=github-oidc-jwt") != std::string::npos) {
          out.Send(200, {}, R"({"access_token":"sts-token","token_type":"Bearer","expires_in":3600})");
        } else if (r.path().ends_with(":generateAccessToken") &&
                   r.header("authorization") == "Bearer sts-token") {
          out.Send(200, {},
                   R"({"accessToken":"ya29.impersonated","expireTime":"2999-01-01T00:00:00Z"})");
        } else {
          out.Send(403, {}, R"({"error":{"message":"unexpected request"}})");
        }
      }));
  Json creds = base::JsonObject(
      {{"type", "external_account"},
       {"audience",
        "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/gh"},
       {"subject_token_type", "urn:ietf:params:oauth:token-type:jwt"},
       {"token_url", google->url("/v1/token")},
       {"service_account_impersonation_url",
        google->url("/v1/projects/-/serviceAccounts/claude@proj.iam.gserviceaccount.com"
                    ":generateAccessToken")},
       {"credential_source",
        base::JsonObject(
            {{"url", google->url("/oidc?audience=x")},
             {"headers", base::JsonObject({{"Authorization", "bearer gh-request-token"}})},
             {"format",
              base::JsonObject({{"type", "json"}, {"subject_token_field_name", "value"}})}})}});
  fs::path creds_file = home_.path() / "gha-creds.json";
  ASSERT_TRUE(base::WriteFileAtomic(creds_file, creds.Dump()));

  auto env = Env(api);
  env.erase("ANTHROPIC_API_KEY");
  env.erase("ANTHROPIC_BASE_URL");
  env["CLAUDE_CODE_USE_VERTEX"] = "1";
  env["ANTHROPIC_VERTEX_PROJECT_ID"] = "proj";
  env["CLOUD_ML_REGION"] = "us-east5";
  env["ANTHROPIC_VERTEX_BASE_URL"] = api.base_url() + "/v1";
  env["GOOGLE_APPLICATION_CREDENTIALS"] = creds_file.string();
  RunOutput r = RunRunner(
      {"-p", "hi", "--output-format", "json", "--model", "claude-sonnet-4-5-20250929"}, env,
      work_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto result = Json::Parse(r.out);
  ASSERT_TRUE(result) << r.out;
  EXPECT_EQ((*result)["result"].AsString(), "hello from vertex");
  std::vector<Json> requests = api.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["path"].AsString(),
            "/v1/projects/proj/locations/us-east5/publishers/anthropic/models/"
            "claude-sonnet-4-5@20250929:streamRawPredict");
  EXPECT_EQ(requests[0]["headers"]["authorization"].AsString(), "Bearer ya29.impersonated");
  EXPECT_FALSE(requests[0]["body"].Contains("model"));
  EXPECT_EQ(requests[0]["body"]["anthropic_version"].AsString(), "vertex-2023-10-16");
  EXPECT_EQ(google->requests().size(), 3u);
}

}  // namespace
}  // namespace runner::e2e
