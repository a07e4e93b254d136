#include "runner/base/strings.h"

#include <gtest/gtest.h>

namespace runner::base {
namespace {

TEST(Strings, PercentEncodesUtf8BytesAndKeepsUnreserved) {
  EXPECT_EQ(PercentEncode("é ➔"), "%C3%A9%20%E2%9E%94");
  EXPECT_EQ(PercentEncode("a/b", true), "a/b");
  EXPECT_EQ(PercentEncode("a/b"), "a%2Fb");
  EXPECT_EQ(PercentEncode("Az09-._~:@"), "Az09-._~%3A%40");
}

TEST(Strings, ParsesDurations) {
  EXPECT_EQ(ParseDurationMs("90"), 90000);
  EXPECT_EQ(ParseDurationMs("1500ms"), 1500);
  EXPECT_EQ(ParseDurationMs("5m"), 300000);
  EXPECT_EQ(ParseDurationMs("1h30m"), 5400000);
  EXPECT_EQ(ParseDurationMs("2.5s"), 2500);
  EXPECT_EQ(ParseDurationMs("abc"), std::nullopt);
  EXPECT_EQ(ParseDurationMs("5x"), std::nullopt);
}

TEST(Strings, TruncatesInTheMiddle) {
  std::string s = "head\n" + std::string(100, 'x') + "\ntail";
  std::string t = TruncateMiddle(s, 20);
  EXPECT_TRUE(t.starts_with("head\n"));
  EXPECT_TRUE(t.ends_with("tail"));
  EXPECT_NE(t.find("lines truncated"), std::string::npos);
  EXPECT_EQ(TruncateMiddle("short", 20), "short");
}

TEST(Strings, Utf8PrefixNeverSplitsACharacter) {
  EXPECT_EQ(Utf8Prefix("a\xC3\xA9", 2), "a");
  EXPECT_EQ(SanitizeUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Strings, ParsesIntegersStrictly) {
  EXPECT_EQ(ParseInt(" 42 "), 42);
  EXPECT_EQ(ParseInt("4x"), std::nullopt);
}

}  // namespace
}  // namespace runner::base
