#pragma once
/// Signed JWTs (compact form) with OpenSSL: used for OAuth client assertions
/// (mcp/oauth_client_credentials) and Google service-account keys (providers/google_auth).

#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/base/strings.h"

namespace runner::base {

/// A signed JWT over `claims` with the PEM private key; `algorithm` ES256, ES384 or RS256.
/// kConfig when the key is not a PEM private key or does not fit the algorithm.
Result<std::string> SignJwt(const Json& claims, const std::string& pem,
                            const std::string& algorithm);

}  // namespace runner::base
