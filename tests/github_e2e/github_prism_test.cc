// Every GitHub REST request `claude-runner github` makes, validated against GitHub's official
// OpenAPI description: the real binary runs its main flows with GITHUB_API_URL pointing at
// Prism (@stoplight/prism-cli serving @octokit/openapi) behind the recording proxy. Prism answers
// 422 to a request that breaks the description and names the violation; each test fails on any
// answer of 400 or more and on any request violation, printing the request. Across the tests,
// every (method, path) of the runner's REST table must be seen (checked at the end of the run).
//
// Prism is stateless and answers with GitHub's example objects, so what the runner sees comes
// from those examples: the repository is octocat/Hello-World (the pull request example's head
// and base repository, so GITHUB_REPOSITORY must match or the PR counts as a fork), its default
// branch `master`, the pull request #1347 from `new-topic` into `master`, the collaborator
// permission `admin`. The git remote (git http-backend) has these branches so the git part of
// each flow works for real.
//
// Every endpoint of the table is reached by a real flow. The one help the tests give: GitHub's
// example answer to the PR files list carries no diff line (see ReviewBotPostsOneReview), so
// that answer is rewritten on its way back to the runner; the request itself is validated.
//
// One Prism for the whole binary (PrismGithub::Shared, about 10-16 s to start): one ctest test.

#include <chrono>
#include <cstdio>
#include <set>
#include <utility>

#include "runner/base/clock.h"
#include "tests/github_e2e/github_e2e_fixture.h"
#include "tests/github_e2e/prism.h"

namespace github_e2e {
namespace {

constexpr const char* kExampleRepo = "octocat/Hello-World";  // GitHub's examples' repository
constexpr const char* kExampleHead = "new-topic";            // the pull request example's head
constexpr const char* kExampleBase = "master";               // its base and the repo's default
constexpr const char* kExampleSha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";  // its head sha
constexpr const char* kExampleFile = "file1.txt";            // the PR files example's file

/// The runner's REST table (docs: fake_github.h and the design's table): method and path template.
const std::vector<std::pair<std::string, std::string>>& RunnerTable() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"GET", "/repos/{o}/{r}/collaborators/{login}/permission"},
      {"GET", "/users/{login}"},
      {"GET", "/repos/{o}/{r}"},
      {"GET", "/repos/{o}/{r}/issues/{n}"},
      {"GET", "/repos/{o}/{r}/issues/{n}/comments"},
      {"POST", "/repos/{o}/{r}/issues/{n}/comments"},
      {"PATCH", "/repos/{o}/{r}/issues/comments/{id}"},
      {"GET", "/repos/{o}/{r}/pulls/{n}"},
      {"GET", "/repos/{o}/{r}/pulls/{n}/files"},
      {"GET", "/repos/{o}/{r}/pulls/{n}/reviews"},
      {"GET", "/repos/{o}/{r}/pulls/{n}/comments"},
      {"POST", "/repos/{o}/{r}/pulls/{n}/comments/{id}/replies"},
      {"PATCH", "/repos/{o}/{r}/pulls/comments/{id}"},
      {"POST", "/repos/{o}/{r}/pulls"},
      {"POST", "/repos/{o}/{r}/pulls/{n}/reviews"},
      {"GET", "/repos/{o}/{r}/actions/runs"},
      {"GET", "/repos/{o}/{r}/actions/runs/{id}/jobs"},
      {"GET", "/repos/{o}/{r}/actions/jobs/{id}/logs"},
      {"DELETE", "/installation/token"},
      {"GET", "/repos/{o}/{r}/issues/comments/{id}"},
      {"GET", "/repos/{o}/{r}/pulls/comments/{id}"},
      {"POST", "/repos/{o}/{r}/git/blobs"},
      {"POST", "/repos/{o}/{r}/git/trees"},
      {"POST", "/repos/{o}/{r}/git/commits"},
      {"POST", "/repos/{o}/{r}/git/refs"},
      {"PATCH", "/repos/{o}/{r}/git/refs/{ref}"},
  };
  return table;
}

/// The table's path template a request target matches (query dropped), or "" for none. A
/// literal segment of the template must match exactly; `{x}` matches any non-empty segment.
std::string TemplateOf(const std::string& method, const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  std::vector<std::string> segments = runner::base::Split(path, '/');
  for (const auto& [m, templ] : RunnerTable()) {
    if (m != method) continue;
    std::vector<std::string> parts = runner::base::Split(templ, '/');
    if (parts.size() != segments.size()) continue;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      match = parts[i].starts_with("{") ? !segments[i].empty() : parts[i] == segments[i];
    }
    if (match) return templ;
  }
  return "";
}

/// Every (method, template) seen through Prism by any test of this binary.
std::set<std::pair<std::string, std::string>>& Seen() {
  static std::set<std::pair<std::string, std::string>> seen;
  return seen;
}

/// At the end of the run (when every test of the binary ran): the runner's whole table was
/// exercised through Prism.
class CoverageCheck : public ::testing::Environment {
 public:
  void TearDown() override {
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    if (unit.test_to_run_count() != unit.total_test_count()) return;  // a filtered run
    std::string missing;
    for (const auto& entry : RunnerTable()) {
      if (!Seen().contains(entry)) missing += "\n  " + entry.first + " " + entry.second;
    }
    EXPECT_TRUE(missing.empty()) << "endpoints of the runner's REST table no test sent through Prism:" << missing;
    std::printf("[ figure ] %zu of %zu endpoints of the runner's table validated by Prism\n", Seen().size(),
                RunnerTable().size());
  }
};
[[maybe_unused]] ::testing::Environment* const kCoverage = ::testing::AddGlobalTestEnvironment(new CoverageCheck);

class PrismFlow : public GithubE2e {
 protected:
  void SetUp() override {
    GithubE2e::SetUp();
    if (HasFatalFailure()) return;
    auto prism = PrismGithub::Shared();
    ASSERT_TRUE(prism) << prism.error().message;
    prism_ = *prism;
    static bool printed = false;
    if (!printed) {
      std::printf("[ figure ] Prism with GitHub's description answered after %lld ms\n",
                  static_cast<long long>(prism_->startup_ms()));
      printed = true;
    }
    prism_->ClearExchanges();
    prism_->SetAnswerEdit(nullptr);
    // The branches GitHub's examples name, on the real remote.
    auto base = git_->CommitFiles(kRepo, kExampleBase, {{"greet.py", "def greet(name):\n    return \"Helo, \" + name\n"}},
                                  "the default branch");
    ASSERT_TRUE(base) << base.error().message;
    auto head = git_->CommitFiles(kRepo, kExampleHead, {{kExampleFile, "one\nnew two\nthree\n"}}, "new topic");
    ASSERT_TRUE(head) << head.error().message;
    Checkout(kExampleBase);
  }

  void TearDown() override {
    if (prism_) prism_->SetAnswerEdit(nullptr);
  }

  /// A real webhook example on GitHub's example repository, sent by alice.
  static Json ExamplePayload(const std::string& event, const std::string& action) {
    Json p = integrations::github::testing::Example(event, action);
    Json repo = p["repository"];
    repo.Set("name", "Hello-World");
    repo.Set("full_name", kExampleRepo);
    repo.Set("default_branch", kExampleBase);
    Json owner = repo["owner"];
    owner.Set("login", "octocat");
    repo.Set("owner", owner);
    p.Set("repository", repo);
    return WithSender(p, "alice");
  }

  /// A pull request event payload on the example's pull request (#1347, new-topic → master).
  static Json PullPayload(const std::string& event, const std::string& action) {
    Json p = ExamplePayload(event, action);
    Json pr = p["pull_request"];
    pr.Set("number", 1347);
    pr.Set("state", "open");
    Json head = pr["head"];
    head.Set("ref", kExampleHead);
    head.Set("sha", kExampleSha);
    Json head_repo = head["repo"];
    head_repo.Set("full_name", kExampleRepo);
    head.Set("repo", head_repo);
    pr.Set("head", head);
    Json base = pr["base"];
    base.Set("ref", kExampleBase);
    Json base_repo = base["repo"];
    base_repo.Set("full_name", kExampleRepo);
    base.Set("repo", base_repo);
    pr.Set("base", base);
    p.Set("pull_request", pr);
    return p;
  }

  std::map<std::string, std::string> PrismEnv(const std::string& event_name, const Json& payload, const FakeApi& model) {
    auto env = JobEnv(event_name, payload, model, prism_->url());
    env["GITHUB_REPOSITORY"] = kExampleRepo;
    return env;
  }

  /// Runs the runner, then checks every exchange: Prism's answer below 400 and no violation
  /// located in the request. Records the templates seen; returns the set seen by this run.
  std::set<std::pair<std::string, std::string>> RunAndValidate(const std::map<std::string, std::string>& env,
                                                              int expected_exit = 0) {
    int64_t start = runner::base::MonotonicMs();
    RunOutput r = RunGithub(env);
    std::printf("[ figure ] runner against Prism: %lld ms, %zu REST requests\n",
                static_cast<long long>(runner::base::MonotonicMs() - start), prism_->exchanges().size());
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<PrismGithub::Exchange> exchanges = prism_->exchanges();
    EXPECT_FALSE(exchanges.empty()) << "the runner sent no request to GITHUB_API_URL\n" << r.err;
    for (const PrismGithub::Exchange& e : exchanges) {
      std::vector<std::string> violations = e.RequestViolations();
      std::string all;
      for (const std::string& v : violations) all += "\n  " + v;
      EXPECT_LT(e.status, 400) << "Prism refused " << e.method << " " << e.target << " with " << e.status
                               << "\nrequest body: " << e.request_body << "\nviolations:" << all
                               << "\nPrism's answer: " << e.response_body.substr(0, 600);
      EXPECT_TRUE(violations.empty()) << e.method << " " << e.target << " breaks GitHub's description:" << all
                                      << "\nrequest body: " << e.request_body;
      std::string templ = TemplateOf(e.method, e.target);
      EXPECT_FALSE(templ.empty()) << "a request outside the runner's REST table: " << e.method << " " << e.target;
      if (!templ.empty()) {
        seen.insert({e.method, templ});
        Seen().insert({e.method, templ});
      }
    }
    return seen;
  }

  /// The exchanges of one (method, template), in order.
  std::vector<PrismGithub::Exchange> ExchangesOf(const std::string& method, const std::string& templ) const {
    std::vector<PrismGithub::Exchange> out;
    for (const PrismGithub::Exchange& e : prism_->exchanges()) {
      if (e.method == method && TemplateOf(e.method, e.target) == templ) out.push_back(e);
    }
    return out;
  }

  PrismGithub* prism_ = nullptr;
};

using Endpoint = std::pair<std::string, std::string>;

// An `@claude` issue comment with create_pr, on a payload without repository.default_branch:
// permission check, the repository (for the default branch), the tracking comment, the issue
// and its comments, the co-author's user, the agent's comment update, the pull request, the
// final update.
TEST_F(PrismFlow, IssueCommentWithCreatePr) {
  Json p = ExamplePayload("issue_comment", "created");
  Json repo = p["repository"];
  repo.Erase("default_branch");
  p.Set("repository", repo);
  p = Patch(p, "issue", "number", 1347);
  p = Patch(p, "comment", "body", "@claude please fix the typo in greet.py");
  std::string file = (work() / "greet.py").string();
  FakeApi model(Script({ToolTurn("mcp__github_comment__update_claude_comment",
                                 JsonObject({{"body", "- [x] Read the issue\n- [ ] Fix the typo"}})),
                        ToolTurn("Read", JsonObject({{"file_path", file}})),
                        ToolTurn("Edit", JsonObject({{"file_path", file}, {"old_string", "Helo, "}, {"new_string", "Hello, "}})),
                        TextTurn("Fixed the typo in greet.py.")}));
  auto env = PrismEnv("issue_comment", p, model);
  env["INPUT_CREATE_PR"] = "true";
  auto seen = RunAndValidate(env);
  for (const Endpoint& e : std::vector<Endpoint>{
           {"GET", "/repos/{o}/{r}/collaborators/{login}/permission"},
           {"GET", "/repos/{o}/{r}"},
           {"POST", "/repos/{o}/{r}/issues/{n}/comments"},
           {"GET", "/repos/{o}/{r}/issues/{n}"},
           {"GET", "/repos/{o}/{r}/issues/{n}/comments"},
           {"GET", "/users/{login}"},
           {"PATCH", "/repos/{o}/{r}/issues/comments/{id}"},
           {"POST", "/repos/{o}/{r}/pulls"}}) {
    EXPECT_TRUE(seen.contains(e)) << e.first << " " << e.second;
  }
  // The agent's update and the final one.
  EXPECT_GE(ExchangesOf("PATCH", "/repos/{o}/{r}/issues/comments/{id}").size(), 2u);
  // The branch reached the remote from the default branch GET /repos named; the PR is for it.
  std::string branch = Outputs()["branch_name"];
  EXPECT_TRUE(branch.starts_with("claude/issue-1347-")) << branch;
  auto greet = git_->FileAt(kRepo, branch, "greet.py");
  ASSERT_TRUE(greet) << greet.error().message;
  EXPECT_NE(greet->find("Hello, "), std::string::npos) << *greet;
  auto pulls = ExchangesOf("POST", "/repos/{o}/{r}/pulls");
  ASSERT_EQ(pulls.size(), 1u);
  auto pr = Json::Parse(pulls[0].request_body);
  ASSERT_TRUE(pr) << pulls[0].request_body;
  EXPECT_EQ((*pr)["head"].AsString(), branch);
  EXPECT_EQ((*pr)["base"].AsString(), kExampleBase);
  EXPECT_EQ(Outputs()["pr_url"], "https://github.com/octocat/Hello-World/pull/1347");  // Prism's example
}

// A pull_request_review_comment trigger: the pull request's context, a threaded reply as the
// tracking comment, its updates, and a commit pushed to the PR branch.
TEST_F(PrismFlow, ReviewCommentTrigger) {
  Json p = PullPayload("pull_request_review_comment", "created");
  // With a pasted image: its rendering is asked for (GitHub's full media type).
  p = Patch(p, "comment", "body", "@claude add a fourth line to file1.txt like this "
                                  "![line](https://github.com/user-attachments/assets/0b1c2d3e-aaaa-bbbb-cccc-000000000002)");
  p = Patch(p, "comment", "id", 426899381);
  std::string file = (work() / kExampleFile).string();
  FakeApi model(Script({ToolTurn("mcp__github_comment__update_claude_comment",
                                 JsonObject({{"body", "- [ ] Add the line"}})),
                        ToolTurn("Read", JsonObject({{"file_path", file}})),
                        ToolTurn("Edit", JsonObject({{"file_path", file}, {"old_string", "three\n"}, {"new_string", "three\nfour\n"}})),
                        TextTurn("Added the line.")}));
  auto seen = RunAndValidate(PrismEnv("pull_request_review_comment", p, model));
  for (const Endpoint& e : std::vector<Endpoint>{
           {"GET", "/repos/{o}/{r}/collaborators/{login}/permission"},
           {"POST", "/repos/{o}/{r}/pulls/{n}/comments/{id}/replies"},
           {"GET", "/repos/{o}/{r}/issues/{n}"},
           {"GET", "/repos/{o}/{r}/issues/{n}/comments"},
           {"GET", "/repos/{o}/{r}/pulls/{n}"},
           {"GET", "/repos/{o}/{r}/pulls/{n}/files"},
           {"GET", "/repos/{o}/{r}/pulls/{n}/reviews"},
           {"GET", "/repos/{o}/{r}/pulls/{n}/comments"},
           {"PATCH", "/repos/{o}/{r}/pulls/comments/{id}"}}) {
    EXPECT_TRUE(seen.contains(e)) << e.first << " " << e.second;
  }
  EXPECT_TRUE(seen.contains(Endpoint{"GET", "/repos/{o}/{r}/pulls/comments/{id}"}));
  auto replies = ExchangesOf("POST", "/repos/{o}/{r}/pulls/{n}/comments/{id}/replies");
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].target, "/repos/octocat/Hello-World/pulls/1347/comments/426899381/replies");
  EXPECT_FALSE(seen.contains(Endpoint{"POST", "/repos/{o}/{r}/issues/{n}/comments"}));  // the reply is the comment
  EXPECT_GE(ExchangesOf("PATCH", "/repos/{o}/{r}/pulls/comments/{id}").size(), 2u);
  auto content = git_->FileAt(kRepo, kExampleHead, kExampleFile);
  ASSERT_TRUE(content) << content.error().message;
  EXPECT_EQ(*content, "one\nnew two\nthree\nfour\n");
}

// A review bot: pull_request with a prompt and the inline comment tool; one review with inline
// comments (single line, a range, the old side). GitHub's example answer to the files list has
// a patch made of two hunk headers on one line and no diff line at all, so no line could take a
// comment: the test gives the runner a real patch for file1.txt in Prism's answer (the request
// itself still goes to Prism).
TEST_F(PrismFlow, ReviewBotPostsOneReview) {
  prism_->SetAnswerEdit([](const PrismGithub::Exchange& e, std::string& body) {
    if (e.method != "GET" || TemplateOf(e.method, e.target) != "/repos/{o}/{r}/pulls/{n}/files") return;
    auto files = Json::Parse(body);
    if (!files || !files->is_array() || files->size() == 0) return;
    Json out = Json::MakeArray();
    for (Json f : files->items()) {
      f.Set("patch", "@@ -1,3 +1,3 @@\n one\n-two\n+new two\n three");
      out.Push(std::move(f));
    }
    body = out.Dump();
  });
  Json p = PullPayload("pull_request", "opened");
  FakeApi model(Script({ToolTurn("mcp__github_inline_comment__create_inline_comment",
                                 JsonObject({{"path", kExampleFile}, {"line", 2},
                                             {"body", "Name it:\n```suggestion\nsecond\n```"}})),
                        ToolTurn("mcp__github_inline_comment__create_inline_comment",
                                 JsonObject({{"path", kExampleFile}, {"startLine", 1}, {"line", 3}, {"body", "This block."}})),
                        ToolTurn("mcp__github_inline_comment__create_inline_comment",
                                 JsonObject({{"path", kExampleFile}, {"line", 2}, {"side", "LEFT"}, {"body", "Why remove two?"}})),
                        TextTurn("Three findings, see the inline comments.")}));
  auto env = PrismEnv("pull_request", p, model);
  env["INPUT_PROMPT"] = "Review this pull request. Leave inline comments for problems.";
  env["INPUT_CLAUDE_ARGS"] = "--allowedTools mcp__github_inline_comment__create_inline_comment";
  auto seen = RunAndValidate(env);
  EXPECT_TRUE(seen.contains(Endpoint{"GET", "/repos/{o}/{r}/pulls/{n}/files"}));
  auto reviews = ExchangesOf("POST", "/repos/{o}/{r}/pulls/{n}/reviews");
  ASSERT_EQ(reviews.size(), 1u);
  auto review = Json::Parse(reviews[0].request_body);
  ASSERT_TRUE(review) << reviews[0].request_body;
  EXPECT_EQ((*review)["commit_id"].AsString(), kExampleSha);
  EXPECT_EQ((*review)["event"].AsString(), "COMMENT");
  ASSERT_EQ((*review)["comments"].size(), 3u) << reviews[0].request_body;
  EXPECT_EQ((*review)["comments"].at(1)["start_line"].AsInt(), 1);
  EXPECT_EQ((*review)["comments"].at(2)["side"].AsString(), "LEFT");
  // Automation mode: no tracking comment.
  EXPECT_FALSE(seen.contains(Endpoint{"POST", "/repos/{o}/{r}/issues/{n}/comments"}));
}

// The github_ci tools on a review-comment trigger: the runs of the PR's head, a run's jobs, and a
// job's log. Prism answers the log request with the description's 302 to GitHub's example
// storage URL, which is not reachable from a test: an unusable HTTPS proxy makes that second
// request fail at once, and the tool reports it to the model (the API request itself is what
// is validated here).
TEST_F(PrismFlow, CiToolsReadRunsJobsAndLogs) {
  Json p = PullPayload("pull_request_review_comment", "created");
  p = Patch(p, "comment", "body", "@claude why does CI fail?");
  p = Patch(p, "comment", "id", 426899381);
  FakeApi model(Script({ToolTurn("mcp__github_ci__get_ci_status", Json::MakeObject()),
                        ToolTurn("mcp__github_ci__get_workflow_run_details", JsonObject({{"run_id", 30433642}})),
                        ToolTurn("mcp__github_ci__download_job_log", JsonObject({{"job_id", 399444496}})),
                        TextTurn("The log could not be fetched.")}));
  auto env = PrismEnv("pull_request_review_comment", p, model);
  env["HTTPS_PROXY"] = "http://127.0.0.1:1";
  auto seen = RunAndValidate(env);
  for (const Endpoint& e : std::vector<Endpoint>{{"GET", "/repos/{o}/{r}/pulls/{n}"},
                                                 {"GET", "/repos/{o}/{r}/actions/runs"},
                                                 {"GET", "/repos/{o}/{r}/actions/runs/{id}/jobs"},
                                                 {"GET", "/repos/{o}/{r}/actions/jobs/{id}/logs"}}) {
    EXPECT_TRUE(seen.contains(e)) << e.first << " " << e.second;
  }
  auto runs = ExchangesOf("GET", "/repos/{o}/{r}/actions/runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_NE(runs[0].target.find("head_sha="), std::string::npos) << runs[0].target;
  EXPECT_EQ(ExchangesOf("GET", "/repos/{o}/{r}/actions/jobs/{id}/logs").at(0).status, 302);
  // The status summary the model got was built from Prism's example run.
  Json second = model.Requests().at(1)["body"]["messages"];
  EXPECT_NE(second.Dump().find("30433642"), std::string::npos);
}

// No github_token, and the job can mint OIDC tokens: the Claude app's token (from a local
// stand-in for the exchange) is used for every request and revoked with DELETE /installation/token.
TEST_F(PrismFlow, ClaudeAppTokenIsRevokedAtTheEnd) {
  AppTokenService app(kToken);  // the git remote takes this one token
  Json p = ExamplePayload("issue_comment", "created");
  p = Patch(p, "issue", "number", 1347);
  p = Patch(p, "comment", "body", "@claude what does this issue ask for?");
  FakeApi model(Script({TextTurn("It asks for a summary.")}));
  auto env = PrismEnv("issue_comment", p, model);
  env.erase("GITHUB_TOKEN");
  app.AddTo(env);
  auto seen = RunAndValidate(env);
  EXPECT_TRUE(seen.contains(Endpoint{"DELETE", "/installation/token"}));
  std::vector<PrismGithub::Exchange> all = prism_->exchanges();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back().method, "DELETE");  // the last request of the run
}

// use_commit_signing: the change goes through the git data API (blob, tree, commit), then a new
// branch is created for an issue, and a pull request's branch is moved.
TEST_F(PrismFlow, CommitSigningThroughTheGitDataApi) {
  std::string greet = (work() / "greet.py").string();
  Json issue = ExamplePayload("issue_comment", "created");
  issue = Patch(issue, "issue", "number", 1347);
  issue = Patch(issue, "comment", "body", "@claude please fix the typo in greet.py");
  FakeApi model(Script({ToolTurn("Read", JsonObject({{"file_path", greet}})),
                        ToolTurn("Edit", JsonObject({{"file_path", greet}, {"old_string", "Helo, "}, {"new_string", "Hello, "}})),
                        TextTurn("Fixed.")}));
  auto env = PrismEnv("issue_comment", issue, model);
  env["INPUT_USE_COMMIT_SIGNING"] = "true";
  auto seen = RunAndValidate(env);
  for (const Endpoint& e : std::vector<Endpoint>{{"POST", "/repos/{o}/{r}/git/blobs"},
                                                 {"POST", "/repos/{o}/{r}/git/trees"},
                                                 {"POST", "/repos/{o}/{r}/git/commits"},
                                                 {"POST", "/repos/{o}/{r}/git/refs"}}) {
    EXPECT_TRUE(seen.contains(e)) << e.first << " " << e.second;
  }
  auto blobs = ExchangesOf("POST", "/repos/{o}/{r}/git/blobs");
  ASSERT_EQ(blobs.size(), 1u);
  EXPECT_EQ(Json::Parse(blobs[0].request_body).value()["encoding"].AsString(), "base64");

  // A pull request's own branch: PATCH of its ref.
  prism_->ClearExchanges();
  std::filesystem::remove_all(work());
  Checkout(kExampleBase);  // a fresh checkout, as in a new job
  std::string file = (work() / kExampleFile).string();
  Json pull = PullPayload("pull_request_review_comment", "created");
  pull = Patch(pull, "comment", "body", "@claude add a fourth line to file1.txt");
  pull = Patch(pull, "comment", "id", 426899381);
  FakeApi second(Script({ToolTurn("Read", JsonObject({{"file_path", file}})),
                         ToolTurn("Edit", JsonObject({{"file_path", file}, {"old_string", "three\n"}, {"new_string", "three\nfour\n"}})),
                         TextTurn("Added.")}));
  auto pull_env = PrismEnv("pull_request_review_comment", pull, second);
  pull_env["INPUT_USE_COMMIT_SIGNING"] = "true";
  auto pull_seen = RunAndValidate(pull_env);
  EXPECT_TRUE(pull_seen.contains(Endpoint{"PATCH", "/repos/{o}/{r}/git/refs/{ref}"}));
  auto patches = ExchangesOf("PATCH", "/repos/{o}/{r}/git/refs/{ref}");
  ASSERT_EQ(patches.size(), 1u);
  EXPECT_TRUE(patches[0].target.ends_with("/git/refs/heads%2Fnew-topic")) << patches[0].target;
}

// use_sticky_comment on a pull request event: the runner lists the conversation's comments for
// its earlier tracking comment (GitHub's example has none from a bot), then posts a new one.
TEST_F(PrismFlow, StickyCommentOnAPullRequest) {
  Json p = PullPayload("pull_request", "opened");
  p = Patch(p, "pull_request", "body", "@claude please review this");
  FakeApi model(Script({TextTurn("Looks good.")}));
  auto env = PrismEnv("pull_request", p, model);
  env["INPUT_USE_STICKY_COMMENT"] = "true";
  auto seen = RunAndValidate(env);
  std::vector<PrismGithub::Exchange> all = prism_->exchanges();
  // The list for the sticky comment comes before the tracking comment is posted.
  size_t list = all.size(), post = all.size();
  for (size_t i = 0; i < all.size(); ++i) {
    std::string t = TemplateOf(all[i].method, all[i].target);
    if (all[i].method == "GET" && t == "/repos/{o}/{r}/issues/{n}/comments" && list == all.size()) list = i;
    if (all[i].method == "POST" && t == "/repos/{o}/{r}/issues/{n}/comments" && post == all.size()) post = i;
  }
  ASSERT_LT(post, all.size()) << "no tracking comment";
  EXPECT_LT(list, post) << "the sticky comment's list was not asked before posting";
  EXPECT_TRUE(seen.contains(Endpoint{"PATCH", "/repos/{o}/{r}/issues/comments/{id}"}));
}

// An allowed bot as the requester: no permission check, and its login (with `[bot]`) in the
// co-author lookup's path.
TEST_F(PrismFlow, AllowedBotRequester) {
  Json p = ExamplePayload("issue_comment", "created");
  p = WithSender(p, "renovate[bot]", "Bot");
  p = Patch(p, "issue", "number", 1347);
  p = Patch(p, "comment", "body", "@claude summarise this issue and this "
                                  "![chart](https://github.com/user-attachments/assets/5ac382c7-e004-429b-8e35-7feb3e8f9c6f)");
  FakeApi model(Script({TextTurn("A summary.")}));
  auto env = PrismEnv("issue_comment", p, model);
  env["INPUT_ALLOWED_BOTS"] = "renovate";
  auto seen = RunAndValidate(env);
  EXPECT_FALSE(seen.contains(Endpoint{"GET", "/repos/{o}/{r}/collaborators/{login}/permission"}));
  auto users = ExchangesOf("GET", "/users/{login}");
  ASSERT_EQ(users.size(), 1u);
  EXPECT_TRUE(seen.contains(Endpoint{"GET", "/repos/{o}/{r}/issues/comments/{id}"}));  // the image's rendering
}

}  // namespace
}  // namespace github_e2e
