#include "runner/tools/schema.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

Json TestSchema() {
  return ObjectSchema({{"path", "string", "a path"},
                       {"count", "number", "a count"},
                       {"line", "integer", "a line"},
                       {"all", "boolean", "a flag"}},
                      {"path"});
}

TEST(ObjectSchema, BuildsDraft07StyleObject) {
  Json expected = *Json::Parse(R"({
    "type": "object",
    "properties": {
      "path": {"type": "string", "description": "a path"},
      "count": {"type": "number", "description": "a count"},
      "line": {"type": "integer", "description": "a line"},
      "all": {"type": "boolean", "description": "a flag"}
    },
    "required": ["path"],
    "additionalProperties": false
  })");
  EXPECT_EQ(TestSchema(), expected);
}

TEST(ValidateInput, AcceptsWellTypedInput) {
  auto input = Json::Parse(R"({"path":"/x","count":1.5,"line":3,"all":true})");
  EXPECT_EQ(ValidateInput("T", TestSchema(), *input), std::nullopt);
}

TEST(ValidateInput, ReportsMissingRequiredParameter) {
  EXPECT_EQ(ValidateInput("Read", TestSchema(), *Json::Parse("{}")),
            "InputValidationError: Read failed due to the following issue:\n"
            "The required parameter `path` is missing");
}

TEST(ValidateInput, ReportsWrongTypesAndUnexpectedParameters) {
  auto input = Json::Parse(R"({"path":1,"line":2.5,"extra":null})");
  EXPECT_EQ(ValidateInput("T", TestSchema(), *input),
            "InputValidationError: T failed due to the following issues:\n"
            "The parameter `path` type is expected as `string` but provided as `number`\n"
            "The parameter `line` type is expected as `integer` but provided as `number`\n"
            "An unexpected parameter `extra` was provided");
}

TEST(ValidateInput, RejectsNonObjectInput) {
  EXPECT_EQ(ValidateInput("T", TestSchema(), Json("x")),
            "InputValidationError: T failed due to the following issue:\n"
            "The input must be an object, not `string`");
}

}  // namespace
}  // namespace runner::tools
