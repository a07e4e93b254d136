#pragma once
/// Machine-to-machine OAuth for MCP HTTP servers: the client_credentials grant (OAuth 2.1
/// §4.2, MCP's SEP-1046 extension), configured per server as `"oauth": {…}` (config.h
/// OAuthConfig, docs/mcp-transports.md). No browser, no user, no stored tokens.
///
/// When the server answers 401, OnUnauthorized():
///  1. finds the protected resource metadata (RFC 9728): the `resource_metadata` URL of the
///     `WWW-Authenticate` header, else `/.well-known/oauth-protected-resource/<path>` and
///     `/.well-known/oauth-protected-resource` on the server's origin; its `resource` must
///     match the server URL; its first `authorization_servers` entry is the issuer (without
///     metadata the server's origin is, as in the 2025-03-26 protocol);
///  2. reads the authorization server metadata (RFC 8414, then OpenID Connect discovery);
///  3. POSTs `grant_type=client_credentials` with `resource` (RFC 8707) and `scope` (the
///     configured one, else the challenge's `scope`, else the metadata's `scopes_supported`)
///     to the token endpoint, authenticated with client_secret_basic (client_secret_post when
///     the server supports only that) or private_key_jwt (RFC 7523: a JWT signed with the
///     configured key, iss = sub = client id, aud = the issuer);
///  4. keeps the access token, which Authorization() then gives as `Bearer <token>`.

#include <memory>
#include <mutex>
#include <string>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/base/result.h"
#include "runner/mcp/config.h"

namespace runner::mcp {

/// What StreamableHttpTransport asks about credentials (HttpTransportOptions::auth).
class HttpAuthorizer {
 public:
  virtual ~HttpAuthorizer() = default;
  /// The `Authorization` header value for the next request; empty while there is none.
  virtual std::string Authorization() = 0;
  /// After a 401 to a request sent with Authorization `sent` (empty: none), with the answer's
  /// `WWW-Authenticate`: obtains a new credential, or returns at once when another request
  /// already replaced `sent`. Thread-safe. Errors say which step failed.
  virtual base::Result<void> OnUnauthorized(const std::string& sent,
                                            const std::string& www_authenticate,
                                            base::CancelToken* cancel) = 0;
};

class OAuthClientCredentials : public HttpAuthorizer {
 public:
  /// `http` is borrowed and must outlive this; `server_url` is the MCP endpoint.
  OAuthClientCredentials(base::HttpClient& http, std::string server_url, OAuthConfig config);
  std::string Authorization() override;
  base::Result<void> OnUnauthorized(const std::string& sent, const std::string& www_authenticate,
                                    base::CancelToken* cancel) override;

 private:
  base::Result<void> Flow(const std::string& www_authenticate, base::CancelToken* cancel);

  base::HttpClient& http_;
  std::string server_url_;
  OAuthConfig config_;
  std::mutex flow_mutex_;  // one flow at a time
  std::mutex mutex_;       // guards token_
  std::string token_;
};

/// The authorizer a server's configuration asks for: null without `oauth`.
std::shared_ptr<HttpAuthorizer> MakeHttpAuthorizer(const ServerConfig& config,
                                                   base::HttpClient& http);

/// Pieces, exposed for tests.
namespace oauth_internal {

/// A parameter of a `WWW-Authenticate` challenge (`resource_metadata`, `scope`); empty if absent.
std::string ChallengeParam(std::string_view header, std::string_view name);
}  // namespace oauth_internal

}  // namespace runner::mcp
