#pragma once
/// WebFetch's page cache: converted page text by URL, kept for 15 minutes, bounded in size
/// (oldest entries go first). One cache lives inside the WebFetch tool for the whole run, so a
/// page fetched twice within the time-to-live is downloaded once. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace runner::tools {

/// What WebFetch keeps of one fetched page.
struct CachedPage {
  int code = 0;              ///< HTTP status of the final response
  std::string code_text;     ///< its reason phrase ("OK")
  size_t bytes = 0;          ///< size of the body as downloaded
  std::string content_type;  ///< the response's Content-Type
  std::string text;          ///< the page as markdown-like text (or the plain text)
  bool operator==(const CachedPage&) const = default;
};

struct WebCacheOptions {
  int64_t ttl_ms = 15 * 60 * 1000;
  size_t max_bytes = 50 * 1024 * 1024;  ///< bound on the sum of the entries' text sizes
  std::function<int64_t()> now_ms;      ///< monotonic clock; empty = base::MonotonicMs
};

class WebCache {
 public:
  explicit WebCache(WebCacheOptions options = {});

  /// The page stored for `url` if it is younger than the time-to-live.
  std::optional<CachedPage> Get(std::string_view url);
  /// Stores (or replaces) the page for `url`, then drops the oldest entries while the total
  /// exceeds max_bytes. A page larger than max_bytes on its own is not stored.
  void Put(std::string_view url, CachedPage page);
  size_t size() const;

 private:
  struct Entry {
    std::string url;
    int64_t stored_ms;
    CachedPage page;
  };
  int64_t Now() const;
  void EraseLocked(std::list<Entry>::iterator it);

  WebCacheOptions options_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  ///< oldest first
  size_t total_bytes_ = 0;
};

}  // namespace runner::tools
