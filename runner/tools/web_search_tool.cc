#include "runner/tools/web_search_tool.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "runner/providers/provider.h"
#include "runner/tools/schema.h"

namespace runner::tools {
namespace {

bool IsStringList(const Json& value) {
  if (!value.is_array()) return false;
  for (const Json& item : value.items()) {
    if (!item.is_string()) return false;
  }
  return true;
}

/// The validation message beyond the flat schema check, or empty.
std::string CheckDomainsAndQuery(const Json& input) {
  if (base::Trim(input["query"].AsString()).size() < 2) {
    return "The parameter `query` must be at least 2 characters long";
  }
  for (std::string_view key : {"allowed_domains", "blocked_domains"}) {
    if (input.Contains(key) && !IsStringList(input[key])) {
      return fmt::format("The parameter `{}` must be an array of strings", key);
    }
  }
  if (!input["allowed_domains"].empty() && !input["blocked_domains"].empty()) {
    return "Give either allowed_domains or blocked_domains, not both";
  }
  return "";
}

/// The API's server-side search tool, with the caller's domain filter.
Json SearchToolSpec(const Json& input) {
  Json spec = base::JsonObject(
      {{"type", "web_search_20250305"}, {"name", "web_search"}, {"max_uses", kWebSearchMaxUses}});
  for (std::string_view key : {"allowed_domains", "blocked_domains"}) {
    if (!input[key].empty()) spec.Set(key, input[key]);
  }
  return spec;
}

providers::ModelRequest SearchRequest(const Json& input, const ToolContext& ctx) {
  providers::ModelRequest request;
  request.model = ctx.small_model;
  request.system = base::JsonArray({protocol::TextBlock(
      "You run web searches for another assistant. Search for the query you are given with "
      "the web_search tool, then summarise briefly and factually what the results say.")});
  request.messages.push_back(protocol::Message{
      "user", Json("Perform a web search for the query: " + input["query"].AsString())});
  request.tools = base::JsonArray({SearchToolSpec(input)});
  request.max_tokens = kWebSearchMaxTokens;
  return request;
}

/// Sends the search, continuing `pause_turn` replies; returns every content block in order.
base::Result<Json> RunSearch(providers::ModelRequest request, ToolContext& ctx,
                             int64_t& search_requests) {
  providers::StreamObserver quiet;
  base::CancelToken own_token;
  base::CancelToken& cancel = ctx.cancel ? *ctx.cancel : own_token;
  Json blocks = Json::MakeArray();
  for (int turn = 0; turn <= kWebSearchMaxContinuations; ++turn) {
    protocol::AssistantReply reply = TRY(ctx.provider->Send(request, quiet, cancel));
    search_requests += reply.usage.web_search_requests;
    for (const Json& block : reply.content.items()) blocks.Push(block);
    if (reply.stop_reason != "pause_turn") break;
    request.messages.push_back(protocol::Message{"assistant", reply.content});
  }
  return blocks;
}

/// WebSearchOutput `results`, the text for the model, and the number of searches run.
struct Collected {
  Json results = Json::MakeArray();
  std::string text;
  int64_t searches = 0;
  bool has_links = false;
};

void FlushText(std::string& pending, Collected& out) {
  std::string text(base::Trim(pending));
  pending.clear();
  if (text.empty()) return;
  out.results.Push(text);
  out.text += text + "\n\n";
}

void AddSearchResult(const Json& block, Collected& out) {
  const Json& content = block["content"];
  if (!content.is_array()) {
    std::string error = "Web search error: " + content["error_code"].StringOr("unknown");
    out.results.Push(error);
    out.text += error + "\n\n";
    return;
  }
  Json hits = Json::MakeArray();
  std::string links;
  for (const Json& hit : content.items()) {
    hits.Push(base::JsonObject({{"title", hit["title"]}, {"url", hit["url"]}}));
    links += fmt::format("- [{}]({})\n", hit["title"].AsString(), hit["url"].AsString());
  }
  out.has_links |= !hits.empty();
  out.results.Push(base::JsonObject({{"tool_use_id", block["tool_use_id"]}, {"content", hits}}));
  out.text += links.empty() ? "No links found.\n\n" : "Links:\n" + links + "\n";
}

Collected Collect(const Json& blocks) {
  Collected out;
  std::string pending;
  for (const Json& block : blocks.items()) {
    const std::string& type = block["type"].AsString();
    if (type == "text") {
      pending += block["text"].AsString();
    } else if (type == "server_tool_use") {
      out.searches += block["name"].AsString() == "web_search";
    } else if (type == "web_search_tool_result") {
      FlushText(pending, out);
      AddSearchResult(block, out);
    }
  }
  FlushText(pending, out);
  return out;
}

}  // namespace

std::string WebSearchTool::description() const {
  return "Search the web and get a short summary with links to the results. Use it for "
         "current information: recent releases, documentation you do not know, news, facts "
         "after your training data.\n"
         "- `allowed_domains` limits results to those sites; `blocked_domains` excludes sites. "
         "Give one or the other, not both.\n"
         "- Put the current year in queries about recent things.\n"
         "- When you use what you found, cite the sources as markdown links [title](url).\n"
         "- To read a result in full, fetch it with WebFetch.";
}

Json WebSearchTool::input_schema() const {
  static const Json kSchema = *Json::Parse(R"({
    "type": "object",
    "properties": {
      "query": {"type": "string", "minLength": 2, "description": "What to search for"},
      "allowed_domains": {"type": "array", "items": {"type": "string"},
                          "description": "Only return results from these domains"},
      "blocked_domains": {"type": "array", "items": {"type": "string"},
                          "description": "Never return results from these domains"}
    },
    "required": ["query"],
    "additionalProperties": false
  })");
  return kSchema;
}

ToolResult WebSearchTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  if (std::string error = CheckDomainsAndQuery(input); !error.empty()) {
    return ToolResult::Error(
        "InputValidationError: WebSearch failed due to the following "
        "issue:\n" +
        error);
  }
  if (ctx.provider == nullptr || ctx.small_model.empty()) {
    return ToolResult::Error("WebSearch is not available in this run: no model to search with");
  }
  int64_t start_ms = base::MonotonicMs();
  int64_t search_requests = 0;
  auto blocks = RunSearch(SearchRequest(input, ctx), ctx, search_requests);
  if (!blocks) return ToolResult::Error("Web search failed: " + blocks.error().message);
  Collected found = Collect(*blocks);
  const std::string& query = input["query"].AsString();
  std::string text = fmt::format("Web search results for \"{}\":\n\n", query);
  text += found.results.empty() ? "No results found.\n" : found.text;
  if (found.has_links) {
    text += "Cite the sources you use as markdown links [title](url) in your answer.";
  }
  ToolResult result;
  result.content = std::string(base::Trim(text));
  result.structured = base::JsonObject(
      {{"query", query},
       {"results", std::move(found.results)},
       {"durationSeconds", static_cast<double>(base::MonotonicMs() - start_ms) / 1000.0},
       {"searchCount", std::max(found.searches, search_requests)}});
  return result;
}

}  // namespace runner::tools
