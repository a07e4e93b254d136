#pragma once
/// WebFetch: fetches one http(s) URL and answers `prompt` about it. The page is downloaded with
/// ToolContext::http (GET, 30 s, at most 10 MB, text types only), HTML is turned into
/// markdown-like text (html_to_markdown.h), and a separate request to ToolContext::small_model
/// reads up to 100,000 characters of it (from `offset`) with the prompt; that model's answer is
/// the tool result, so page text never enters the main conversation. Plain http is upgraded to
/// https except for loopback hosts. Redirects are followed within the same site (10 hops at
/// most); a redirect to another host is reported to the model instead, with the target to fetch.
/// Converted pages are cached for 15 minutes by URL (web_cache.h). Needs permission.

#include <cstddef>
#include <cstdint>

#include "runner/tools/tool.h"
#include "runner/tools/web_cache.h"

namespace runner::tools {

inline constexpr int64_t kWebFetchTimeoutMs = 30 * 1000;
inline constexpr size_t kWebFetchMaxBodyBytes = 10 * 1024 * 1024;
inline constexpr int kWebFetchMaxRedirects = 10;
inline constexpr size_t kWebFetchMaxUrlLength = 2000;
/// Characters (code points) of page text one call gives the small model.
inline constexpr size_t kWebFetchWindowChars = 100 * 1000;
inline constexpr int64_t kWebFetchMaxTokens = 4096;

class WebFetchTool : public Tool {
 public:
  /// `cache_options` lets tests shorten the time-to-live or inject a clock.
  explicit WebFetchTool(WebCacheOptions cache_options = {});

  std::string_view name() const override { return "WebFetch"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Errors for the model: invalid input or URL, offset past the end, an HTTP error status,
  /// a network failure, a non-text or oversized response, a failed side request, and a run
  /// without ctx.http, ctx.provider or ctx.small_model.
  ToolResult Run(const Json& input, ToolContext& ctx) override;

 private:
  WebCache cache_;
};

}  // namespace runner::tools
