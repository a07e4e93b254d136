#include "runner/agent/structured_output.h"

#include <gtest/gtest.h>

namespace runner::agent {
namespace {

using base::Json;

Json Schema() {
  return *Json::Parse(R"({"type":"object","required":["name","count"],
    "properties":{"name":{"type":"string"},"count":{"type":"integer"},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "level":{"enum":["low","high"]}}})");
}

TEST(StructuredOutput, AcceptsAMatchingValue) {
  EXPECT_EQ(ValidateAgainstSchema(*Json::Parse(R"({"name":"x","count":2,"tags":["a"]})"), Schema()), "");
}

TEST(StructuredOutput, NamesTheFirstProblem) {
  EXPECT_EQ(ValidateAgainstSchema(*Json::Parse(R"({"name":"x"})"), Schema()),
            "$ is missing required property 'count'");
  EXPECT_EQ(ValidateAgainstSchema(*Json::Parse(R"({"name":"x","count":"2"})"), Schema()),
            "$.count must be of type integer");
  EXPECT_EQ(ValidateAgainstSchema(*Json::Parse(R"({"name":"x","count":1,"tags":[1]})"), Schema()),
            "$.tags[0] must be of type string");
  EXPECT_EQ(ValidateAgainstSchema(*Json::Parse(R"({"name":"x","count":1,"level":"mid"})"), Schema()),
            "$.level must be one of the enum values");
}

TEST(StructuredOutput, ToolKeepsTheValueOnlyWhenValid) {
  StructuredOutputTool tool(Schema());
  tools::ToolContext ctx;
  EXPECT_TRUE(tool.Run(*Json::Parse(R"({"name":"x"})"), ctx).is_error);
  EXPECT_FALSE(tool.value().has_value());
  EXPECT_FALSE(tool.Run(*Json::Parse(R"({"name":"x","count":3})"), ctx).is_error);
  EXPECT_EQ(tool.value()->Dump(), R"({"name":"x","count":3})");
}

}  // namespace
}  // namespace runner::agent
