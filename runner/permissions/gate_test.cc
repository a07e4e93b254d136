#include "runner/permissions/gate.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

using base::Json;

TEST(SplitToolList, SplitsCommasAndSpacesButNotInsideParentheses) {
  EXPECT_EQ(SplitToolList({"Bash(npm install),mcp__fs", "Read Edit", "Bash(git log:*, x)"}),
            (std::vector<std::string>{"Bash(npm install)", "mcp__fs", "Read", "Edit",
                                      "Bash(git log:*, x)"}));
}

TEST(Gate, DeniesUnlistedWriteInDefaultModeWithClaudeCodesMessage) {
  Gate gate(PermissionMode::kDefault, {}, {});
  Decision d = gate.Check("Write", ToolKind::kEdit, base::JsonObject({{"file_path", "/x/n.txt"}}));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.message,
            "Claude requested permissions to write to /x/n.txt, but you haven't granted it yet.");
}

TEST(Gate, AllowsReadOnlyToolsAndListedTools) {
  Gate gate(PermissionMode::kDefault, {"Bash", "mcp__srv"}, {});
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, Json()).allowed);
  EXPECT_TRUE(gate.Check("Bash", ToolKind::kOther, Json()).allowed);
  EXPECT_TRUE(gate.Check("mcp__srv__tool", ToolKind::kOther, Json()).allowed);
  EXPECT_FALSE(gate.Check("mcp__srvx__tool", ToolKind::kOther, Json()).allowed);
}

TEST(Gate, SpecifierRulesDoNotGrantTheWholeToolYet) {
  Gate gate(PermissionMode::kDefault, {"Bash(git diff:*)"}, {});
  EXPECT_FALSE(gate.Check("Bash", ToolKind::kOther, Json()).allowed);
}

TEST(Gate, AcceptEditsAllowsEditsButNotBash) {
  Gate gate(PermissionMode::kAcceptEdits, {}, {});
  EXPECT_TRUE(gate.Check("Edit", ToolKind::kEdit, Json()).allowed);
  EXPECT_FALSE(gate.Check("Bash", ToolKind::kOther, Json()).allowed);
}

TEST(Gate, DisallowedBeatsBypassAndPlainNamesAreRemoved) {
  Gate gate(PermissionMode::kBypassPermissions, {}, {"Bash", "Edit(*.env)"});
  EXPECT_TRUE(gate.IsRemoved("Bash"));
  EXPECT_FALSE(gate.IsRemoved("Edit"));
  EXPECT_FALSE(gate.Check("Edit", ToolKind::kEdit, Json()).allowed);
  EXPECT_TRUE(gate.Check("Write", ToolKind::kEdit, Json()).allowed);
}

TEST(Gate, PlanModeRunsOnlyReadOnlyToolsEvenWhenAllowed) {
  Gate gate(PermissionMode::kPlan, {"Edit", "Bash"}, {});
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, Json()).allowed);
  EXPECT_FALSE(gate.Check("Edit", ToolKind::kEdit, Json()).allowed);
  EXPECT_FALSE(gate.Check("Bash", ToolKind::kOther, Json()).allowed);
}

TEST(PermissionMode, ParsesKnownModesAndRejectsOthers) {
  EXPECT_EQ(ParsePermissionMode("acceptEdits").value(), PermissionMode::kAcceptEdits);
  EXPECT_FALSE(ParsePermissionMode("yolo").has_value());
}

}  // namespace
}  // namespace runner::permissions
