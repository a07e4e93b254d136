#include "runner/tools/structured_patch.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

TEST(StructuredPatch, IsEmptyForEqualText) {
  EXPECT_EQ(StructuredPatch("a\nb\n", "a\nb\n"), Json::MakeArray());
}

TEST(StructuredPatch, KeepsThreeContextLinesAroundOneChange) {
  Json patch = StructuredPatch("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n");
  EXPECT_EQ(patch, *Json::Parse(R"([{"oldStart":2,"oldLines":7,"newStart":2,"newLines":7,
      "lines":[" 2"," 3"," 4","-5","+FIVE"," 6"," 7"," 8"]}])"));
}

TEST(StructuredPatch, DescribesCreationFromEmpty) {
  EXPECT_EQ(StructuredPatch("", "x\ny\n"), *Json::Parse(R"([{"oldStart":0,"oldLines":0,
      "newStart":1,"newLines":2,"lines":["+x","+y"]}])"));
}

TEST(StructuredPatch, HandlesPureInsertionAndDeletion) {
  EXPECT_EQ(StructuredPatch("a\nc\n", "a\nb\nc\n"), *Json::Parse(R"([{"oldStart":1,"oldLines":2,
      "newStart":1,"newLines":3,"lines":[" a","+b"," c"]}])"));
  EXPECT_EQ(StructuredPatch("a\nb\n", "b\n"), *Json::Parse(R"([{"oldStart":1,"oldLines":2,
      "newStart":1,"newLines":1,"lines":["-a"," b"]}])"));
}

}  // namespace
}  // namespace runner::tools
