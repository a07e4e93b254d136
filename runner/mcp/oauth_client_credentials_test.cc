#include "runner/mcp/oauth_client_credentials.h"

#include "runner/base/jwt.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "runner/base/strings.h"
#include "runner/mcp/http_transport.h"
#include "runner/mcp/mcp_test_support_for_test.h"

namespace runner::mcp {
namespace {

using base::Json;
using test::Body;
using test::Inbox;
using test::kJson;
using test::Request;
using test::Response;
using testing::HttpTestRequest;
using testing::HttpTestResponse;
namespace oi = oauth_internal;

TEST(McpOAuthPieces, EncodesAndParses) {
  EXPECT_EQ(base::Base64("conformance-test-client:s"), "Y29uZm9ybWFuY2UtdGVzdC1jbGllbnQ6cw==");
  EXPECT_EQ(base::Base64("ab"), "YWI=");
  EXPECT_EQ(base::Base64Url("\xfb\xff"), "-_8");
  EXPECT_EQ(base::PercentEncode("a b/c:d~"), "a%20b%2Fc%3Ad~");
  std::string h = R"(Bearer error="invalid_token", scope="a b", resource_metadata="http://x/.well-known/oauth-protected-resource/mcp")";
  EXPECT_EQ(oi::ChallengeParam(h, "resource_metadata"),
            "http://x/.well-known/oauth-protected-resource/mcp");
  EXPECT_EQ(oi::ChallengeParam(h, "scope"), "a b");
  EXPECT_EQ(oi::ChallengeParam("Bearer realm=x, scope=read", "scope"), "read");
  EXPECT_EQ(oi::ChallengeParam("Bearer realm=x", "scope"), "");
}

TEST(McpOAuthConfig, ParsesAndChecks) {
  base::Env env(std::map<std::string, std::string>{{"SECRET", "s3"}});
  auto doc = Json::Parse(R"({"mcpServers":{
    "a":{"type":"http","url":"https://a/mcp","oauth":{"clientId":"id","clientSecret":"${SECRET}","scope":"x y"}},
    "b":{"type":"http","url":"https://b/mcp","oauth":{"clientId":"id","privateKeyFile":"k.pem","algorithm":"RS256"}}}})");
  auto servers = ParseServers(*doc, "cfg", "cliArg", env);
  ASSERT_TRUE(servers) << servers.error().message;
  ASSERT_TRUE((*servers)[0].oauth);
  EXPECT_EQ((*servers)[0].oauth->client_secret, "s3");
  EXPECT_EQ((*servers)[0].oauth->scope, "x y");
  EXPECT_EQ((*servers)[1].oauth->private_key_file, "k.pem");
  EXPECT_EQ((*servers)[1].oauth->algorithm, "RS256");
  auto bad = [&](const char* oauth, const char* type = "http") {
    auto d = Json::Parse(std::string(R"({"mcpServers":{"s":{"type":")") + type +
                         R"(","url":"https://s","oauth":)" + oauth + "}}}");
    auto r = ParseServers(*d, "cfg", "cliArg", env);
    return r ? std::string("ok") : r.error().message;
  };
  EXPECT_EQ(bad(R"({"clientSecret":"x"})"), "cfg: mcpServers.s.oauth.clientId must be a non-empty string");
  EXPECT_EQ(bad(R"({"clientId":"i"})"),
            "cfg: mcpServers.s.oauth needs exactly one of clientSecret, privateKey, privateKeyFile");
  EXPECT_EQ(bad(R"({"clientId":"i","clientSecret":"s","privateKey":"k"})"),
            "cfg: mcpServers.s.oauth needs exactly one of clientSecret, privateKey, privateKeyFile");
  EXPECT_NE(bad(R"({"clientId":"i","privateKey":"k","algorithm":"HS256"})").find("unsupported algorithm"),
            std::string::npos);
  EXPECT_NE(bad(R"({"clientId":"i","clientSecret":"s","callbackPort":1})").find("unknown field"),
            std::string::npos);
  EXPECT_NE(bad(R"({"clientId":"i","clientSecret":"s"})", "sse").find("only supported"),
            std::string::npos);
}

/// A P-256 key pair: the private key as PKCS#8 PEM.
struct EcKey {
  EcKey() : key(EVP_EC_gen("P-256"), EVP_PKEY_free) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    pem.assign(data, static_cast<size_t>(n));
  }
  /// Verifies a compact ES256 JWT; its claims, or null.
  Json Verify(const std::string& jwt) const {
    auto parts = base::Split(jwt, '.');
    if (parts.size() != 3) return {};
    std::string input = parts[0] + "." + parts[1];
    std::string raw = Decode(parts[2]);
    if (raw.size() != 64) return {};
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    int der_len = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
              EVP_DigestVerify(ctx, der, static_cast<size_t>(der_len),
                               reinterpret_cast<const unsigned char*>(input.data()),
                               input.size()) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    if (!ok) return {};
    auto header = Json::Parse(Decode(parts[0]));
    if (!header || (*header)["alg"].AsString() != "ES256") return {};
    auto claims = Json::Parse(Decode(parts[1]));
    return claims ? *claims : Json();
  }
  static std::string Decode(std::string s) {
    for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (s.size() % 4) s += '=';
    std::string out(s.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(s.data()),
                            static_cast<int>(s.size()));
    if (n < 0) return "";
    size_t pad = s.ends_with("==") ? 2 : s.ends_with("=") ? 1 : 0;
    out.resize(static_cast<size_t>(n) - pad);
    return out;
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key;
  std::string pem;
};

std::map<std::string, std::string> Form(const std::string& body) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : base::Split(body, '&')) {
    size_t eq = pair.find('=');
    std::string value = pair.substr(eq + 1), decoded;
    for (size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size() + 0) {
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

/// One server playing the MCP resource (/mcp, protected) and its authorization server.
struct AuthFixture {
  explicit AuthFixture(OAuthConfig config) {
    server = test::Serve([this](const HttpTestRequest& r, HttpTestResponse& w) { Handle(r, w); });
    std::string url = server->url("/mcp");
    options.url = url;
    options.auth = std::make_shared<OAuthClientCredentials>(http, url, std::move(config));
    transport = std::make_unique<StreamableHttpTransport>(http, options);
    EXPECT_TRUE(transport->Start(inbox.Sink(), inbox.CloseSink()));
  }
  void Handle(const HttpTestRequest& r, HttpTestResponse& w) {
    std::string base = server->url("");
    if (r.path() == "/.well-known/oauth-protected-resource/mcp") {
      return w.Send(200, kJson,
                    base::JsonObject({{"resource", prm_resource.empty() ? server->url("/mcp")
                                                                          : prm_resource},
                                      {"authorization_servers", Json::MakeArray().Push(base)},
                                      {"scopes_supported",
                                       Json::MakeArray().Push("mcp:read").Push("mcp:write")}})
                        .Dump());
    }
    if (r.path() == "/.well-known/oauth-authorization-server") {
      return w.Send(200, kJson,
                    base::JsonObject({{"issuer", base},
                                      {"token_endpoint", base + "/token"},
                                      {"grant_types_supported",
                                       Json::MakeArray().Push("client_credentials")}})
                        .Dump());
    }
    if (r.path() == "/token") {
      auto form = Form(r.body);
      bool ok = form["grant_type"] == "client_credentials";
      if (!expected_basic.empty()) ok = ok && r.header("authorization") == expected_basic;
      if (key) {
        Json claims = key->Verify(form["client_assertion"]);
        ok = ok && claims["iss"].AsString() == "the-client" &&
             claims["sub"].AsString() == "the-client" && claims["aud"].AsString() == base &&
             form["client_assertion_type"] ==
                 "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
      }
      if (!ok) return w.Send(401, kJson, R"({"error":"invalid_client","error_description":"no"})");
      return w.Send(200, kJson, R"({"access_token":"tok-1","token_type":"Bearer","expires_in":60})");
    }
    if (r.method == "POST" && r.path() == "/mcp") {
      if (r.header("authorization") != "Bearer tok-1") {
        return w.Send(401,
                      {{"www-authenticate",
                        "Bearer error=\"invalid_token\", resource_metadata=\"" + base +
                            "/.well-known/oauth-protected-resource/mcp\""}},
                      R"({"error":"invalid_token"})");
      }
      Json m = Body(r);
      if (!m.Contains("id")) return w.Send(202, {}, "");
      return w.Send(200, kJson, Response(m["id"], Json::MakeObject()).Dump());
    }
    w.Send(404, {}, "");
  }
  std::vector<HttpTestRequest> Requests(const std::string& path) const {
    std::vector<HttpTestRequest> out;
    for (HttpTestRequest& r : server->requests()) {
      if (r.path() == path) out.push_back(std::move(r));
    }
    return out;
  }

  std::string expected_basic;
  std::string prm_resource;
  const EcKey* key = nullptr;
  base::CurlHttpClient http{{}};
  std::unique_ptr<testing::HttpTestServer> server;
  HttpTransportOptions options;
  Inbox inbox;
  std::unique_ptr<StreamableHttpTransport> transport;
};

TEST(McpOAuthClientCredentials, ClientSecretBasicThenBearer) {
  AuthFixture f(OAuthConfig{.client_id = "the client", .client_secret = "s:3"});
  f.expected_basic = "Basic " + base::Base64("the%20client:s%3A3");
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  auto got = f.inbox.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].Contains("result")) << got[0].Dump();
  auto token = f.Requests("/token");
  ASSERT_EQ(token.size(), 1u);
  auto form = Form(token[0].body);
  EXPECT_EQ(form["resource"], f.server->url("/mcp"));
  EXPECT_EQ(form["scope"], "mcp:read mcp:write");  // from scopes_supported
  EXPECT_EQ(form.count("client_secret"), 0u);
  // Later requests carry the token from the start.
  ASSERT_TRUE(f.transport->Send(Request(2, "tools/list")));
  ASSERT_EQ(f.inbox.WaitFor(2).size(), 2u);
  auto posts = f.Requests("/mcp");
  ASSERT_EQ(posts.size(), 3u);  // 401, retry, tools/list
  EXPECT_EQ(posts[2].header("authorization"), "Bearer tok-1");
  EXPECT_EQ(f.Requests("/token").size(), 1u);
}

TEST(McpOAuthClientCredentials, PrivateKeyJwt) {
  EcKey key;
  AuthFixture f(OAuthConfig{.client_id = "the-client", .private_key = key.pem, .scope = "s1"});
  f.key = &key;
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  auto got = f.inbox.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].Contains("result")) << got[0].Dump();
  auto token = f.Requests("/token");
  ASSERT_EQ(token.size(), 1u);
  EXPECT_EQ(Form(token[0].body)["scope"], "s1");
  EXPECT_EQ(token[0].header("authorization"), "");
}

TEST(McpOAuthClientCredentials, RefusedTokenFailsTheRequestWith401) {
  AuthFixture f(OAuthConfig{.client_id = "the-client", .client_secret = "wrong"});
  f.expected_basic = "Basic " + base::Base64("the-client:right");
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  auto got = f.inbox.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["error"]["data"]["status"].AsInt(), 401);
  EXPECT_NE(got[0]["error"]["message"].AsString().find("invalid_client: no"), std::string::npos)
      << got[0].Dump();
  EXPECT_EQ(f.Requests("/mcp").size(), 1u);
}

TEST(McpOAuthClientCredentials, RejectsMetadataForAnotherResource) {
  AuthFixture f(OAuthConfig{.client_id = "the-client", .client_secret = "s"});
  f.prm_resource = "https://evil.example.com/mcp";
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  auto got = f.inbox.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0]["error"]["message"].AsString().find("not this server"), std::string::npos)
      << got[0].Dump();
  EXPECT_TRUE(f.Requests("/token").empty());
}

TEST(McpOAuthClientCredentials, SignJwtChecksTheKey) {
  EXPECT_FALSE(base::SignJwt(Json::MakeObject(), "not a key", "ES256"));
  EcKey key;
  EXPECT_FALSE(base::SignJwt(Json::MakeObject(), key.pem, "RS256"));
  auto jwt = base::SignJwt(base::JsonObject({{"iss", "x"}}), key.pem, "ES256");
  ASSERT_TRUE(jwt);
  EXPECT_EQ(key.Verify(*jwt)["iss"].AsString(), "x");
}

}  // namespace
}  // namespace runner::mcp
