// FakeGithub's own tests: its behaviour (auth, pagination, edits, replies, reviews, faults,
// concurrency) and its shapes, checked against GitHub's OpenAPI description.

#include "tests/github_e2e/fake_github.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "runner/base/files.h"
#include "runner/base/http.h"
#include "tests/github_e2e/openapi_check.h"
#include "tests/github_e2e/prism.h"

namespace github_e2e {
namespace {

using runner::base::JsonArray;
using runner::base::JsonObject;

constexpr const char* kToken = "ghs_test_token";
constexpr const char* kPatch =
    "@@ -1,4 +1,5 @@\n"
    " line one\n"
    "-line two\n"
    "+line 2\n"
    "+line 2b\n"
    " line three\n"
    " line four";

struct Answer {
  int status = 0;
  Json body;
  runner::base::Headers headers;
  std::string link() const { return runner::base::FindHeader(headers, "link"); }
};

class FakeGithubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fake = FakeGithub::Start("octo", "hello", kToken);
    ASSERT_TRUE(fake) << fake.error().message;
    fake_ = std::move(*fake);
  }

  /// A request as the runner sends it; `auth` replaces the Authorization header.
  Answer Call(const std::string& method, const std::string& path_or_url,
              const std::string& body = "", std::string auth = "") {
    runner::base::HttpRequest request;
    request.method = method;
    request.url = path_or_url.starts_with("http") ? path_or_url : fake_->api_url() + path_or_url;
    request.headers = {{"Authorization", auth.empty() ? std::string("Bearer ") + kToken : auth},
                       {"Accept", "application/vnd.github+json, application/json"},
                       {"X-GitHub-Api-Version", "2022-11-28"}};
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.body = body;
    auto result = client_.Send(request, nullptr, nullptr);
    EXPECT_TRUE(result) << result.error().message;
    if (!result) return {};
    Answer answer{result->head.status, Json(), result->head.headers};
    auto parsed = Json::Parse(result->body);
    EXPECT_TRUE(parsed) << result->body;
    if (parsed) answer.body = *parsed;
    return answer;
  }

  /// A PR #2 from `feature` with one file whose patch is kPatch.
  void SeedPull() {
    fake_->AddPull(JsonObject({{"number", 2}, {"title", "Add lines"}, {"body", "Please"},
                               {"user", JsonObject({{"login", "alice"}})},
                               {"head", JsonObject({{"ref", "feature"}})},
                               {"base", JsonObject({{"ref", "main"}})}}));
    fake_->AddPullFile(2, JsonObject({{"filename", "a.txt"}, {"status", "modified"},
                                      {"additions", 2}, {"deletions", 1}, {"patch", kPatch}}));
  }

  runner::base::CurlHttpClient client_{runner::base::HttpOptions{}};
  std::unique_ptr<FakeGithub> fake_;
};

TEST_F(FakeGithubTest, RequiresTheToken) {
  fake_->AddIssue(JsonObject({{"number", 1}, {"title", "t"}}));
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/1").status, 200);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/1", "", std::string("token ") + kToken).status,
            200);
  Answer wrong = Call("GET", "/repos/octo/hello/issues/1", "", "Bearer nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body["message"].AsString(), "Bad credentials");
}

TEST_F(FakeGithubTest, UnknownRoutesRepositoriesAndObjectsAre404) {
  for (const char* path : {"/repos/octo/hello/nothing", "/repos/other/hello/issues/1",
                           "/repos/octo/hello/issues/99", "/repos/octo/hello/pulls/99"}) {
    Answer answer = Call("GET", path);
    EXPECT_EQ(answer.status, 404) << path;
    EXPECT_EQ(answer.body["message"].AsString(), "Not Found") << path;
  }
}

TEST_F(FakeGithubTest, PaginatesWithLinkHeaders) {
  fake_->AddIssue(JsonObject({{"number", 7}, {"title", "busy"}}));
  for (int i = 0; i < 205; ++i) fake_->AddIssueComment(7, "bob", "c" + std::to_string(i));

  Answer first = Call("GET", "/repos/octo/hello/issues/7/comments?per_page=100&page=1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body.size(), 100u);
  std::string base = fake_->api_url() + "/repos/octo/hello/issues/7/comments?per_page=100";
  EXPECT_EQ(first.link(), "<" + base + "&page=2>; rel=\"next\", <" + base + "&page=3>; rel=\"last\"");

  Answer last = Call("GET", "/repos/octo/hello/issues/7/comments?per_page=100&page=3");
  EXPECT_EQ(last.body.size(), 5u);
  EXPECT_EQ(last.link(), "<" + base + "&page=2>; rel=\"prev\", <" + base + "&page=1>; rel=\"first\"");

  // Following rel="next" visits every comment once, in order.
  std::vector<std::string> bodies;
  std::string url = "/repos/octo/hello/issues/7/comments?per_page=100&page=1";
  for (int guard = 0; !url.empty() && guard < 10; ++guard) {
    Answer page = Call("GET", url);
    for (const Json& c : page.body.items()) bodies.push_back(c["body"].AsString());
    std::string link = page.link();
    size_t next = link.find(">; rel=\"next\"");
    url = next == std::string::npos ? "" : link.substr(1, next - 1);
    if (size_t comma = url.rfind(", <"); comma != std::string::npos) url = url.substr(comma + 3);
  }
  ASSERT_EQ(bodies.size(), 205u);
  EXPECT_EQ(bodies.front(), "c0");
  EXPECT_EQ(bodies.back(), "c204");
  // Default page size is GitHub's 30.
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/7/comments").body.size(), 30u);
}

TEST_F(FakeGithubTest, CreatedCommentsAreTheBotsAndKeepTheirEditHistory) {
  fake_->AddIssue(JsonObject({{"number", 3}, {"title", "t"}}));
  EXPECT_EQ(fake_->first_comment_ms(), 0);
  Answer created = Call("POST", "/repos/octo/hello/issues/3/comments", R"({"body":"Working…"})");
  ASSERT_EQ(created.status, 201);
  EXPECT_GT(fake_->first_comment_ms(), 0);
  int64_t id = created.body["id"].AsInt();
  EXPECT_TRUE(created.body["id"].is_int());
  EXPECT_EQ(created.body["user"]["login"].AsString(), "claude[bot]");
  EXPECT_EQ(created.body["user"]["type"].AsString(), "Bot");
  EXPECT_EQ(created.body["html_url"].AsString(),
            "https://github.com/octo/hello/issues/3#issuecomment-" + std::to_string(id));
  EXPECT_TRUE(created.body["created_at"].AsString().ends_with("Z"));

  std::string path = "/repos/octo/hello/issues/comments/" + std::to_string(id);
  EXPECT_EQ(Call("PATCH", path, R"({"body":"step 1"})").status, 200);
  Answer done = Call("PATCH", path, R"({"body":"Done"})");
  EXPECT_EQ(done.body["body"].AsString(), "Done");

  EXPECT_EQ(fake_->CommentEdits(id), (std::vector<std::string>{"Working…", "step 1", "Done"}));
  ASSERT_EQ(fake_->IssueComments(3).size(), 1u);
  EXPECT_EQ(fake_->IssueComments(3)[0]["body"].AsString(), "Done");
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/3").body["comments"].AsInt(), 1);
  EXPECT_EQ(Call("PATCH", "/repos/octo/hello/issues/comments/42", R"({"body":"x"})").status, 404);
}

TEST_F(FakeGithubTest, TheIdentityIsConfigurable) {
  fake_->SetIdentity("github-actions[bot]", "Bot", 41898282);
  fake_->AddIssue(JsonObject({{"number", 1}, {"title", "t"}}));
  Answer created = Call("POST", "/repos/octo/hello/issues/1/comments", R"({"body":"hi"})");
  EXPECT_EQ(created.body["user"]["login"].AsString(), "github-actions[bot]");
  EXPECT_EQ(created.body["user"]["id"].AsInt(), 41898282);
}

TEST_F(FakeGithubTest, RejectsMissingFieldsAndBadJson) {
  fake_->AddIssue(JsonObject({{"number", 1}, {"title", "t"}}));
  Answer missing = Call("POST", "/repos/octo/hello/issues/1/comments", R"({"text":"x"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.body["message"].AsString(), "Validation Failed");
  EXPECT_EQ(missing.body["errors"].at(0)["field"].AsString(), "body");
  EXPECT_EQ(Call("POST", "/repos/octo/hello/issues/1/comments", R"({"body":""})").status, 422);
  Answer bad = Call("POST", "/repos/octo/hello/issues/1/comments", "{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["message"].AsString(), "Problems parsing JSON");
  EXPECT_EQ(Call("POST", "/repos/octo/hello/pulls", R"({"title":"x","base":"main"})").status, 422);
  EXPECT_TRUE(fake_->IssueComments(1).empty());
}

TEST_F(FakeGithubTest, AnswersPermissionsLikeGithub) {
  fake_->SetPermission("alice", "admin");
  fake_->SetPermission("mia", "maintain");
  fake_->AddUser("bob");
  fake_->AddUser("dependabot[bot]");
  auto permission = [&](const std::string& login) {
    Answer a = Call("GET", "/repos/octo/hello/collaborators/" + login + "/permission");
    return std::to_string(a.status) + " " + a.body["permission"].StringOr("-") + " " +
           a.body["role_name"].StringOr("-") + " " + a.body["user"]["login"].StringOr("-");
  };
  EXPECT_EQ(permission("alice"), "200 admin admin alice");
  EXPECT_EQ(permission("mia"), "200 write maintain mia");
  EXPECT_EQ(permission("bob"), "200 read read bob");
  EXPECT_EQ(permission("ghost"), "404 - - -");
  EXPECT_EQ(permission("dependabot[bot]"), "404 - - -");
  Answer bot = Call("GET", "/users/dependabot[bot]");
  EXPECT_EQ(bot.status, 200);
  EXPECT_EQ(bot.body["type"].AsString(), "Bot");
  EXPECT_EQ(Call("GET", "/users/ghost").status, 404);
}

TEST_F(FakeGithubTest, RepliesJoinTheThreadOfTheirComment) {
  SeedPull();
  int64_t root = fake_->AddReviewComment(
      2, JsonObject({{"user", JsonObject({{"login", "alice"}})}, {"body", "why?"},
                     {"path", "a.txt"}, {"line", 3}, {"side", "RIGHT"}}));
  Answer reply = Call("POST", "/repos/octo/hello/pulls/2/comments/" + std::to_string(root) +
                                  "/replies", R"({"body":"because"})");
  ASSERT_EQ(reply.status, 201);
  EXPECT_EQ(reply.body["in_reply_to_id"].AsInt(), root);
  EXPECT_EQ(reply.body["path"].AsString(), "a.txt");
  EXPECT_EQ(reply.body["line"].AsInt(), 3);
  EXPECT_EQ(reply.body["user"]["login"].AsString(), "claude[bot]");
  // A reply to the reply still points at the thread's first comment.
  Answer second = Call("POST", "/repos/octo/hello/pulls/2/comments/" +
                                   std::to_string(reply.body["id"].AsInt()) + "/replies",
                       R"({"body":"and also"})");
  EXPECT_EQ(second.body["in_reply_to_id"].AsInt(), root);
  EXPECT_EQ(fake_->ReviewComments(2).size(), 3u);
  EXPECT_EQ(Call("POST", "/repos/octo/hello/pulls/2/comments/1/replies", R"({"body":"x"})").status,
            404);
  // PATCH keeps the history.
  std::string path = "/repos/octo/hello/pulls/comments/" + std::to_string(reply.body["id"].AsInt());
  EXPECT_EQ(Call("PATCH", path, R"({"body":"because!"})").status, 200);
  EXPECT_EQ(fake_->CommentEdits(reply.body["id"].AsInt()),
            (std::vector<std::string>{"because", "because!"}));
}

TEST_F(FakeGithubTest, ReviewsCarryTheirInlineCommentsOnDiffLines) {
  SeedPull();
  std::string sha = Call("GET", "/repos/octo/hello/pulls/2").body["head"]["sha"].AsString();
  ASSERT_EQ(sha.size(), 40u);
  Json review = JsonObject({{"commit_id", sha}, {"body", "Two notes"}, {"event", "COMMENT"},
                            {"comments", JsonArray({
                                JsonObject({{"path", "a.txt"}, {"body", "nit"}, {"line", 3},
                                            {"side", "RIGHT"}}),
                                JsonObject({{"path", "a.txt"}, {"body", "span"},
                                            {"start_line", 2}, {"line", 3}, {"side", "RIGHT"}}),
                                JsonObject({{"path", "a.txt"}, {"body", "old"}, {"line", 2},
                                            {"side", "LEFT"}}),
                            })}});
  Answer created = Call("POST", "/repos/octo/hello/pulls/2/reviews", review.Dump());
  ASSERT_EQ(created.status, 200) << created.body.Dump();
  EXPECT_EQ(created.body["state"].AsString(), "COMMENTED");
  int64_t id = created.body["id"].AsInt();
  EXPECT_EQ(created.body["html_url"].AsString(),
            "https://github.com/octo/hello/pull/2#pullrequestreview-" + std::to_string(id));

  std::vector<Json> reviews = fake_->Reviews(2);
  ASSERT_EQ(reviews.size(), 1u);
  ASSERT_EQ(reviews[0]["comments"].size(), 3u);
  const Json& nit = reviews[0]["comments"].at(0);
  EXPECT_EQ(nit["pull_request_review_id"].AsInt(), id);
  EXPECT_EQ(nit["commit_id"].AsString(), sha);
  EXPECT_EQ(nit["diff_hunk"].AsString(), "@@ -1,4 +1,5 @@\n line one\n-line two\n+line 2\n+line 2b");
  EXPECT_EQ(reviews[0]["comments"].at(1)["start_line"].AsInt(), 2);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/pulls/2/reviews").body.size(), 1u);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/pulls/2/comments").body.size(), 3u);

  // Lines outside the diff and unknown paths are refused, as GitHub does.
  for (const char* bad : {R"({"path":"a.txt","body":"x","line":9})",
                          R"({"path":"a.txt","body":"x","line":3,"start_line":5,"start_side":"LEFT"})",
                          R"({"path":"b.txt","body":"x","line":1})",
                          R"({"path":"a.txt","line":1})",
                          R"({"path":"a.txt","body":"x","line":3,"side":"MIDDLE"})"}) {
    std::string body = std::string(R"({"event":"COMMENT","body":"b","comments":[)") + bad + "]}";
    EXPECT_EQ(Call("POST", "/repos/octo/hello/pulls/2/reviews", body).status, 422) << bad;
  }
  EXPECT_EQ(Call("POST", "/repos/octo/hello/pulls/2/reviews", R"({"event":"COMMENT"})").status,
            422);
  EXPECT_EQ(fake_->Reviews(2).size(), 1u);
}

TEST_F(FakeGithubTest, CreatesPullsOncePerHead) {
  std::string request = R"({"title":"Fix","head":"claude/issue-1","base":"main","body":"b","draft":false})";
  Answer created = Call("POST", "/repos/octo/hello/pulls", request);
  ASSERT_EQ(created.status, 201);
  int64_t number = created.body["number"].AsInt();
  EXPECT_EQ(created.body["html_url"].AsString(),
            "https://github.com/octo/hello/pull/" + std::to_string(number));
  EXPECT_EQ(created.body["head"]["ref"].AsString(), "claude/issue-1");
  EXPECT_EQ(created.body["user"]["login"].AsString(), "claude[bot]");
  EXPECT_TRUE(Call("GET", "/repos/octo/hello/issues/" + std::to_string(number))
                  .body.Contains("pull_request"));
  Answer again = Call("POST", "/repos/octo/hello/pulls", request);
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.body["errors"].at(0)["message"].AsString(),
            "A pull request already exists for octo:claude/issue-1.");
  EXPECT_EQ(Call("POST", "/repos/octo/hello/pulls",
                 R"({"title":"x","head":"main","base":"main"})").status, 422);
  ASSERT_EQ(fake_->Pulls().size(), 1u);
  EXPECT_EQ(fake_->Pulls()[0]["title"].AsString(), "Fix");
}

TEST_F(FakeGithubTest, InjectsFaults) {
  fake_->AddIssue(JsonObject({{"number", 1}, {"title", "t"}}));
  fake_->FailNext("POST", "/issues/\\d+/comments$", 503, 2);
  EXPECT_EQ(Call("POST", "/repos/octo/hello/issues/1/comments", R"({"body":"a"})").status, 503);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/1").status, 200);  // other routes unaffected
  EXPECT_EQ(Call("POST", "/repos/octo/hello/issues/1/comments", R"({"body":"a"})").status, 503);
  EXPECT_EQ(Call("POST", "/repos/octo/hello/issues/1/comments", R"({"body":"a"})").status, 201);
  fake_->FailAll(500);
  Answer down = Call("GET", "/repos/octo/hello/issues/1");
  EXPECT_EQ(down.status, 500);
  EXPECT_EQ(down.body["message"].AsString(), "Server Error");
  fake_->FailAll(0);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/issues/1").status, 200);
  EXPECT_EQ(fake_->IssueComments(1).size(), 1u);
}

TEST_F(FakeGithubTest, ServesConcurrentRequests) {
  fake_->AddIssue(JsonObject({{"number", 1}, {"title", "t"}}));
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string body = JsonObject({{"body", std::to_string(t * 100 + i)}}).Dump();
        if (Call("POST", "/repos/octo/hello/issues/1/comments", body).status == 201) ++created;
        Call("GET", "/repos/octo/hello/issues/1/comments?per_page=100");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 80);
  std::set<int64_t> ids;
  for (const Json& c : fake_->IssueComments(1)) ids.insert(c["id"].AsInt());
  EXPECT_EQ(ids.size(), 80u);
  EXPECT_EQ(fake_->requests().size(), 160u);
}

// --- shapes ------------------------------------------------------------------------------------

/// Every route of the table, called as the runner will, answers what GitHub's description says.
TEST_F(FakeGithubTest, JobLogsRedirectToStorageThatTakesNoToken) {
  int64_t run = fake_->AddWorkflowRun(JsonObject({{"name", "CI"}, {"head_sha", "abc"}, {"conclusion", "failure"}}));
  fake_->AddWorkflowRun(JsonObject({{"name", "Lint"}, {"head_sha", "other"}, {"conclusion", "success"}}));
  int64_t job = fake_->AddJob(run, JsonObject({{"name", "test"}, {"conclusion", "failure"}}), "line 1\nFAILED\n");
  Answer runs = Call("GET", "/repos/octo/hello/actions/runs?head_sha=abc&per_page=100");
  ASSERT_EQ(runs.status, 200);
  ASSERT_EQ(runs.body["workflow_runs"].size(), 1u);
  EXPECT_EQ(runs.body["workflow_runs"].at(0)["id"].AsInt(), run);
  EXPECT_EQ(Call("GET", "/repos/octo/hello/actions/runs?status=success").body["total_count"].AsInt(), 1);

  runner::base::HttpRequest request;
  request.method = "GET";
  request.url = fake_->api_url() + "/repos/octo/hello/actions/jobs/" + std::to_string(job) + "/logs";
  request.headers = {{"Authorization", std::string("Bearer ") + kToken}};
  auto redirect = client_.Send(request, nullptr, nullptr);
  ASSERT_TRUE(redirect) << redirect.error().message;
  ASSERT_EQ(redirect->head.status, 302);
  std::string location = runner::base::FindHeader(redirect->head.headers, "location");
  ASSERT_TRUE(location.starts_with(fake_->api_url() + "/_storage/job-logs/")) << location;
  request.url = location;
  auto with_token = client_.Send(request, nullptr, nullptr);
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->head.status, 400);  // storage refuses the API token
  request.headers.clear();
  auto log = client_.Send(request, nullptr, nullptr);
  ASSERT_TRUE(log);
  EXPECT_EQ(log->head.status, 200);
  EXPECT_EQ(log->body, "line 1\nFAILED\n");
}

TEST_F(FakeGithubTest, EveryResponseMatchesGithubsDescription) {
  auto spec = OpenApiSpec::Load(PrismGithub::DefaultNodeModules() /
                                "@octokit/openapi/generated/api.github.com.json");
  ASSERT_TRUE(spec) << spec.error().message;
  // Seeded from a real webhook payload, as the e2e tests will.
  auto examples = runner::base::ReadFile(PrismGithub::DefaultNodeModules() /
                                         "@octokit/webhooks-examples/api.github.com/index.json");
  ASSERT_TRUE(examples) << "run `./build.sh test`, or `npm ci` in tests/github";
  Json payloads = *Json::Parse(*examples);
  Json issue, pull;
  for (const Json& event : payloads.items()) {
    if (event["name"].AsString() == "issue_comment") issue = event["examples"].at(0)["issue"];
    if (event["name"].AsString() == "pull_request") pull = event["examples"].at(0)["pull_request"];
  }
  ASSERT_TRUE(issue.is_object() && pull.is_object());
  int64_t issue_number = fake_->AddIssue(issue);
  int64_t pr = fake_->AddPull(pull);
  fake_->AddPullFile(pr, JsonObject({{"filename", "a.txt"}, {"status", "modified"},
                                     {"additions", 2}, {"deletions", 1}, {"patch", kPatch}}));
  fake_->AddPullFile(pr, JsonObject({{"filename", "new.txt"}, {"status", "renamed"},
                                     {"previous_filename", "old.txt"}}));
  fake_->SetPermission("alice", "write");
  int64_t seeded = fake_->AddIssueComment(issue_number, "alice", "@claude help", "2026-01-02T03:04:05Z");
  fake_->AddReview(pr, JsonObject({{"user", JsonObject({{"login", "alice"}})}, {"body", "LGTM"},
                                   {"state", "APPROVED"}}));
  int64_t thread = fake_->AddReviewComment(pr, JsonObject({{"user", "alice"}, {"body", "hm"},
                                                          {"path", "a.txt"}, {"line", 3}}));
  std::string repo = "/repos/octo/hello";
  std::string n = std::to_string(issue_number), p = std::to_string(pr);
  std::string sha = Call("GET", repo + "/pulls/" + p).body["head"]["sha"].AsString();
  int64_t run = fake_->AddWorkflowRun(JsonObject({{"name", "CI"}, {"head_sha", sha}, {"conclusion", "failure"}}));
  fake_->AddJob(run, JsonObject({{"name", "test"}, {"conclusion", "failure"},
                                 {"steps", JsonArray({JsonObject({{"name", "Run tests"}, {"number", 3},
                                                                  {"conclusion", "failure"}})})}}),
                "FAILED test_x\n");
  struct Case {
    std::string method, path, body;
    int status;
  };
  std::vector<Case> cases = {
      {"GET", repo + "/collaborators/alice/permission", "", 200},
      {"GET", "/users/alice", "", 200},
      {"GET", "/users/claude[bot]", "", 200},
      {"GET", repo, "", 200},
      {"GET", repo + "/issues/" + n, "", 200},
      {"GET", repo + "/issues/" + p, "", 200},
      {"GET", repo + "/issues/" + n + "/comments?per_page=100&page=1", "", 200},
      {"POST", repo + "/issues/" + n + "/comments", R"({"body":"Claude is working…"})", 201},
      {"PATCH", repo + "/issues/comments/" + std::to_string(seeded), R"({"body":"edited"})", 200},
      {"GET", repo + "/pulls/" + p, "", 200},
      {"GET", repo + "/pulls/" + p + "/files?per_page=100&page=1", "", 200},
      {"POST", repo + "/pulls/" + p + "/reviews",
       JsonObject({{"commit_id", sha}, {"body", "b"}, {"event", "COMMENT"},
                   {"comments", JsonArray({JsonObject({{"path", "a.txt"}, {"body", "x"},
                                                       {"line", 3}, {"side", "RIGHT"}})})}})
           .Dump(),
       200},
      {"GET", repo + "/pulls/" + p + "/reviews?per_page=100&page=1", "", 200},
      {"POST", repo + "/pulls/" + p + "/comments/" + std::to_string(thread) + "/replies",
       R"({"body":"done"})", 201},
      {"GET", repo + "/pulls/" + p + "/comments?per_page=100&page=1", "", 200},
      {"PATCH", repo + "/pulls/comments/" + std::to_string(thread), R"({"body":"hm!"})", 200},
      {"POST", repo + "/pulls", R"({"title":"T","head":"claude/x","base":"main","body":"b","draft":true})", 201},
      {"GET", repo + "/actions/runs?head_sha=" + sha + "&per_page=100", "", 200},
      {"GET", repo + "/actions/runs/" + std::to_string(run) + "/jobs?per_page=100", "", 200},
      {"GET", repo + "/issues/comments/" + std::to_string(seeded), "", 200},
      {"GET", repo + "/pulls/comments/" + std::to_string(thread), "", 200},
      {"POST", repo + "/git/blobs", R"({"content":"aGVsbG8K","encoding":"base64"})", 201},
      {"GET", repo + "/collaborators/ghost/permission", "", 404},
      {"POST", repo + "/issues/" + n + "/comments", R"({})", 422},
  };
  for (const Case& c : cases) {
    Answer answer = Call(c.method, c.path, c.body);
    ASSERT_EQ(answer.status, c.status) << c.method << " " << c.path << ": " << answer.body.Dump();
    if (answer.body.is_array()) {
      ASSERT_FALSE(answer.body.empty()) << c.path;
    }
    auto errors = spec->CheckResponse(c.method, c.path, c.status, answer.body);
    ASSERT_TRUE(errors) << errors.error().message;
    std::string all;
    for (const std::string& e : *errors) all += e + "\n";
    EXPECT_TRUE(errors->empty()) << c.method << " " << c.path << ":\n" << all;
  }
}

TEST_F(FakeGithubTest, GitDataAnswersMatchGithubsDescription) {
  auto spec = OpenApiSpec::Load(PrismGithub::DefaultNodeModules() /
                                "@octokit/openapi/generated/api.github.com.json");
  ASSERT_TRUE(spec) << spec.error().message;
  std::string repo = "/repos/octo/hello";
  auto check = [&](const std::string& method, const std::string& path, const std::string& body, int status) {
    Answer answer = Call(method, path, body);
    EXPECT_EQ(answer.status, status) << method << " " << path << ": " << answer.body.Dump();
    auto errors = spec->CheckResponse(method, path, status, answer.body);
    EXPECT_TRUE(errors) << errors.error().message;
    if (errors) {
      std::string all;
      for (const std::string& e : *errors) all += e + "\n";
      EXPECT_TRUE(errors->empty()) << method << " " << path << ":\n" << all;
    }
    return answer.body;
  };
  std::string blob = check("POST", repo + "/git/blobs", R"({"content":"aGVsbG8K","encoding":"base64"})", 201)["sha"].AsString();
  EXPECT_EQ(fake_->GitBlob(blob), "hello\n");
  std::string tree = check("POST", repo + "/git/trees",
                           JsonObject({{"base_tree", "abc"}, {"tree", JsonArray({JsonObject({{"path", "a.txt"}, {"mode", "100644"},
                                                                                          {"type", "blob"}, {"sha", blob}}),
                                                                              JsonObject({{"path", "gone.txt"}, {"mode", "100644"},
                                                                                          {"type", "blob"}, {"sha", Json()}})})}}).Dump(),
                           201)["sha"].AsString();
  std::string commit = check("POST", repo + "/git/commits",
                             JsonObject({{"message", "m"}, {"tree", tree}, {"parents", JsonArray({"abc"})}}).Dump(), 201)["sha"].AsString();
  check("POST", repo + "/git/refs", JsonObject({{"ref", "refs/heads/claude/x"}, {"sha", commit}}).Dump(), 201);
  check("PATCH", repo + "/git/refs/heads%2Fclaude%2Fx", JsonObject({{"sha", commit}, {"force", false}}).Dump(), 200);
  EXPECT_EQ(Call("POST", repo + "/git/refs", JsonObject({{"ref", "refs/heads/claude/x"}, {"sha", commit}}).Dump()).status, 422);
  EXPECT_EQ(Call("PATCH", repo + "/git/refs/heads%2Fnope", JsonObject({{"sha", commit}}).Dump()).status, 422);
  EXPECT_EQ(Call("POST", repo + "/git/commits", JsonObject({{"message", "m"}, {"tree", "nope"}}).Dump()).status, 422);
  EXPECT_EQ(fake_->GitRefs()["claude/x"], commit);
}

/// The checker itself finds violations (so the test above could fail).
TEST(OpenApiSpec, FindsViolations) {
  auto spec = OpenApiSpec::Load(PrismGithub::DefaultNodeModules() /
                                "@octokit/openapi/generated/api.github.com.json");
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->MatchPath("/repos/o/r/pulls/comments/5"),
            "/repos/{owner}/{repo}/pulls/comments/{comment_id}");
  Json comment = JsonObject({{"id", "12"}, {"body", "x"}});
  auto errors = spec->CheckResponse("POST", "/repos/o/r/issues/1/comments", 201, comment);
  ASSERT_TRUE(errors);
  ASSERT_FALSE(errors->empty());
  EXPECT_EQ((*errors)[0], "$: missing required property 'node_id'");
  EXPECT_NE(std::find(errors->begin(), errors->end(), "$.id: expected integer, got string"),
            errors->end());
}

}  // namespace
}  // namespace github_e2e
