#include "runner/mcp/config.h"

#include <algorithm>
#include <iterator>

namespace runner::mcp {
namespace {

using base::ErrorKind;
using base::Fail;
using base::Json;

/// Where a value sits, for messages: `<source>: mcpServers.<name>.<field>`.
struct Where {
  const std::string& source;
  const std::string& server;
  std::string At(std::string_view field) const {
    return source + ": mcpServers." + server + (field.empty() ? "" : "." + std::string(field));
  }
};

base::Result<std::string> ExpandField(std::string_view text, const base::Env& env,
                                      const Where& where, std::string_view field) {
  auto expanded = ExpandVariables(text, env);
  if (!expanded) return Fail(ErrorKind::kConfig, where.At(field) + ": " + expanded.error().message);
  return *expanded;
}

base::Result<std::string> String(const Json& v, const base::Env& env, const Where& where,
                                 std::string_view field) {
  if (!v.is_string()) return Fail(ErrorKind::kConfig, where.At(field) + " must be a string");
  return ExpandField(v.AsString(), env, where, field);
}

base::Result<std::map<std::string, std::string>> StringMap(const Json& v, const base::Env& env,
                                                           const Where& where,
                                                           std::string_view field) {
  std::map<std::string, std::string> out;
  if (v.is_null()) return out;
  if (!v.is_object()) return Fail(ErrorKind::kConfig, where.At(field) + " must be an object");
  for (const auto& [key, value] : v.members()) {
    std::string at = std::string(field) + "." + key;
    out[key] = TRY(String(value, env, where, at));
  }
  return out;
}

base::Result<void> ParseStdio(const Json& s, const base::Env& env, const Where& where,
                              ServerConfig& out) {
  if (!s["command"].is_string() || s["command"].AsString().empty()) {
    return Fail(ErrorKind::kConfig, where.At("command") + " must be a non-empty string");
  }
  out.command = TRY(String(s["command"], env, where, "command"));
  if (!s["args"].is_null()) {
    if (!s["args"].is_array()) return Fail(ErrorKind::kConfig, where.At("args") + " must be an array of strings");
    for (size_t i = 0; i < s["args"].size(); ++i) {
      out.args.push_back(TRY(String(s["args"].at(i), env, where, "args[" + std::to_string(i) + "]")));
    }
  }
  out.env = TRY(StringMap(s["env"], env, where, "env"));
  return {};
}

base::Result<OAuthConfig> ParseOAuth(const Json& o, const base::Env& env, const Where& where);

base::Result<void> ParseRemote(const Json& s, const base::Env& env, const Where& where,
                               ServerConfig& out) {
  if (!s["url"].is_string() || s["url"].AsString().empty()) {
    return Fail(ErrorKind::kConfig, where.At("url") + " must be a non-empty string");
  }
  out.url = TRY(String(s["url"], env, where, "url"));
  out.headers = TRY(StringMap(s["headers"], env, where, "headers"));
  if (!s["headersHelper"].is_null()) {  // a shell command: the shell expands its variables
    if (!s["headersHelper"].is_string()) {
      return Fail(ErrorKind::kConfig, where.At("headersHelper") + " must be a string");
    }
    out.headers_helper = s["headersHelper"].AsString();
  }
  if (!s["oauth"].is_null()) {
    if (out.type != ServerType::kHttp) {
      return Fail(ErrorKind::kConfig, where.At("oauth") + " is only supported for \"type\": \"http\"");
    }
    out.oauth = TRY(ParseOAuth(s["oauth"], env, where));
  }
  return {};
}

base::Result<OAuthConfig> ParseOAuth(const Json& o, const base::Env& env, const Where& where) {
  if (!o.is_object()) return Fail(ErrorKind::kConfig, where.At("oauth") + " must be an object");
  static constexpr std::string_view kKnown[] = {"clientId",       "clientSecret", "privateKey",
                                                "privateKeyFile", "algorithm",    "scope"};
  for (const auto& [key, value] : o.members()) {
    (void)value;
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      return Fail(ErrorKind::kConfig, where.At("oauth." + key) +
                                          ": unknown field (use clientId, clientSecret, "
                                          "privateKey, privateKeyFile, algorithm, scope)");
    }
  }
  OAuthConfig out;
  auto field = [&](std::string_view name, std::string& into) -> base::Result<void> {
    if (o[name].is_null()) return {};
    into = TRY(String(o[name], env, where, "oauth." + std::string(name)));
    return {};
  };
  TRY_VOID(field("clientId", out.client_id));
  TRY_VOID(field("clientSecret", out.client_secret));
  TRY_VOID(field("privateKey", out.private_key));
  TRY_VOID(field("privateKeyFile", out.private_key_file));
  TRY_VOID(field("algorithm", out.algorithm));
  TRY_VOID(field("scope", out.scope));
  if (out.client_id.empty()) {
    return Fail(ErrorKind::kConfig, where.At("oauth.clientId") + " must be a non-empty string");
  }
  int credentials = !out.client_secret.empty() + !out.private_key.empty() +
                    !out.private_key_file.empty();
  if (credentials != 1) {
    return Fail(ErrorKind::kConfig,
                where.At("oauth") +
                    " needs exactly one of clientSecret, privateKey, privateKeyFile");
  }
  if (out.algorithm != "ES256" && out.algorithm != "ES384" && out.algorithm != "RS256") {
    return Fail(ErrorKind::kConfig, where.At("oauth.algorithm") + ": unsupported algorithm '" +
                                        out.algorithm + "' (use ES256, ES384 or RS256)");
  }
  return out;
}

base::Result<ServerType> TypeOf(const Json& s, const Where& where) {
  const Json& type = s["type"];
  if (type.is_null()) {
    if (s.Contains("command")) return ServerType::kStdio;
    return Fail(ErrorKind::kConfig, where.At("") + " needs a \"command\" (stdio), or \"type\": "
                                                    "\"http\" or \"sse\" with a \"url\"");
  }
  const std::string& t = type.AsString();
  if (t == "stdio") return ServerType::kStdio;
  if (t == "http") return ServerType::kHttp;
  if (t == "sse") return ServerType::kSse;
  return Fail(ErrorKind::kConfig, where.At("type") + ": unsupported server type '" +
                                      (type.is_string() ? t : type.Dump()) +
                                      "' (use stdio, http or sse)");
}

}  // namespace

base::Result<std::string> ExpandVariables(std::string_view text, const base::Env& env) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find("${", pos);
    size_t end = start == std::string_view::npos ? start : text.find('}', start + 2);
    if (start == std::string_view::npos || end == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, start - pos));
    std::string_view inner = text.substr(start + 2, end - start - 2);
    size_t sep = inner.find(":-");
    std::string_view name = inner.substr(0, sep);
    if (std::optional<std::string> value = env.Get(name)) {
      out += *value;
    } else if (sep != std::string_view::npos) {
      out.append(inner.substr(sep + 2));
    } else {
      return Fail(ErrorKind::kConfig, "${" + std::string(name) + "} is not set");
    }
    pos = end + 1;
  }
  return out;
}

base::Result<ServerConfig> ParseServer(const std::string& name, const Json& s,
                                       const std::string& source, const std::string& scope,
                                       const base::Env& env) {
  Where where{source, name};
  if (!s.is_object()) return Fail(ErrorKind::kConfig, where.At("") + " must be an object");
  ServerConfig out;
  out.name = name;
  out.scope = scope;
  out.type = TRY(TypeOf(s, where));
  if (!s["required"].is_null()) {
    if (!s["required"].is_bool()) {
      return Fail(ErrorKind::kConfig, where.At("required") + " must be true or false");
    }
    out.required = s["required"].AsBool();
  }
  switch (out.type) {
    case ServerType::kStdio:
      TRY_VOID(ParseStdio(s, env, where, out));
      break;
    case ServerType::kHttp:
    case ServerType::kSse:
      TRY_VOID(ParseRemote(s, env, where, out));
      break;
  }
  return out;
}

base::Result<std::vector<ServerConfig>> ParseServers(const Json& document, const std::string& source,
                                                     const std::string& scope, const base::Env& env) {
  if (!document.is_object() || !document["mcpServers"].is_object()) {
    return Fail(ErrorKind::kConfig,
                source + ": expected a JSON object with an \"mcpServers\" object");
  }
  std::vector<ServerConfig> out;
  for (const auto& [name, server] : document["mcpServers"].members()) {
    if (name.empty()) return Fail(ErrorKind::kConfig, source + ": a server name is empty");
    out.push_back(TRY(ParseServer(name, server, source, scope, env)));
  }
  return out;
}

std::string_view ServerTypeName(ServerType type) {
  switch (type) {
    case ServerType::kStdio: return "stdio";
    case ServerType::kHttp: return "http";
    case ServerType::kSse: return "sse";
  }
  return "stdio";
}

}  // namespace runner::mcp
