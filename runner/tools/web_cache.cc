#include "runner/tools/web_cache.h"

#include <utility>

#include "runner/base/clock.h"

namespace runner::tools {

WebCache::WebCache(WebCacheOptions options) : options_(std::move(options)) {}

int64_t WebCache::Now() const { return options_.now_ms ? options_.now_ms() : base::MonotonicMs(); }

void WebCache::EraseLocked(std::list<Entry>::iterator it) {
  total_bytes_ -= it->page.text.size();
  entries_.erase(it);
}

std::optional<CachedPage> WebCache::Get(std::string_view url) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->url != url) continue;
    if (Now() - it->stored_ms >= options_.ttl_ms) {
      EraseLocked(it);
      return std::nullopt;
    }
    return it->page;
  }
  return std::nullopt;
}

void WebCache::Put(std::string_view url, CachedPage page) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->url == url) {
      EraseLocked(it);
      break;
    }
  }
  if (page.text.size() > options_.max_bytes) return;
  total_bytes_ += page.text.size();
  entries_.push_back(Entry{std::string(url), Now(), std::move(page)});
  while (total_bytes_ > options_.max_bytes) EraseLocked(entries_.begin());
}

size_t WebCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace runner::tools
