#include "integrations/github/api.h"

#include <gtest/gtest.h>

#include "runner/base/files.h"
#include "runner/testing/http_test_server.h"

namespace integrations::github {
namespace {

using runner::base::Json;
using runner::testing::HttpTestRequest;
using runner::testing::HttpTestResponse;
using runner::testing::HttpTestServer;

ApiOptions Options(const HttpTestServer& server) {
  ApiOptions o;
  o.api_url = server.url();
  o.token = "ghs_test";
  o.backoff_ms = 10;
  return o;
}

TEST(GithubApi, SendsGithubHeadersAndTheToken) {
  auto server = HttpTestServer::Start([](const HttpTestRequest&, HttpTestResponse& res) {
    res.Send(201, {{"Content-Type", "application/json"}}, R"({"id":7,"body":"hi"})");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.CreateIssueComment("o/r", 12, "hi");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["id"].AsInt(), 7);
  auto reqs = (*server)->requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].path(), "/repos/o/r/issues/12/comments");
  EXPECT_EQ(reqs[0].header("authorization"), "Bearer ghs_test");
  EXPECT_EQ(reqs[0].header("accept"), "application/vnd.github+json, application/json");
  EXPECT_EQ(reqs[0].header("x-github-api-version"), "2022-11-28");
  EXPECT_EQ(Json::Parse(reqs[0].body).value(), runner::base::JsonObject({{"body", "hi"}}));
}

TEST(GithubApi, FollowsNextLinksAcrossPages) {
  HttpTestServer* self = nullptr;
  auto server = HttpTestServer::Start([&self](const HttpTestRequest& req, HttpTestResponse& res) {
    bool second = req.target.find("page=2") != std::string::npos;
    runner::base::Headers h = {{"Content-Type", "application/json"}};
    if (!second) h.push_back({"Link", "<" + self->url("/repos/o/r/issues/1/comments?per_page=100&page=2") + ">; rel=\"next\", <x>; rel=\"last\""});
    res.Send(200, h, second ? R"([{"id":3}])" : R"([{"id":1},{"id":2}])");
  });
  ASSERT_TRUE(server);
  self = server->get();
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.ListIssueComments("o/r", 1);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ(r->at(2)["id"].AsInt(), 3);
  EXPECT_EQ((*server)->requests()[0].target, "/repos/o/r/issues/1/comments?per_page=100");
}

TEST(GithubApi, DoesNotFollowLinksToAnotherHost) {
  auto server = HttpTestServer::Start([](const HttpTestRequest&, HttpTestResponse& res) {
    res.Send(200, {{"Link", "<http://evil.example/steal?page=2>; rel=\"next\""}}, R"([{"id":1}])");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.ListReviews("o/r", 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), 1u);
  EXPECT_EQ((*server)->requests().size(), 1u);
}

TEST(GithubApi, RetriesServerErrorsThenSucceeds) {
  std::atomic<int> calls{0};
  auto server = HttpTestServer::Start([&](const HttpTestRequest&, HttpTestResponse& res) {
    if (calls++ == 0) {
      res.Send(502, {}, "bad gateway");
    } else {
      res.Send(200, {}, R"({"permission":"write"})");
    }
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.CollaboratorPermission("o/r", "alice");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "write");
  EXPECT_EQ(calls.load(), 2);
}

TEST(GithubApi, APostThatFailedAfterBeingSentIsNotRepeated) {
  std::atomic<int> calls{0};
  auto server = HttpTestServer::Start([&](const HttpTestRequest&, HttpTestResponse& res) {
    ++calls;
    res.Send(502, {}, "bad gateway");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.CreateIssueComment("o/r", 1, "once");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 502);
  EXPECT_EQ(calls.load(), 1);  // the comment may exist already: no duplicate
}

TEST(GithubApi, ClientErrorsAreNotRetriedAndNameTheCall) {
  std::atomic<int> calls{0};
  auto server = HttpTestServer::Start([&](const HttpTestRequest&, HttpTestResponse& res) {
    ++calls;
    res.Send(422, {}, R"({"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"No commits between main and x"}]})");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  auto r = api.CreatePull("o/r", "t", "x", "main", "b", true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 422);
  EXPECT_NE(r.error().message.find("POST /repos/o/r/pulls answered 422: Validation Failed (No commits between main and x)"),
            std::string::npos) << r.error().message;
  EXPECT_EQ(calls.load(), 1);
}

TEST(GithubApi, ReviewCarriesItsInlineComments) {
  auto server = HttpTestServer::Start([](const HttpTestRequest&, HttpTestResponse& res) {
    res.Send(200, {}, R"({"id":80,"state":"COMMENTED"})");
  });
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  std::vector<DraftReviewComment> comments = {{"a.py", "one", 3, "RIGHT", 0, ""}, {"b.py", "two", 9, "LEFT", 7, ""}};
  auto r = api.CreateReview("o/r", 4, "abc123", "summary", comments);
  ASSERT_TRUE(r) << r.error().message;
  Json sent = Json::Parse((*server)->requests()[0].body).value();
  EXPECT_EQ(sent["event"].AsString(), "COMMENT");
  EXPECT_EQ(sent["commit_id"].AsString(), "abc123");
  ASSERT_EQ(sent["comments"].size(), 2u);
  EXPECT_FALSE(sent["comments"].at(0).Contains("start_line"));
  EXPECT_EQ(sent["comments"].at(1)["start_line"].AsInt(), 7);
  EXPECT_EQ(sent["comments"].at(1)["start_side"].AsString(), "LEFT");
}

TEST(NextPageUrl, PicksTheNextRelation) {
  EXPECT_EQ(NextPageUrl(R"(<https://a/x?page=3>; rel="next", <https://a/x?page=9>; rel="last")"), "https://a/x?page=3");
  EXPECT_EQ(NextPageUrl(R"(<https://a/x?page=1>; rel="prev")"), "");
  EXPECT_EQ(NextPageUrl(""), "");
}

TEST(GithubApi, JobLogsFollowTheRedirectWithoutTheTokenAndKeepTheEnd) {
  HttpTestServer* self = nullptr;
  std::string log;
  for (int i = 1; i <= 200; ++i) log += "line " + std::to_string(i) + "\n";
  auto server = HttpTestServer::Start([&](const HttpTestRequest& req, HttpTestResponse& res) {
    if (req.path() == "/repos/o/r/actions/jobs/9/logs") {
      return res.Send(302, {{"Location", self->url("/storage/9?sig=x")}}, "");
    }
    if (req.path() == "/repos/o/r/actions/jobs/10/logs") {
      return res.Send(302, {{"Location", "http://elsewhere.example/9"}}, "");
    }
    if (req.path() == "/storage/9") return res.Send(200, {{"Content-Type", "text/plain"}}, log);
    res.Send(404, {{"Content-Type", "application/json"}}, R"({"message":"Not Found"})");
  });
  ASSERT_TRUE(server);
  self = server->get();
  runner::base::CurlHttpClient http({});
  GithubApi api(http, Options(**server), nullptr);
  std::string path = ::testing::TempDir() + "job-9.log";

  auto whole = api.DownloadJobLog("o/r", 9, path, 1 << 20);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(*whole, static_cast<int64_t>(log.size()));
  auto reqs = (*server)->requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].header("authorization"), "Bearer ghs_test");
  EXPECT_FALSE(reqs[1].has_header("authorization")) << "the token went to the log storage";

  auto tail = api.DownloadJobLog("o/r", 9, path, 100);
  ASSERT_TRUE(tail) << tail.error().message;
  std::string text = runner::base::ReadFile(path).value();
  EXPECT_TRUE(text.starts_with("[the log's first ")) << text;
  EXPECT_TRUE(text.ends_with("line 200\n")) << text;
  EXPECT_NE(text.find("\nline 19"), std::string::npos) << text;  // whole lines from a line start
  EXPECT_EQ(text.find("line 1\n"), std::string::npos);

  auto elsewhere = api.DownloadJobLog("o/r", 10, path, 100);
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message.find("not https"), std::string::npos) << elsewhere.error().message;
  auto missing = api.DownloadJobLog("o/r", 11, path, 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
}

}  // namespace
}  // namespace integrations::github
