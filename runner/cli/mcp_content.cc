#include "runner/cli/mcp_content.h"

#include <string>
#include <string_view>

namespace runner::cli {
namespace {

using base::Json;
using base::JsonObject;

constexpr std::string_view kErrorOpen = "<tool_use_error>";
constexpr std::string_view kErrorClose = "</tool_use_error>";

Json TextBlock(std::string text) {
  return JsonObject({{"type", "text"}, {"text", std::move(text)}});
}

/// `<tool_use_error>msg</tool_use_error>` → `msg`; any other text unchanged.
std::string Unwrapped(const std::string& text) {
  if (text.starts_with(kErrorOpen) && text.ends_with(kErrorClose) &&
      text.size() >= kErrorOpen.size() + kErrorClose.size()) {
    return text.substr(kErrorOpen.size(), text.size() - kErrorOpen.size() - kErrorClose.size());
  }
  return text;
}

bool IsBase64Source(const Json& block) { return block["source"]["type"].AsString() == "base64"; }

/// One Messages API content block as an MCP content block.
Json McpBlock(const Json& block, const Json& arguments) {
  const std::string& type = block["type"].AsString();
  if (type == "text") return TextBlock(block["text"].AsString());
  if (type == "image" && IsBase64Source(block)) {
    return JsonObject({{"type", "image"},
                       {"data", block["source"]["data"]},
                       {"mimeType", block["source"]["media_type"]}});
  }
  if (type == "document" && IsBase64Source(block)) {
    std::string path = arguments["file_path"].AsString();
    std::string uri = path.empty() ? "file:///document.pdf" : "file://" + path;
    return JsonObject({{"type", "resource"},
                       {"resource", JsonObject({{"uri", uri},
                                                {"mimeType", block["source"]["media_type"]},
                                                {"blob", block["source"]["data"]}})}});
  }
  return TextBlock(block.Dump());
}

}  // namespace

Json McpToolDefinition(const tools::Tool& tool) {
  return JsonObject(
      {{"name", tool.name()},
       {"description", tool.description()},
       {"inputSchema", tool.input_schema()},
       {"annotations", JsonObject({{"readOnlyHint", tool.IsReadOnly(Json::MakeObject())}})}});
}

Json McpCallResult(const tools::ToolResult& result, const Json& arguments) {
  Json content = Json::MakeArray();
  if (result.content.is_array()) {
    for (const Json& block : result.content.items()) content.Push(McpBlock(block, arguments));
  } else if (result.content.is_string()) {
    const std::string& text = result.content.AsString();
    content.Push(TextBlock(result.is_error ? Unwrapped(text) : text));
  } else if (!result.content.is_null()) {
    content.Push(TextBlock(result.content.Dump()));
  }
  Json out = JsonObject({{"content", std::move(content)}});
  if (result.is_error) out.Set("isError", true);
  return out;
}

}  // namespace runner::cli
