#include "runner/tools/exit_plan_mode_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

class ExitPlanModeToolTest : public ToolTest {
 protected:
  ExitPlanModeTool tool_;
};

TEST_F(ExitPlanModeToolTest, RecordsThePlanAndTellsTheModelToStop) {
  ToolResult r = tool_.Run(In(R"({"plan":"1. Add a flag\n2. Test it"})"), ctx_);
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured,
            base::JsonObject({{"plan", "1. Add a flag\n2. Test it"}, {"isAgent", false}}));
  EXPECT_EQ(tool_.last_plan(), "1. Add a flag\n2. Test it");
  const std::string& text = r.content.AsString();
  EXPECT_TRUE(text.starts_with("The plan is recorded.")) << text;
  EXPECT_NE(text.find("final answer"), std::string::npos) << text;
  EXPECT_NE(text.find("do not change any files"), std::string::npos) << text;
}

TEST_F(ExitPlanModeToolTest, WithoutAPlanReportsNullAndAsksForThePlanAsAnswer) {
  ToolResult r =
      tool_.Run(In(R"({"allowedPrompts":[{"tool":"Bash","prompt":"run tests"}]})"), ctx_);
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured, base::JsonObject({{"plan", nullptr}, {"isAgent", false}}));
  EXPECT_EQ(tool_.last_plan(), std::nullopt);
  EXPECT_TRUE(r.content.AsString().starts_with("No plan text came with this call."));
}

TEST_F(ExitPlanModeToolTest, AcceptsUnknownExtraKeys) {
  ToolResult r = tool_.Run(In(R"({"plan":"p","planFilePath":"/tmp/x.md","other":1})"), ctx_);
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured["plan"], Json("p"));
}

TEST_F(ExitPlanModeToolTest, RejectsMalformedKnownFields) {
  EXPECT_EQ(tool_.Run(In(R"({"plan":5})"), ctx_).content,
            ErrorContent("InputValidationError: ExitPlanMode failed due to the following issue:\n"
                         "The parameter `plan` must be a string"));
  EXPECT_TRUE(tool_.Run(In(R"({"allowedPrompts":[{"tool":"Edit","prompt":"x"}]})"), ctx_).is_error);
  EXPECT_TRUE(tool_.Run(In(R"({"allowedPrompts":"x"})"), ctx_).is_error);
  EXPECT_TRUE(tool_.Run(In("[]"), ctx_).is_error);
}

TEST_F(ExitPlanModeToolTest, SchemaMatchesExitPlanModeInput) {
  Json schema = tool_.input_schema();
  EXPECT_EQ(schema["additionalProperties"], Json(true));
  EXPECT_FALSE(schema.Contains("required"));
  EXPECT_EQ(schema["properties"]["allowedPrompts"]["items"]["required"],
            base::JsonArray({"tool", "prompt"}));
  EXPECT_TRUE(tool_.IsReadOnly(In("{}")));
}

}  // namespace
}  // namespace runner::tools
