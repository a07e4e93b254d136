// Prism with GitHub's OpenAPI description, through the recording proxy: it starts, it accepts
// valid requests and refuses invalid ones with the violation named, and every request shape of
// the runner's endpoint table (docs: the table in fake_github.h) is valid against GitHub's
// description. One Prism for the whole binary (PrismGithub::Shared).

#include "tests/github_e2e/prism.h"

#include <gtest/gtest.h>

#include "runner/base/http.h"
#include "runner/base/json.h"

namespace github_e2e {
namespace {

using runner::base::Json;
using runner::base::JsonArray;
using runner::base::JsonObject;

constexpr const char* kAccept = "application/vnd.github+json, application/json";
constexpr const char* kSha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

struct Answer {
  int status = 0;
  std::string body;
};

/// One request shaped as the runner sends it, through the proxy.
Answer Send(PrismGithub& prism, const std::string& method, const std::string& path,
            const std::string& body = "", const char* accept = kAccept) {
  static runner::base::CurlHttpClient client{runner::base::HttpOptions{}};
  runner::base::HttpRequest request;
  request.method = method;
  request.url = prism.url() + path;
  request.headers = {{"Authorization", "Bearer ghs_test"},
                     {"Accept", accept},
                     {"X-GitHub-Api-Version", "2022-11-28"},
                     {"User-Agent", "claude-runner"}};
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = body;
  auto result = client.Send(request, nullptr, nullptr);
  if (!result) return Answer{0, result.error().message};
  return Answer{result->head.status, result->body};
}

class PrismSmoke : public ::testing::Test {
 protected:
  void SetUp() override {
    auto prism = PrismGithub::Shared();
    ASSERT_TRUE(prism) << prism.error().message;
    prism_ = *prism;
    prism_->ClearExchanges();
  }
  PrismGithub* prism_ = nullptr;
};

TEST_F(PrismSmoke, StartsAndRecordsExchanges) {
  std::printf("Prism answered after %lld ms\n", static_cast<long long>(prism_->startup_ms()));
  Answer created = Send(*prism_, "POST", "/repos/o/r/issues/1/comments", R"({"body":"x"})");
  EXPECT_EQ(created.status, 201) << created.body;
  auto comment = Json::Parse(created.body);
  ASSERT_TRUE(comment) << created.body;
  EXPECT_TRUE((*comment)["id"].is_int());
  auto exchanges = prism_->exchanges();
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_EQ(exchanges[0].method, "POST");
  EXPECT_EQ(exchanges[0].target, "/repos/o/r/issues/1/comments");
  EXPECT_EQ(exchanges[0].request_body, R"({"body":"x"})");
  EXPECT_EQ(exchanges[0].status, 201);
  EXPECT_EQ(exchanges[0].response_body, created.body);
  EXPECT_EQ(exchanges[0].RequestViolations(), std::vector<std::string>{});
}

TEST_F(PrismSmoke, RefusesInvalidRequestsNamingTheViolation) {
  Answer no_commit = Send(*prism_, "POST", "/repos/o/r/pulls/1/comments",
                          R"({"body":"x","path":"a.txt","line":1,"side":"RIGHT"})");
  EXPECT_EQ(no_commit.status, 422);
  auto exchanges = prism_->exchanges();
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_EQ(exchanges[0].RequestViolations(),
            std::vector<std::string>{"Error: Request body must have required property 'commit_id'"})
      << exchanges[0].violations;
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/issues/1/comments", R"({})").status, 422);
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/issues/1/comments", R"({"body":5})").status, 422);
  EXPECT_EQ(Send(*prism_, "GET", "/repos/o/r/issues/abc").status, 422);
  EXPECT_EQ(Send(*prism_, "GET", "/repos/o/r/no/such/route").status, 404);
  // The Accept gotcha the runner avoids by adding application/json.
  EXPECT_EQ(Send(*prism_, "GET", "/repos/o/r", "", "application/vnd.github+json").status, 406);
}

/// Every request of the runner's REST table, shaped as the runner sends it, is valid against
/// GitHub's description (2xx; a violation answers 422 and is printed).
TEST_F(PrismSmoke, AcceptsEveryRequestOfTheRunnersTable) {
  std::string review = JsonObject({
      {"commit_id", kSha}, {"body", "Review summary"}, {"event", "COMMENT"},
      {"comments", JsonArray({
          JsonObject({{"path", "src/a.cc"}, {"body", "nit"}, {"line", 12}, {"side", "RIGHT"}}),
          JsonObject({{"path", "src/a.cc"}, {"body", "span"}, {"start_line", 3},
                      {"start_side", "RIGHT"}, {"line", 5}, {"side", "RIGHT"}}),
          JsonObject({{"path", "src/b.cc"}, {"body", "removed"}, {"line", 7}, {"side", "LEFT"}}),
      })}}).Dump();
  struct Case {
    const char* method;
    std::string path, body;
  };
  std::vector<Case> cases = {
      {"GET", "/repos/octo/hello/collaborators/alice/permission", ""},
      {"GET", "/repos/octo/hello/collaborators/claude%5Bbot%5D/permission", ""},
      {"GET", "/users/alice", ""},
      {"GET", "/users/claude%5Bbot%5D", ""},
      {"GET", "/repos/octo/hello", ""},
      {"GET", "/repos/octo/hello/issues/7", ""},
      {"GET", "/repos/octo/hello/issues/7/comments?per_page=100&page=1", ""},
      {"GET", "/repos/octo/hello/issues/7/comments?per_page=100&page=2", ""},
      {"POST", "/repos/octo/hello/issues/7/comments", R"({"body":"Claude Code is working…"})"},
      {"PATCH", "/repos/octo/hello/issues/comments/1234567", R"({"body":"**Claude finished**"})"},
      {"GET", "/repos/octo/hello/pulls/8", ""},
      {"GET", "/repos/octo/hello/pulls/8/files?per_page=100&page=1", ""},
      {"GET", "/repos/octo/hello/pulls/8/reviews?per_page=100&page=1", ""},
      {"GET", "/repos/octo/hello/pulls/8/comments?per_page=100&page=1", ""},
      {"POST", "/repos/octo/hello/pulls/8/comments/2345678/replies", R"({"body":"Fixed."})"},
      {"PATCH", "/repos/octo/hello/pulls/comments/2345678", R"({"body":"Fixed!"})"},
      {"POST", "/repos/octo/hello/pulls",
       R"({"title":"Fix the greeting","head":"claude/issue-7-20261121-1312","base":"main","body":"Fixes #7","draft":false})"},
      {"POST", "/repos/octo/hello/pulls/8/reviews", review},
  };
  for (const Case& c : cases) {
    Answer answer = Send(*prism_, c.method, c.path, c.body);
    EXPECT_TRUE(answer.status >= 200 && answer.status < 300)
        << c.method << " " << c.path << " " << c.body << "\n→ " << answer.status << " "
        << answer.body;
  }
  // Not even a warning about any request.
  for (const PrismGithub::Exchange& e : prism_->exchanges()) {
    EXPECT_EQ(e.RequestViolations(), std::vector<std::string>{}) << e.method << " " << e.target;
  }
  EXPECT_EQ(prism_->exchanges().size(), cases.size());
}

/// What GitHub's description leaves unchecked (FakeGithub checks these instead): a review
/// comment's `side` has no enum, and a PR's `title` is optional (GitHub wants it unless `issue`).
TEST_F(PrismSmoke, LeavesSomeRulesToGithub) {
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/pulls/1/reviews",
                 R"({"event":"COMMENT","comments":[{"path":"a","body":"b","line":1,"side":"MIDDLE"}]})")
                .status,
            200);
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/pulls", R"({"head":"x","base":"main"})").status,
            201);
  // But the enums and types it has are enforced.
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/pulls/1/reviews", R"({"event":"SHIP_IT","body":"b"})")
                .status,
            422);
  EXPECT_EQ(Send(*prism_, "POST", "/repos/o/r/pulls",
                 R"({"title":"t","head":"x","base":"main","draft":"yes"})").status,
            422);
}

}  // namespace
}  // namespace github_e2e
