#include "runner/mcp/jsonrpc_http.h"

#include "runner/base/strings.h"

namespace runner::mcp {

using base::Json;

base::Result<std::vector<Json>> ParseMessages(std::string_view text) {
  Json parsed = TRY(Json::Parse(text));
  std::vector<Json> out;
  if (parsed.is_array()) {
    for (Json& item : parsed.items()) out.push_back(std::move(item));
  } else {
    out.push_back(std::move(parsed));
  }
  for (const Json& m : out) {
    if (!m.is_object()) return base::Fail(base::ErrorKind::kParse, "not a JSON-RPC message object");
  }
  return out;
}

bool IsRequest(const Json& message) {
  return message["method"].is_string() && message.Contains("id");
}

bool IsResponse(const Json& message) {
  return !message.Contains("method") && message.Contains("id") &&
         (message.Contains("result") || message.Contains("error"));
}

std::string IdKey(const Json& message) {
  const Json* id = message.Find("id");
  return id && !id->is_null() ? id->Dump() : std::string();
}

std::string MediaType(std::string_view content_type) {
  return base::ToLower(base::Trim(content_type.substr(0, content_type.find(';'))));
}

std::string DescribeHttpFailure(int status, std::string_view body) {
  std::string text = "HTTP " + std::to_string(status);
  std::string detail;
  if (auto json = Json::Parse(body); json && json->is_object()) {
    const Json& error = (*json)["error"];
    detail = error.is_object() ? error["message"].AsString() : error.AsString();
    if (detail.empty()) detail = (*json)["message"].AsString();
  }
  if (detail.empty()) detail = base::Utf8Prefix(base::Trim(body), 300);
  return detail.empty() ? text : text + ": " + base::SanitizeUtf8(detail);
}

base::Headers MergeHeaders(base::Headers ours, const base::Headers& configured) {
  static constexpr std::string_view kProtocolHeaders[] = {
      "accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id"};
  size_t own = ours.size();
  for (const auto& [name, value] : configured) {
    bool reserved = false;
    for (size_t i = 0; i < own; ++i) reserved = reserved || base::IEquals(ours[i].first, name);
    for (std::string_view p : kProtocolHeaders) reserved = reserved || base::IEquals(p, name);
    if (!reserved) ours.emplace_back(name, value);
  }
  return ours;
}

std::string UrlOrigin(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  size_t path = url.find_first_of("/?#", scheme_end + 3);
  return base::ToLower(url.substr(0, path));
}

std::string ResolveUrl(std::string_view base_url, std::string_view reference) {
  if (reference.find("://") != std::string_view::npos &&
      reference.find("://") < reference.find_first_of("/?#")) {
    return std::string(reference);
  }
  std::string origin = UrlOrigin(base_url);
  if (reference.starts_with("//"))
    return origin.substr(0, origin.find("://") + 1) + std::string(reference);
  if (reference.starts_with("/")) return origin + std::string(reference);
  std::string_view path = base_url.substr(origin.size());
  path = path.substr(0, path.find_first_of("?#"));
  path = path.substr(0, path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  return origin + (path.empty() ? "/" : std::string(path)) + std::string(reference);
}

bool SeenEventIds::Insert(const std::string& id) {
  if (!ids_.insert(id).second) return false;
  order_.push_back(id);
  if (order_.size() > capacity_) {
    ids_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

}  // namespace runner::mcp
