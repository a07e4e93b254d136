#include "runner/base/json.h"

#include <gtest/gtest.h>

namespace runner::base {
namespace {

TEST(Json, ParsesAndDumpsKeepingMemberOrder) {
  auto j = Json::Parse(R"({"b":1,"a":[true,null,"x"],"c":{"d":1.5}})");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->Dump(), R"({"b":1,"a":[true,null,"x"],"c":{"d":1.5}})");
}

TEST(Json, KeepsInt64Exactly) {
  auto j = Json::Parse("9007199254740993");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->AsInt(), 9007199254740993LL);
  EXPECT_EQ(j->Dump(), "9007199254740993");
}

TEST(Json, PrintsDoublesShortestLikeJavaScript) {
  EXPECT_EQ(Json(0.10095599999999999).Dump(), "0.10095599999999999");
  EXPECT_EQ(Json(0.049924).Dump(), "0.049924");
}

TEST(Json, RejectsTrailingGarbageAndBadText) {
  EXPECT_FALSE(Json::Parse("{} x").has_value());
  EXPECT_FALSE(Json::Parse("{").has_value());
  EXPECT_EQ(Json::Parse("{").error().kind, ErrorKind::kParse);
}

TEST(Json, EscapesControlCharactersSoLinesStayWhole) {
  EXPECT_EQ(Json("a\nb\"c").Dump(), R"("a\nb\"c")");
}

TEST(Json, ObjectEqualityIgnoresOrder) {
  EXPECT_EQ(*Json::Parse(R"({"a":1,"b":2})"), *Json::Parse(R"({"b":2,"a":1.0})"));
  EXPECT_FALSE(*Json::Parse(R"({"a":1})") == *Json::Parse(R"({"a":2})"));
}

TEST(Json, MissingMembersReadAsNull) {
  Json j = JsonObject({{"a", 1}});
  EXPECT_TRUE(j["zzz"]["deeper"].is_null());
  EXPECT_EQ(j["a"].AsInt(), 1);
  j.Slot("b").Slot("c") = "x";
  EXPECT_EQ(j.Dump(), R"({"a":1,"b":{"c":"x"}})");
  j.Set("a", 2);
  EXPECT_EQ(j.Dump(), R"({"a":2,"b":{"c":"x"}})");
}

}  // namespace
}  // namespace runner::base
