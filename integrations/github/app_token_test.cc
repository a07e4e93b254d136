#include "integrations/github/app_token.h"

#include <gtest/gtest.h>

#include <atomic>

#include "runner/testing/http_test_server.h"

namespace integrations::github {
namespace {

using runner::base::Json;
using runner::testing::HttpTestRequest;
using runner::testing::HttpTestResponse;
using runner::testing::HttpTestServer;

TEST(AppTokenPermissions, DefaultsPlusTheAdditionalLines) {
  EXPECT_EQ(AppTokenPermissions("").value().Dump(), R"({"contents":"write","pull_requests":"write","issues":"write"})");
  EXPECT_EQ(AppTokenPermissions("actions: read\n  workflows: write\n\npull-requests: read").value().Dump(),
            R"({"contents":"write","pull_requests":"read","issues":"write","actions":"read","workflows":"write"})");
  auto bad = AppTokenPermissions("actions: admin");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, runner::base::ErrorKind::kUsage);
  EXPECT_NE(bad.error().message.find("actions: admin"), std::string::npos);
  EXPECT_FALSE(AppTokenPermissions("just-a-word"));
}

struct Service {
  std::atomic<int> oidc_failures{0};  // answer 503 this many times first
  std::string exchange_status = "200";
  std::atomic<int> exchange_failures{0};  // answer 502 this many times first
  std::unique_ptr<HttpTestServer> server;

  Service() {
    auto s = HttpTestServer::Start([this](const HttpTestRequest& r, HttpTestResponse& w) {
      if (r.path() == "/oidc") {
        if (oidc_failures > 0) {
          --oidc_failures;
          return w.Send(503, {}, "busy");
        }
        EXPECT_EQ(r.header("authorization"), "Bearer req-token");
        EXPECT_NE(r.target.find("&audience=claude-code-github-action"), std::string::npos) << r.target;
        return w.Send(200, {{"content-type", "application/json"}}, R"({"value":"the.jwt.value"})");
      }
      EXPECT_EQ(r.header("authorization"), "Bearer the.jwt.value");
      if (exchange_failures > 0) {
        --exchange_failures;
        return w.Send(502, {}, "bad gateway");
      }
      if (exchange_status == "401") {
        return w.Send(401, {{"content-type", "application/json"}},
                      R"({"error":{"message":"workflow validation failed"}})");
      }
      if (exchange_status == "app_token") return w.Send(200, {}, R"({"app_token":"ghs_from_app_token"})");
      w.Send(200, {}, R"({"token":"ghs_installation"})");
    });
    EXPECT_TRUE(s);
    server = std::move(*s);
  }
  AppTokenRequest Request() const {
    AppTokenRequest r;
    r.id_token_url = server->url("/oidc?api-version=2.0");
    r.id_token_bearer = "req-token";
    r.exchange_url = server->url("/exchange");
    r.backoff_ms = 5;
    return r;
  }
};

TEST(ExchangeForAppToken, GetsTheOidcTokenThenTheInstallationToken) {
  Service s;
  runner::base::CurlHttpClient http({});
  auto token = ExchangeForAppToken(http, s.Request(), nullptr);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(*token, "ghs_installation");
  auto reqs = s.server->requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1].method, "POST");
  EXPECT_TRUE(reqs[1].body.empty());  // permissions only when additional ones are asked for
  s.exchange_status = "app_token";
  AppTokenRequest more = s.Request();
  more.additional_permissions = "actions: read";
  EXPECT_EQ(ExchangeForAppToken(http, more, nullptr).value(), "ghs_from_app_token");
  EXPECT_EQ(Json::Parse(s.server->requests().back().body).value()["permissions"]["actions"].AsString(), "read");
}

TEST(ExchangeForAppToken, RetriesTheOidcServiceAndReportsTheExchangesRefusal) {
  Service s;
  s.oidc_failures = 2;
  s.exchange_status = "401";
  runner::base::CurlHttpClient http({});
  auto token = ExchangeForAppToken(http, s.Request(), nullptr);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().http_status, 401);
  EXPECT_NE(token.error().message.find("workflow validation failed"), std::string::npos) << token.error().message;
  EXPECT_EQ(s.server->requests().size(), 4u);  // two 503s, the token, the exchange

  s.exchange_status = "200";
  s.exchange_failures = 2;  // a busy exchange is asked again
  EXPECT_EQ(ExchangeForAppToken(http, s.Request(), nullptr).value(), "ghs_installation");

  AppTokenRequest plain = s.Request();
  plain.exchange_url = "http://exchange.example/api";
  auto refused = ExchangeForAppToken(http, plain, nullptr);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("must be https"), std::string::npos);

  s.oidc_failures = 5;
  auto down = ExchangeForAppToken(http, s.Request(), nullptr);
  ASSERT_FALSE(down);
  EXPECT_NE(down.error().message.find("OIDC token"), std::string::npos) << down.error().message;
}

}  // namespace
}  // namespace integrations::github
