#include "runner/tools/web_cache.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

CachedPage Page(std::string text) {
  return CachedPage{200, "OK", text.size(), "text/plain", std::move(text)};
}

class WebCacheTest : public ::testing::Test {
 protected:
  WebCache Make(size_t max_bytes = 1024) {
    return WebCache(
        WebCacheOptions{.ttl_ms = 1000, .max_bytes = max_bytes, .now_ms = [this] { return now_; }});
  }
  int64_t now_ = 5000;
};

TEST_F(WebCacheTest, ReturnsStoredPageByUrl) {
  WebCache cache = Make();
  cache.Put("https://a.test/", Page("alpha"));
  EXPECT_EQ(cache.Get("https://a.test/"), Page("alpha"));
  EXPECT_EQ(cache.Get("https://b.test/"), std::nullopt);
}

TEST_F(WebCacheTest, ExpiresEntriesAfterTheTimeToLive) {
  WebCache cache = Make();
  cache.Put("https://a.test/", Page("alpha"));
  now_ += 999;
  EXPECT_TRUE(cache.Get("https://a.test/").has_value());
  now_ += 1;
  EXPECT_EQ(cache.Get("https://a.test/"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(WebCacheTest, ReplacingAnEntryRestartsItsClock) {
  WebCache cache = Make();
  cache.Put("https://a.test/", Page("old"));
  now_ += 600;
  cache.Put("https://a.test/", Page("new"));
  now_ += 600;
  EXPECT_EQ(cache.Get("https://a.test/"), Page("new"));
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(WebCacheTest, DropsOldestEntriesBeyondTheSizeBound) {
  WebCache cache = Make(10);
  cache.Put("https://a.test/", Page("aaaa"));
  cache.Put("https://b.test/", Page("bbbb"));
  cache.Put("https://c.test/", Page("cccc"));
  EXPECT_EQ(cache.Get("https://a.test/"), std::nullopt);
  EXPECT_TRUE(cache.Get("https://b.test/").has_value());
  EXPECT_TRUE(cache.Get("https://c.test/").has_value());
}

TEST_F(WebCacheTest, DoesNotStoreAPageLargerThanTheBound) {
  WebCache cache = Make(3);
  cache.Put("https://a.test/", Page("abcd"));
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace runner::tools
