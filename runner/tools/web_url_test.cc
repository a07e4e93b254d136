#include "runner/tools/web_url.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

std::string Resolve(std::string_view base, std::string_view reference) {
  auto b = ParseWebUrl(base);
  EXPECT_TRUE(b.has_value()) << base;
  auto r = ResolveWebUrl(*b, reference);
  return r ? r->ToString() : "<invalid>";
}

TEST(WebUrl, ParsesAllParts) {
  auto url = ParseWebUrl("HTTPS://user:pw@Example.COM:8443/a/b?x=1&y=2#top");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(*url, (WebUrl{.scheme = "https",
                          .userinfo = "user:pw",
                          .host = "example.com",
                          .port = "8443",
                          .path = "/a/b",
                          .query = "x=1&y=2",
                          .fragment = "top"}));
  EXPECT_EQ(url->ToString(), "https://user:pw@example.com:8443/a/b?x=1&y=2#top");
}

TEST(WebUrl, NormalisesDefaultPortAndEmptyPath) {
  EXPECT_EQ(ParseWebUrl("http://example.com:80")->ToString(), "http://example.com/");
  EXPECT_EQ(ParseWebUrl("https://example.com:443?q")->ToString(), "https://example.com/?q");
  EXPECT_EQ(ParseWebUrl("https://example.com/a/./b/../c")->path, "/a/c");
}

TEST(WebUrl, ParsesIpv6Literals) {
  auto url = ParseWebUrl("http://[::1]:8080/x");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_EQ(url->port, "8080");
}

TEST(WebUrl, RejectsInvalidText) {
  EXPECT_FALSE(ParseWebUrl("example.com/page"));
  EXPECT_FALSE(ParseWebUrl("/relative/path"));
  EXPECT_FALSE(ParseWebUrl("https://"));
  EXPECT_FALSE(ParseWebUrl("https://exa mple.com/"));
  EXPECT_FALSE(ParseWebUrl("https://example.com:99999/"));
  EXPECT_FALSE(ParseWebUrl("https://example.com:8x/"));
  EXPECT_FALSE(ParseWebUrl("mailto:someone@example.com"));
}

TEST(WebUrl, ResolvesReferencesLikeRfc3986) {
  const char* base = "http://a/b/c/d;p?q";
  EXPECT_EQ(Resolve(base, "g"), "http://a/b/c/g");
  EXPECT_EQ(Resolve(base, "./g"), "http://a/b/c/g");
  EXPECT_EQ(Resolve(base, "g/"), "http://a/b/c/g/");
  EXPECT_EQ(Resolve(base, "/g"), "http://a/g");
  EXPECT_EQ(Resolve(base, "//g"), "http://g/");
  EXPECT_EQ(Resolve(base, "?y"), "http://a/b/c/d;p?y");
  EXPECT_EQ(Resolve(base, "g?y"), "http://a/b/c/g?y");
  EXPECT_EQ(Resolve(base, "#s"), "http://a/b/c/d;p?q#s");
  EXPECT_EQ(Resolve(base, "g#s"), "http://a/b/c/g#s");
  EXPECT_EQ(Resolve(base, ""), "http://a/b/c/d;p?q");
  EXPECT_EQ(Resolve(base, "."), "http://a/b/c/");
  EXPECT_EQ(Resolve(base, ".."), "http://a/b/");
  EXPECT_EQ(Resolve(base, "../g"), "http://a/b/g");
  EXPECT_EQ(Resolve(base, "../../../g"), "http://a/g");
  EXPECT_EQ(Resolve(base, "https://other.org/x"), "https://other.org/x");
  EXPECT_EQ(Resolve(base, "bad link"), "<invalid>");
}

TEST(WebUrl, RecognisesLoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("app.localhost"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.example.com"));
  EXPECT_FALSE(IsLoopbackHost("example.com"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
}

TEST(WebUrl, FollowsOnlySameSiteRedirects) {
  auto from = *ParseWebUrl("https://example.com/a");
  EXPECT_TRUE(IsSameSiteRedirect(from, *ParseWebUrl("https://example.com/b")));
  EXPECT_TRUE(IsSameSiteRedirect(from, *ParseWebUrl("https://www.example.com/b")));
  EXPECT_TRUE(IsSameSiteRedirect(from, *ParseWebUrl("https://example.com:443/b")));
  EXPECT_FALSE(IsSameSiteRedirect(from, *ParseWebUrl("https://other.com/b")));
  EXPECT_FALSE(IsSameSiteRedirect(from, *ParseWebUrl("http://example.com/b")));
  EXPECT_FALSE(IsSameSiteRedirect(from, *ParseWebUrl("https://example.com:8443/b")));
  EXPECT_FALSE(IsSameSiteRedirect(from, *ParseWebUrl("https://u:p@example.com/b")));
  EXPECT_FALSE(IsSameSiteRedirect(from, *ParseWebUrl("https://docs.example.com/b")));
}

}  // namespace
}  // namespace runner::tools
