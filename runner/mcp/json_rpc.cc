#include "runner/mcp/json_rpc.h"

namespace runner::mcp::rpc {

using base::Json;

namespace {
Json Base() { return base::JsonObject({{"jsonrpc", "2.0"}}); }
}  // namespace

Json Request(int64_t id, std::string_view method, Json params) {
  Json m = Base();
  m.Set("id", id);
  m.Set("method", method);
  if (!params.is_null()) m.Set("params", std::move(params));
  return m;
}

Json Notification(std::string_view method, Json params) {
  Json m = Base();
  m.Set("method", method);
  if (!params.is_null()) m.Set("params", std::move(params));
  return m;
}

Json Response(const Json& id, Json result) {
  Json m = Base();
  m.Set("id", id);
  m.Set("result", std::move(result));
  return m;
}

Json ErrorResponse(const Json& id, int code, std::string_view message, Json data) {
  Json m = Base();
  m.Set("id", id);
  Json error = base::JsonObject({{"code", code}, {"message", message}});
  if (!data.is_null()) error.Set("data", std::move(data));
  m.Set("error", std::move(error));
  return m;
}

Kind Classify(const Json& m) {
  if (!m.is_object()) return Kind::kInvalid;
  const Json* id = m.Find("id");
  bool has_id = id && (id->is_string() || id->is_number());
  if (m["method"].is_string()) return has_id ? Kind::kRequest : Kind::kNotification;
  if (has_id && (m.Contains("result") || m.Contains("error"))) return Kind::kResponse;
  return Kind::kInvalid;
}

base::Result<Json> ResultOf(const Json& response) {
  if (const Json* error = response.Find("error")) {
    std::string message = (*error)["message"].StringOr("(no message)");
    base::Error e{base::ErrorKind::kApi,
                  "MCP error " + std::to_string((*error)["code"].AsInt()) + ": " + message};
    // A transport's made-up error (jsonrpc_http.h) carries the HTTP status that caused it.
    if ((*error)["data"]["status"].is_int()) e.http_status = (*error)["data"]["status"].AsInt();
    return base::Fail(std::move(e));
  }
  if (const Json* result = response.Find("result")) return *result;
  return base::Fail(base::ErrorKind::kParse, "malformed JSON-RPC response (no result or error)");
}

}  // namespace runner::mcp::rpc
