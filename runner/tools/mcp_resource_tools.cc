#include "runner/tools/mcp_resource_tools.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/protocol/messages.h"
#include "runner/tools/mcp_result.h"

namespace runner::tools {
namespace {

using base::JsonObject;

/// The connected server named `name`, or an error naming the connected ones.
base::Result<const mcp::Server*> FindServer(const mcp::Servers& servers, const std::string& name) {
  if (const mcp::Server* s = servers.Find(name)) return s;
  std::vector<std::string> names;
  for (const auto& s : servers.all()) {
    if (s->status == mcp::ServerStatus::kConnected) names.push_back(s->config.name);
  }
  return base::Fail(base::ErrorKind::kUsage, "Server \"" + name + "\" not found. Available servers: " +
                                                 (names.empty() ? "none" : base::Join(names, ", ")));
}

Json StringProperty(const char* description) {
  return JsonObject({{"type", "string"}, {"description", description}});
}

}  // namespace

std::string ListMcpResourcesTool::description() const {
  return "Lists the resources (documents, records, files) that the connected MCP servers offer, "
         "with their URIs. Give `server` to list one server's resources only. Read a resource "
         "with ReadMcpResourceTool.";
}

Json ListMcpResourcesTool::input_schema() const {
  return JsonObject({{"type", "object"},
                     {"properties", JsonObject({{"server", StringProperty(
                                                    "Optional server name to filter resources by")}})},
                     {"additionalProperties", false}});
}

ToolResult ListMcpResourcesTool::Run(const Json& input, ToolContext& ctx) {
  if (!input["server"].is_null() && !input["server"].is_string()) {
    return ToolResult::Error("server must be a string");
  }
  std::vector<const mcp::Server*> targets;
  if (input["server"].is_string()) {
    auto s = FindServer(servers_, input["server"].AsString());
    if (!s) return ToolResult::Error(s.error().message);
    targets.push_back(*s);
  } else {
    for (const auto& s : servers_.all()) {
      if (s->status == mcp::ServerStatus::kConnected && s->has_resources()) targets.push_back(s.get());
    }
  }
  Json list = Json::MakeArray();
  for (const mcp::Server* s : targets) {
    if (!s->has_resources()) continue;
    auto resources = s->client->ListResources(limits_.timeout_ms, ctx.cancel);
    if (!resources) {  // one server's failure does not hide the others' resources
      base::log::Warn("MCP server {}: resources/list failed: {}", s->config.name, resources.error().message);
      continue;
    }
    for (const mcp::ResourceInfo& r : *resources) {
      Json item = JsonObject({{"uri", r.uri}, {"name", r.name}});
      if (!r.mime_type.empty()) item.Set("mimeType", r.mime_type);
      if (!r.description.empty()) item.Set("description", r.description);
      item.Set("server", s->config.name);
      list.Push(std::move(item));
    }
  }
  ToolResult out;
  out.content = list.empty() ? Json("No resources found. The MCP servers may still offer tools.")
                             : Json(list.Dump());
  out.structured = list;
  return out;
}

ReadMcpResourceTool::~ReadMcpResourceTool() {
  if (saved_ == 0) return;
  std::error_code ec;
  std::filesystem::remove_all(blob_dir_, ec);
}

std::string ReadMcpResourceTool::description() const {
  return "Reads one resource of an MCP server by its URI (see ListMcpResourcesTool). Text comes "
         "back as text; binary content is saved to a file whose path is returned.";
}

Json ReadMcpResourceTool::input_schema() const {
  return JsonObject({{"type", "object"},
                     {"properties", JsonObject({{"server", StringProperty("The MCP server name")},
                                                {"uri", StringProperty("The resource URI to read")}})},
                     {"required", base::JsonArray({"server", "uri"})},
                     {"additionalProperties", false}});
}

std::filesystem::path ReadMcpResourceTool::SaveBlob(const std::string& base64, const std::string& uri) {
  auto bytes = base::Base64Decode(base64);
  if (!bytes) return {};
  std::error_code ec;
  std::filesystem::create_directories(blob_dir_, ec);
  std::string tail = uri.substr(uri.find_last_of('/') == std::string::npos ? 0 : uri.find_last_of('/') + 1);
  std::replace_if(tail.begin(), tail.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_'; }, '_');
  std::filesystem::path path = blob_dir_ / (std::to_string(++saved_) + "-" + (tail.empty() ? "resource" : tail.substr(0, 80)));
  if (!base::WriteFileAtomic(path, *bytes)) return {};
  return path;
}

ToolResult ReadMcpResourceTool::Run(const Json& input, ToolContext& ctx) {
  if (!input["server"].is_string() || !input["uri"].is_string()) {
    return ToolResult::Error("server and uri are required strings");
  }
  auto found = FindServer(servers_, input["server"].AsString());
  if (!found) return ToolResult::Error(found.error().message);
  const mcp::Server* s = *found;
  if (!s->has_resources()) return ToolResult::Error("Server \"" + s->config.name + "\" does not offer resources");
  auto contents = s->client->ReadResource(input["uri"].AsString(), limits_.timeout_ms, ctx.cancel);
  if (!contents) return ToolResult::Error("Error reading " + input["uri"].AsString() + ": " + contents.error().message);
  Json out_contents = Json::MakeArray();
  for (const Json& c : contents->items()) {
    Json item = JsonObject({{"uri", c["uri"].StringOr(input["uri"].AsString())}});
    if (c["mimeType"].is_string()) item.Set("mimeType", c["mimeType"]);
    if (c["text"].is_string()) {
      item.Set("text", c["text"]);
    } else if (c["blob"].is_string()) {
      std::filesystem::path saved = SaveBlob(c["blob"].AsString(), item["uri"].AsString());
      if (saved.empty()) {
        item.Set("text", "(binary content that could not be saved)");
      } else {
        item.Set("blobSavedTo", saved.string());
      }
    }
    out_contents.Push(std::move(item));
  }
  Json output = JsonObject({{"contents", std::move(out_contents)}});
  Json blocks = base::JsonArray({protocol::TextBlock(output.Dump())});
  TruncateToTokens(blocks, limits_.max_output_tokens);
  ToolResult out;
  out.content = std::move(blocks);
  out.structured = std::move(output);
  return out;
}

}  // namespace runner::tools
