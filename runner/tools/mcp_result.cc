#include "runner/tools/mcp_result.h"

#include "runner/base/strings.h"
#include "runner/protocol/messages.h"

namespace runner::tools {
namespace {

using base::Json;

bool IsApiImageType(const std::string& mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/gif" || mime == "image/webp";
}

Json ImageBlock(const std::string& mime, const std::string& data) {
  return base::JsonObject(
      {{"type", "image"},
       {"source", base::JsonObject({{"type", "base64"}, {"media_type", mime}, {"data", data}})}});
}

/// Bytes of base64 data, roughly.
size_t DecodedSize(const std::string& base64) { return base64.size() / 4 * 3; }

void AddResource(const Json& resource, const std::string& server, Json& out) {
  std::string label = "[Resource from " + server + " at " + resource["uri"].StringOr("unknown") + "]";
  const std::string mime = resource["mimeType"].AsString();
  if (resource["text"].is_string()) {
    out.Push(protocol::TextBlock(label + "\n" + resource["text"].AsString()));
  } else if (resource["blob"].is_string() && IsApiImageType(mime)) {
    out.Push(protocol::TextBlock(label));
    out.Push(ImageBlock(mime, resource["blob"].AsString()));
  } else if (resource["blob"].is_string()) {
    out.Push(protocol::TextBlock(label + " binary content (" + (mime.empty() ? "unknown type" : mime) +
                                 ", " + std::to_string(DecodedSize(resource["blob"].AsString())) +
                                 " bytes) is not shown"));
  } else {
    out.Push(protocol::TextBlock(label));
  }
}

}  // namespace

Json ConvertContentItems(const Json& items, const std::string& server) {
  Json out = Json::MakeArray();
  for (const Json& item : items.items()) {
    const std::string& type = item["type"].AsString();
    const std::string mime = item["mimeType"].AsString();
    if (type == "text") {
      out.Push(protocol::TextBlock(item["text"].AsString()));
    } else if (type == "image" && IsApiImageType(mime)) {
      out.Push(ImageBlock(mime, item["data"].AsString()));
    } else if (type == "image" || type == "audio") {
      out.Push(protocol::TextBlock("[" + std::string(type == "image" ? "Image" : "Audio") + " from " +
                                   server + " (" + (mime.empty() ? "unknown type" : mime) + ", " +
                                   std::to_string(DecodedSize(item["data"].AsString())) +
                                   " bytes) is not shown]"));
    } else if (type == "resource") {
      AddResource(item["resource"], server, out);
    } else if (type == "resource_link") {
      std::string text = "[Resource link: " + item["name"].AsString() + "] " + item["uri"].AsString();
      if (!item["description"].AsString().empty()) text += " (" + item["description"].AsString() + ")";
      out.Push(protocol::TextBlock(text));
    }
  }
  return out;
}

McpContent ConvertCallResult(const Json& result, const std::string& server) {
  McpContent out;
  out.is_error = result["isError"].AsBool();
  out.blocks = ConvertContentItems(result["content"], server);
  // Servers also put structured content in `content` (the spec asks them to, for clients like
  // us); only when they did not is it sent, as JSON text.
  const Json& structured = result["structuredContent"];
  if (out.blocks.empty() && !structured.is_null()) out.blocks.Push(protocol::TextBlock(structured.Dump()));
  if (out.blocks.empty()) out.blocks.Push(protocol::TextBlock("(no content)"));
  return out;
}

int64_t EstimateTokens(const Json& blocks) {
  int64_t tokens = 0;
  for (const Json& b : blocks.items()) {
    if (b["type"].AsString() == "image") {
      tokens += kImageTokenEstimate;
    } else {
      tokens += static_cast<int64_t>(b["text"].AsString().size() + 3) / 4;
    }
  }
  return tokens;
}

bool TruncateToTokens(Json& blocks, int64_t max_tokens) {
  if (EstimateTokens(blocks) <= max_tokens) return false;
  int64_t budget_chars = max_tokens * 4;
  Json kept = Json::MakeArray();
  for (const Json& b : blocks.items()) {
    if (budget_chars <= 0) break;
    if (b["type"].AsString() == "image") {
      if (kImageTokenEstimate * 4 > budget_chars) continue;  // smaller blocks may still fit
      budget_chars -= kImageTokenEstimate * 4;
      kept.Push(b);
      continue;
    }
    const std::string& text = b["text"].AsString();
    if (static_cast<int64_t>(text.size()) <= budget_chars) {
      budget_chars -= static_cast<int64_t>(text.size());
      kept.Push(b);
    } else {
      kept.Push(protocol::TextBlock(base::Utf8Prefix(text, static_cast<size_t>(budget_chars))));
      budget_chars = 0;
    }
  }
  kept.Push(protocol::TextBlock(
      "[Output truncated: this result was longer than the MCP output limit of " +
      std::to_string(max_tokens) +
      " tokens (MAX_MCP_OUTPUT_TOKENS). If the server can page or filter its results, ask for "
      "a smaller part; otherwise treat this result as incomplete and say so.]"));
  blocks = std::move(kept);
  return true;
}

}  // namespace runner::tools
