#pragma once
/// MCP server configuration as Claude Code reads it: `--mcp-config` files or inline JSON,
/// the project's `.mcp.json` (with its approval settings), and user-level servers; `${VAR}` and
/// `${VAR:-default}` expansion in command, args, env, url and headers.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::mcp {

enum class ServerType { kStdio, kHttp, kSse };

/// `oauth` of an http server: machine-to-machine OAuth (the client_credentials grant, SEP-1046),
/// see docs/mcp-transports.md. Exactly one of client_secret, private_key, private_key_file.
struct OAuthConfig {
  std::string client_id;         ///< `clientId`
  std::string client_secret;     ///< `clientSecret`: client_secret_basic (or _post)
  std::string private_key;       ///< `privateKey`: PEM text, for private_key_jwt
  std::string private_key_file;  ///< `privateKeyFile`: a PEM file, for private_key_jwt
  std::string algorithm = "ES256";  ///< `algorithm` of the client assertion: ES256, ES384, RS256
  std::string scope;             ///< `scope`; empty = what the server asks for
};

struct ServerConfig {
  std::string name;
  ServerType type = ServerType::kStdio;
  // stdio
  std::string command;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;  ///< added to the runner's environment
  // http / sse
  std::string url;
  std::map<std::string, std::string> headers;
  std::string headers_helper;  ///< `headersHelper`: a command printing a JSON object of headers
  std::optional<OAuthConfig> oauth;  ///< `oauth` (http only)
  /// Where it was defined, for the init message and errors: "cliArg" (--mcp-config),
  /// "project" (.mcp.json), "user", "local".
  std::string scope;
  /// `"required": true` (our extension): the run stops before the first turn when this
  /// server does not connect, instead of going on without its tools.
  bool required = false;
};

/// Expands `${VAR}` and `${VAR:-default}` from `env` (an empty value counts as set, as in
/// Claude Code; `$VAR` without braces stays as written). Fails (kConfig) with
/// `${VAR} is not set` for a variable that is unset and has no default.
base::Result<std::string> ExpandVariables(std::string_view text, const base::Env& env);

/// Parses one server object (`type` stdio/http/sse; a missing type with a `command` is stdio).
/// Errors are one line: `<source>: mcpServers.<name>.<field>: …`.
base::Result<ServerConfig> ParseServer(const std::string& name, const base::Json& server,
                                       const std::string& source, const std::string& scope,
                                       const base::Env& env);

/// "stdio", "http" or "sse".
std::string_view ServerTypeName(ServerType type);

/// Parses one `{"mcpServers": {name: {...}}}` document (a --mcp-config value or a .mcp.json),
/// expanding variables from `env`. `source` names the file (or "inline JSON") in errors, which
/// are one line each, e.g. `.mcp.json: mcpServers.github.url: ${GITHUB_MCP_URL} is not set`.
base::Result<std::vector<ServerConfig>> ParseServers(const base::Json& document,
                                                     const std::string& source,
                                                     const std::string& scope,
                                                     const base::Env& env);

}  // namespace runner::mcp
