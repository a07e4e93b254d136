#pragma once
/// Shared fixture of the `claude-runner github` end-to-end tests: a real git remote (git
/// http-backend on loopback, token auth) with a workspace cloned from it the way
/// actions/checkout leaves it, a GitHub API (the stateful FakeGithub, or Prism), the scripted
/// model server, real webhook payloads from @octokit/webhooks-examples, and the GITHUB_* / INPUT_*
/// environment of an Actions job.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "integrations/github/webhook_examples_for_test.h"
#include "runner/base/json.h"
#include "runner/base/strings.h"
#include "runner/testing/git_http_server.h"
#include "runner/testing/http_test_server.h"
#include "tests/e2e/harness.h"
#include "tests/github_e2e/fake_github.h"

namespace github_e2e {

namespace fs = std::filesystem;
using runner::base::Json;
using runner::base::JsonObject;
using runner::e2e::FakeApi;
using runner::e2e::RunOutput;
using runner::e2e::TempDir;

inline constexpr const char* kToken = "ghs_E2eJobTokenAbcdefghijklmnopqrstuvwx";
inline constexpr const char* kOwner = "octo";
inline constexpr const char* kRepo = "app";
inline constexpr const char* kRepoFull = "octo/app";

/// The repository's files at the start.
inline std::map<std::string, std::string> StartFiles() {
  return {{"greet.py", "def greet(name):\n    return \"Helo, \" + name\n"},
          {"README.md", "# app\n"},
          {"CLAUDE.md", "Base branch memory: keep functions small.\n"}};
}

/// A scripted model turn that calls one tool.
inline Json ToolTurn(const std::string& name, Json input) {
  return JsonObject({{"content", runner::base::JsonArray({JsonObject({{"type", "tool_use"}, {"name", name}, {"input", std::move(input)}})})},
                     {"stop_reason", "tool_use"}});
}
inline Json TextTurn(const std::string& text) {
  return JsonObject({{"content", runner::base::JsonArray({JsonObject({{"type", "text"}, {"text", text}})})},
                     {"stop_reason", "end_turn"}});
}
inline std::string Script(std::vector<Json> turns) {
  Json list = Json::MakeArray();
  for (Json& t : turns) list.Push(std::move(t));
  return JsonObject({{"turns", std::move(list)}}).Dump();
}

/// GitHub's OIDC token service and Anthropic's app-token exchange, as the runner meets them:
/// GET /oidc?…&audience=claude-code-github-action with the job's request token answers
/// `{"value": <jwt>}`; POST /exchange with that JWT answers `{"token": <token>}`, or 401 with
/// `exchange_error` when it is set (what the real exchange says for a workflow that differs from
/// the default branch's copy).
class AppTokenService {
 public:
  static constexpr const char* kRequestToken = "oidc-request-token-0123456789";
  static constexpr const char* kJwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjbGF1ZGUifQ.c2ln";

  explicit AppTokenService(std::string token) : token_(std::move(token)) {
    auto server = runner::testing::HttpTestServer::Start(
        [this](const runner::testing::HttpTestRequest& r, runner::testing::HttpTestResponse& w) {
          runner::base::Headers json = {{"content-type", "application/json"}};
          if (r.path() == "/oidc") {
            bool ok = r.header("authorization") == std::string("Bearer ") + kRequestToken &&
                      r.target.find("audience=claude-code-github-action") != std::string::npos;
            return ok ? w.Send(200, json, JsonObject({{"value", kJwt}}).Dump())
                      : w.Send(401, json, R"({"message":"bad request token"})");
          }
          if (r.path() == "/exchange" && r.method == "POST") {
            exchange_body_ = r.body;
            if (r.header("authorization") != std::string("Bearer ") + kJwt) {
              return w.Send(401, json, R"({"error":{"message":"invalid OIDC token"}})");
            }
            if (!exchange_error.empty()) {
              return w.Send(401, json, JsonObject({{"error", JsonObject({{"message", exchange_error}})}}).Dump());
            }
            return w.Send(200, json, JsonObject({{"token", token_}}).Dump());
          }
          w.Send(404, json, R"({"message":"Not Found"})");
        });
    EXPECT_TRUE(server) << server.error().message;
    if (server) server_ = std::move(*server);
  }
  /// The variables an Actions job with `id-token: write` has, and the exchange's address.
  void AddTo(std::map<std::string, std::string>& env) const {
    env["ACTIONS_ID_TOKEN_REQUEST_URL"] = server_->url("/oidc?api-version=2.0");
    env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = kRequestToken;
    env["CLAUDE_RUNNER_APP_TOKEN_EXCHANGE_URL"] = server_->url("/exchange");
  }
  std::vector<runner::testing::HttpTestRequest> requests() const { return server_->requests(); }

  std::string exchange_error;
  std::string exchange_body_;

 private:
  std::string token_;
  std::unique_ptr<runner::testing::HttpTestServer> server_;
};

class GithubE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    auto git = runner::testing::GitHttpServer::Start(root_.path() / "remote", kToken);
    ASSERT_TRUE(git) << git.error().message;
    git_ = std::move(*git);
    auto sha = git_->CreateRepo(kRepo, "main", StartFiles());
    ASSERT_TRUE(sha) << sha.error().message;
    main_sha_ = *sha;
    fs::create_directories(home());
    fs::create_directories(temp());
  }

  /// Clones the remote into work() as actions/checkout would (no token in .git/config), on
  /// `branch`.
  /// `depth` > 0 makes a shallow clone, as actions/checkout does by default (fetch-depth: 1).
  void Checkout(const std::string& branch = "main", int depth = 0) {
    std::vector<std::string> args = {"clone", "-q", "-b", branch};
    if (depth > 0) args.insert(args.end(), {"--depth", std::to_string(depth)});
    args.insert(args.end(), {git_->url_with_token(kRepo), "work"});
    auto cloned = runner::testing::RunGit(root_.path(), args);
    ASSERT_TRUE(cloned) << cloned.error().message;
    auto set = runner::testing::RunGit(work(), {"remote", "set-url", "origin", git_->url(kRepo)});
    ASSERT_TRUE(set) << set.error().message;
  }

  void StartFakeGithub() {
    auto gh = FakeGithub::Start(kOwner, kRepo, kToken);
    ASSERT_TRUE(gh) << gh.error().message;
    gh_ = std::move(*gh);
    gh_->AddUser("alice", "User", "Alice Example");
    gh_->SetPermission("alice", "write");
    gh_->AddUser("mallory", "User", "Mallory");
    gh_->SetPermission("mallory", "read");
  }

  /// A real webhook example with the repository, sender and (when given) entity numbers
  /// rewritten to this test's repository.
  static Json Payload(const std::string& event, const std::string& action, size_t nth = 0) {
    Json p = integrations::github::testing::Example(event, action, nth);
    Json repo = p["repository"];
    repo.Set("name", kRepo);
    repo.Set("full_name", kRepoFull);
    repo.Set("default_branch", "main");
    Json owner = repo["owner"];
    owner.Set("login", kOwner);
    repo.Set("owner", owner);
    p.Set("repository", repo);
    return p;
  }
  static Json WithSender(Json p, const std::string& login, const std::string& type = "User", int64_t id = 4001) {
    Json s = p["sender"];
    s.Set("login", login);
    s.Set("type", type);
    s.Set("id", id);
    p.Set("sender", s);
    return p;
  }
  /// `payload[outer][key] = value`.
  static Json Patch(Json payload, std::string_view outer, std::string_view key, Json value) {
    Json inner = payload[outer];
    inner.Set(key, std::move(value));
    payload.Set(outer, std::move(inner));
    return payload;
  }

  std::map<std::string, std::string> JobEnv(const std::string& event_name, const Json& payload,
                                            const FakeApi& model, const std::string& api_url) {
    runner::e2e::WriteText(temp() / "event.json", payload.Dump());
    auto env = runner::e2e::BaseEnv(home());
    env["GITHUB_ACTIONS"] = "true";
    env["GITHUB_EVENT_NAME"] = event_name;
    env["GITHUB_EVENT_PATH"] = (temp() / "event.json").string();
    env["GITHUB_REPOSITORY"] = kRepoFull;
    env["GITHUB_SERVER_URL"] = "https://github.com";
    env["GITHUB_API_URL"] = api_url;
    env["GITHUB_RUN_ID"] = "777";
    env["GITHUB_ACTOR"] = payload["sender"]["login"].StringOr("alice");
    env["GITHUB_WORKSPACE"] = work().string();
    env["GITHUB_OUTPUT"] = (temp() / "output.txt").string();
    env["GITHUB_STEP_SUMMARY"] = (temp() / "summary.md").string();
    env["RUNNER_TEMP"] = temp().string();
    env["GITHUB_TOKEN"] = kToken;
    env["ANTHROPIC_BASE_URL"] = model.base_url();
    env["INPUT_ANTHROPIC_API_KEY"] = "sk-ant-api03-E2eModelKeyAbcdefghijklmnop";
    env["CLAUDE_CODE_MAX_RETRIES"] = "0";
    return env;
  }

  RunOutput RunGithub(const std::map<std::string, std::string>& env, int64_t timeout_ms = 60000) {
    return runner::e2e::RunRunner({"github"}, env, work(), "", timeout_ms);
  }

  /// GITHUB_OUTPUT parsed (`name<<DELIM` blocks and `name=value` lines).
  std::map<std::string, std::string> Outputs() {
    std::map<std::string, std::string> out;
    std::string text = runner::e2e::ReadText(temp() / "output.txt");
    std::vector<std::string> lines = runner::base::Split(text, '\n');
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      size_t heredoc = l.find("<<");
      size_t eq = l.find('=');
      if (heredoc != std::string::npos && (eq == std::string::npos || heredoc < eq)) {
        std::string name = l.substr(0, heredoc), delim = l.substr(heredoc + 2), value;
        for (++i; i < lines.size() && lines[i] != delim; ++i) value += (value.empty() ? "" : "\n") + lines[i];
        out[name] = value;
      } else if (eq != std::string::npos) {
        out[l.substr(0, eq)] = l.substr(eq + 1);
      }
    }
    return out;
  }

  fs::path work() const { return root_.path() / "work"; }
  fs::path home() const { return root_.path() / "home"; }
  fs::path temp() const { return root_.path() / "runner-temp"; }

  TempDir root_;
  std::unique_ptr<runner::testing::GitHttpServer> git_;
  std::unique_ptr<FakeGithub> gh_;
  std::string main_sha_;
};

}  // namespace github_e2e
