#include "runner/providers/google_auth.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <map>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/testing/http_test_server.h"
#include "runner/testing/scratch_tree.h"

namespace runner::providers {
namespace {

using base::Json;
using testing::HttpTestRequest;
using testing::HttpTestResponse;
using testing::HttpTestServer;

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : base::Split(body, '&')) {
    size_t eq = pair.find('=');
    std::string value = pair.substr(eq + 1), decoded;
    for (size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size()) {
        decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += value[i] == '+' ? ' ' : value[i];
      }
    }
    out[pair.substr(0, eq)] = decoded;
  }
  return out;
}

std::string DecodeB64Url(std::string s) {
  for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (s.size() % 4) s += '=';
  std::string out(s.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(s.data()),
                          static_cast<int>(s.size()));
  size_t pad = s.ends_with("==") ? 2 : s.ends_with("=") ? 1 : 0;
  out.resize(n < 0 ? 0 : static_cast<size_t>(n) - pad);
  return out;
}

/// Fakes for the whole Workload Identity Federation chain: a credential_source URL (as on a
/// GitHub runner), Google STS and IAM Credentials generateAccessToken.
struct WifFakes {
  WifFakes() {
    server = std::move(*HttpTestServer::Start([this](const HttpTestRequest& r,
                                                     HttpTestResponse& out) {
      if (r.path() == "/oidc") {
        out.Send(200, {{"content-type", "application/json"}},
                 R"({"count":1,"value":"the-oidc-jwt"})");
      } else if (r.path() == "/v1/token") {
        sts_calls++;
        out.Send(sts_status, {{"content-type", "application/json"}},
                 sts_status == 200
                     ? R"({"access_token":"federated-token","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer","expires_in":3600})"
                     : R"({"error":"invalid_grant","error_description":"The audience is wrong."})");
      } else if (r.path().ends_with(":generateAccessToken")) {
        out.Send(200, {{"content-type", "application/json"}},
                 R"({"accessToken":"impersonated-token","expireTime":")" + expire_time + R"("})");
      } else {
        out.Send(404, {}, "no");
      }
    }));
  }
  Json Config(bool impersonate = true) const {
    Json c = *Json::Parse(R"({
      "type": "external_account",
      "audience": "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/gh/providers/gh",
      "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
      "credential_source": {
        "headers": {"Authorization": "Bearer runner-request-token"},
        "format": {"type": "json", "subject_token_field_name": "value"}
      }
    })");
    c.Slot("token_url") = server->url("/v1/token");
    c.Slot("credential_source").Slot("url") =
        server->url("/oidc?audience=https://iam.googleapis.com/x");
    if (impersonate) {
      c.Slot("service_account_impersonation_url") = server->url(
          "/v1/projects/-/serviceAccounts/claude@p.iam.gserviceaccount.com:generateAccessToken");
    }
    return c;
  }
  std::vector<HttpTestRequest> Requests(std::string_view path_part) const {
    std::vector<HttpTestRequest> out;
    for (auto& r : server->requests()) {
      if (r.path().find(path_part) != std::string::npos) out.push_back(r);
    }
    return out;
  }

  std::atomic<int> sts_calls{0};
  int sts_status = 200;
  std::string expire_time = "2999-01-01T00:00:00Z";
  base::CurlHttpClient http{{}};
  std::unique_ptr<HttpTestServer> server;
};

TEST(GoogleAuth, ExternalAccountUrlSourceExchangesThenImpersonates) {
  WifFakes f;
  auto source = GoogleSourceFromCredentials(f.Config(), "creds.json", f.http);
  ASSERT_TRUE(source) << source.error().message;
  auto token = (*source)->Fetch();
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->access_token, "impersonated-token");
  EXPECT_GT(token->expires_at_ms, 0);

  auto oidc = f.Requests("/oidc");
  ASSERT_EQ(oidc.size(), 1u);
  EXPECT_EQ(oidc[0].method, "GET");
  EXPECT_EQ(oidc[0].header("authorization"), "Bearer runner-request-token");
  EXPECT_NE(oidc[0].target.find("audience="), std::string::npos);

  auto sts = f.Requests("/v1/token");
  ASSERT_EQ(sts.size(), 1u);
  EXPECT_EQ(sts[0].method, "POST");
  EXPECT_EQ(sts[0].header("content-type"), "application/x-www-form-urlencoded");
  auto form = ParseForm(sts[0].body);
  EXPECT_EQ(form["grant_type"], "urn:ietf:params:oauth:grant-type:token-exchange");
  EXPECT_EQ(form["audience"],
            "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/gh/providers/gh");
  EXPECT_EQ(form["scope"], "https://www.googleapis.com/auth/cloud-platform");
  EXPECT_EQ(form["requested_token_type"], "urn:ietf:params:oauth:token-type:access_token");
  EXPECT_EQ(form["subject_token"], "the-oidc-jwt");
  EXPECT_EQ(form["subject_token_type"], "urn:ietf:params:oauth:token-type:jwt");

  auto iam = f.Requests(":generateAccessToken");
  ASSERT_EQ(iam.size(), 1u);
  EXPECT_EQ(iam[0].method, "POST");
  EXPECT_EQ(iam[0].header("authorization"), "Bearer federated-token");
  auto body = Json::Parse(iam[0].body);
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, *Json::Parse(R"({"scope":["https://www.googleapis.com/auth/cloud-platform"]})"));
}

TEST(GoogleAuth, ExternalAccountFileSourceWithoutImpersonationUsesTheStsToken) {
  WifFakes f;
  testing::ScratchTree tree;
  tree.Write("token.txt", "  file-subject-token\n");
  Json config = f.Config(/*impersonate=*/false);
  config.Slot("credential_source") = base::JsonObject({{"file", (tree.root() / "token.txt").string()}});
  auto source = GoogleSourceFromCredentials(config, "creds.json", f.http);
  ASSERT_TRUE(source) << source.error().message;
  auto token = (*source)->Fetch();
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->access_token, "federated-token");
  auto sts = f.Requests("/v1/token");
  ASSERT_EQ(sts.size(), 1u);
  EXPECT_EQ(ParseForm(sts[0].body)["subject_token"], "file-subject-token");
  EXPECT_TRUE(f.Requests(":generateAccessToken").empty());
}

TEST(GoogleAuth, StsRefusalIsAnAuthErrorNamingTheStepAndReason) {
  WifFakes f;
  f.sts_status = 400;
  auto source = GoogleSourceFromCredentials(f.Config(), "creds.json", f.http);
  ASSERT_TRUE(source);
  auto token = (*source)->Fetch();
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().kind, base::ErrorKind::kAuth);
  EXPECT_NE(token.error().message.find("STS token exchange"), std::string::npos)
      << token.error().message;
  EXPECT_NE(token.error().message.find("400: The audience is wrong."), std::string::npos)
      << token.error().message;
}

TEST(GoogleAuth, CacheReusesTheTokenUntilShortlyBeforeExpiry) {
  WifFakes f;
  CachedGoogleToken cache(*GoogleSourceFromCredentials(f.Config(), "c", f.http));
  EXPECT_EQ(*cache.Get(false), "impersonated-token");
  EXPECT_EQ(*cache.Get(false), "impersonated-token");
  EXPECT_EQ(f.sts_calls.load(), 1);
  EXPECT_EQ(*cache.Get(/*refresh=*/true), "impersonated-token");  // after a 401
  EXPECT_EQ(f.sts_calls.load(), 2);

  // A token that expires within the margin is fetched again each time.
  WifFakes g;
  g.expire_time = "2000-01-01T00:00:00Z";
  CachedGoogleToken soon(*GoogleSourceFromCredentials(g.Config(), "c", g.http));
  ASSERT_TRUE(soon.Get(false));
  ASSERT_TRUE(soon.Get(false));
  EXPECT_EQ(g.sts_calls.load(), 2);
}

TEST(GoogleAuth, ServiceAccountSignsAnRs256JwtForTheTokenUri) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  ASSERT_TRUE(key);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  std::string pem(data, static_cast<size_t>(n));

  auto server = std::move(*HttpTestServer::Start([](const HttpTestRequest&, HttpTestResponse& out) {
    out.Send(200, {{"content-type", "application/json"}},
             R"({"access_token":"sa-token","expires_in":3599,"token_type":"Bearer"})");
  }));
  Json config = base::JsonObject({{"type", "service_account"},
                                  {"client_email", "claude@p.iam.gserviceaccount.com"},
                                  {"private_key", pem},
                                  {"token_uri", server->url("/token")}});
  base::CurlHttpClient http{{}};
  auto source = GoogleSourceFromCredentials(config, "key.json", http);
  ASSERT_TRUE(source) << source.error().message;
  auto token = (*source)->Fetch();
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->access_token, "sa-token");

  auto requests = server->requests();
  ASSERT_EQ(requests.size(), 1u);
  auto form = ParseForm(requests[0].body);
  EXPECT_EQ(form["grant_type"], "urn:ietf:params:oauth:grant-type:jwt-bearer");
  auto parts = base::Split(form["assertion"], '.');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ((*Json::Parse(DecodeB64Url(parts[0])))["alg"].AsString(), "RS256");
  Json claims = *Json::Parse(DecodeB64Url(parts[1]));
  EXPECT_EQ(claims["iss"].AsString(), "claude@p.iam.gserviceaccount.com");
  EXPECT_EQ(claims["aud"].AsString(), server->url("/token"));
  EXPECT_EQ(claims["scope"].AsString(), "https://www.googleapis.com/auth/cloud-platform");
  EXPECT_EQ(claims["exp"].AsInt() - claims["iat"].AsInt(), 3600);
  std::string input = parts[0] + "." + parts[1];
  std::string sig = DecodeB64Url(parts[2]);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  ASSERT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()), 1);
  EXPECT_EQ(EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()),
                             sig.size(), reinterpret_cast<const unsigned char*>(input.data()),
                             input.size()),
            1);
}

TEST(GoogleAuth, EnvironmentOrderAndUsageErrors) {
  base::CurlHttpClient http{{}};
  base::Env env(std::map<std::string, std::string>{{"HOME", "/nonexistent"},
                                                   {"CLOUDSDK_AUTH_ACCESS_TOKEN", "sdk-token"},
                                                   {"GOOGLE_APPLICATION_CREDENTIALS", "/nope"}});
  auto source = GoogleSourceFromEnv(env, http);
  ASSERT_TRUE(source);
  EXPECT_EQ((*source)->Fetch()->access_token, "sdk-token");
  env.Set("GOOGLE_OAUTH_ACCESS_TOKEN", "oauth-token");
  EXPECT_EQ((*GoogleSourceFromEnv(env, http))->Fetch()->access_token, "oauth-token");

  base::Env none(std::map<std::string, std::string>{{"HOME", "/nonexistent"}});
  auto missing = GoogleSourceFromEnv(none, http);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, base::ErrorKind::kUsage);
  EXPECT_NE(missing.error().message.find("GOOGLE_APPLICATION_CREDENTIALS"), std::string::npos);

  testing::ScratchTree tree;
  tree.Write("bad.json", R"({"type":"impersonated_service_account"})");
  none.Set("GOOGLE_APPLICATION_CREDENTIALS", (tree.root() / "bad.json").string());
  auto bad = GoogleSourceFromEnv(none, http);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, base::ErrorKind::kUsage);
  EXPECT_NE(bad.error().message.find("not supported"), std::string::npos);
}

}  // namespace
}  // namespace runner::providers
