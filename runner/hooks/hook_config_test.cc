#include "runner/hooks/hook_config.h"

#include <gtest/gtest.h>

namespace runner::hooks {
namespace {

using base::Json;

HookConfigParse ParseText(std::string_view text) {
  auto json = Json::Parse(text);
  EXPECT_TRUE(json.has_value()) << text;
  return ParseHookConfig(json.value_or(Json()));
}

TEST(HookConfig, ParsesEventsGroupsAndTimeouts) {
  HookConfigParse parsed = ParseText(R"({
    "PreToolUse": [
      {"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "fmt.sh", "timeout": 30}]},
      {"hooks": [{"type": "command", "command": "log.sh"}]}
    ],
    "Stop": [{"matcher": "", "hooks": [{"type": "command", "command": "stop.sh", "timeout": 0.5}]}]
  })");
  EXPECT_EQ(parsed.errors, std::vector<std::string>{});
  const HookConfig& config = parsed.config;
  ASSERT_EQ(config.GroupsFor(HookEvent::kPreToolUse).size(), 2u);
  EXPECT_EQ(config.GroupsFor(HookEvent::kPreToolUse)[0].matcher.text(), "Edit|Write");
  EXPECT_EQ(config.CommandsFor(HookEvent::kPreToolUse, "Write"),
            (std::vector<HookCommand>{{"fmt.sh", 30'000}, {"log.sh", kDefaultHookTimeoutMs}}));
  EXPECT_EQ(config.CommandsFor(HookEvent::kPreToolUse, "Bash"),
            (std::vector<HookCommand>{{"log.sh", kDefaultHookTimeoutMs}}));
  EXPECT_EQ(config.CommandsFor(HookEvent::kStop, ""), (std::vector<HookCommand>{{"stop.sh", 500}}));
  EXPECT_TRUE(config.CommandsFor(HookEvent::kPostToolUse, "Write").empty());
}

TEST(HookConfig, NullIsEmptyWithoutErrors) {
  HookConfigParse parsed = ParseHookConfig(Json());
  EXPECT_TRUE(parsed.config.empty());
  EXPECT_TRUE(parsed.errors.empty());
}

TEST(HookConfig, InvalidEntriesAreDroppedWithTheirPath) {
  HookConfigParse parsed = ParseText(R"({
    "PreToolUse": [
      {"matcher": ["Edit", "Write"], "hooks": [{"type": "command", "command": "a"}]},
      {"matcher": "Edit(", "hooks": [{"type": "command", "command": "b"}]},
      {"matcher": "Bash", "hooks": [
         {"type": "prompt", "prompt": "is this ok?"},
         {"type": "command"},
         {"type": "command", "command": "c", "timeout": -1},
         {"type": "command", "command": "d"}]},
      {"matcher": "Bash"},
      "Bash"
    ],
    "Stop": {"hooks": []},
    "BeforeLunch": [],
    "FileChanged": [{"matcher": ".env", "hooks": [{"type": "command", "command": "x"}]}]
  })");
  EXPECT_EQ(parsed.errors,
            (std::vector<std::string>{
                "hooks.PreToolUse[0].matcher: expected a string (write \"Edit|Write\" for several "
                "tools)",
                "hooks.PreToolUse[1].matcher: " + Matcher::Compile("Edit(").error().message,
                "hooks.PreToolUse[2].hooks[0].type: hook type \"prompt\" is not supported (only "
                "\"command\")",
                "hooks.PreToolUse[2].hooks[1].command: expected a non-empty string",
                "hooks.PreToolUse[2].hooks[2].timeout: expected a positive number of seconds",
                "hooks.PreToolUse[3].hooks: expected an array of hooks",
                "hooks.PreToolUse[4]: expected an object {\"matcher\": …, \"hooks\": […]}",
                "hooks.Stop: expected an array of matcher groups",
                "hooks.BeforeLunch: unknown hook event",
            }));
  EXPECT_EQ(parsed.unsupported_events, std::vector<std::string>{"FileChanged"});
  // What survived still runs.
  EXPECT_EQ(parsed.config.CommandsFor(HookEvent::kPreToolUse, "Bash"),
            (std::vector<HookCommand>{{"d", kDefaultHookTimeoutMs}}));
}

TEST(HookConfig, NonObjectIsOneError) {
  HookConfigParse parsed = ParseText(R"(["PreToolUse"])");
  EXPECT_EQ(parsed.errors, std::vector<std::string>{
                               "hooks: expected an object mapping event names to matcher groups"});
  EXPECT_TRUE(parsed.config.empty());
}

TEST(HookConfig, IdenticalCommandsRunOnceWithTheFirstTimeout) {
  HookConfigParse parsed = ParseText(R"({"PostToolUse": [
    {"matcher": "Write", "hooks": [{"type": "command", "command": "fmt", "timeout": 5},
                                   {"type": "command", "command": "fmt", "timeout": 9}]},
    {"matcher": "*", "hooks": [{"type": "command", "command": "fmt"},
                               {"type": "command", "command": "lint"}]}]})");
  EXPECT_EQ(parsed.config.CommandsFor(HookEvent::kPostToolUse, "Write"),
            (std::vector<HookCommand>{{"fmt", 5000}, {"lint", kDefaultHookTimeoutMs}}));
  EXPECT_EQ(
      parsed.config.CommandsFor(HookEvent::kPostToolUse, "Read"),
      (std::vector<HookCommand>{{"fmt", kDefaultHookTimeoutMs}, {"lint", kDefaultHookTimeoutMs}}));
}

TEST(HookConfig, EventsWithoutMatcherIgnoreIt) {
  HookConfigParse parsed = ParseText(R"({"UserPromptSubmit": [
    {"matcher": "Bash", "hooks": [{"type": "command", "command": "p"}]}]})");
  EXPECT_EQ(parsed.config.CommandsFor(HookEvent::kUserPromptSubmit, ""),
            (std::vector<HookCommand>{{"p", kDefaultHookTimeoutMs}}));
}

TEST(HookConfig, NonToolEventsMatchTheirOwnField) {
  HookConfigParse parsed = ParseText(R"({
    "SessionStart": [{"matcher": "startup|resume", "hooks": [{"type": "command", "command": "s"}]}],
    "PreCompact": [{"matcher": "manual", "hooks": [{"type": "command", "command": "m"}]}]})");
  EXPECT_EQ(parsed.config.CommandsFor(HookEvent::kSessionStart, "resume").size(), 1u);
  EXPECT_TRUE(parsed.config.CommandsFor(HookEvent::kSessionStart, "compact").empty());
  EXPECT_TRUE(parsed.config.CommandsFor(HookEvent::kPreCompact, "auto").empty());
}

TEST(HookConfig, MergedAppendsLaterLayers) {
  HookConfig user =
      ParseText(R"({"Stop": [{"hooks": [{"type": "command", "command": "u"}]}]})").config;
  HookConfig project = ParseText(R"({"Stop": [{"hooks": [{"type": "command", "command": "p"}]}],
                    "SessionEnd": [{"hooks": [{"type": "command", "command": "e"}]}]})")
                           .config;
  HookConfig merged = user.Merged(project);
  EXPECT_EQ(merged.CommandsFor(HookEvent::kStop, ""),
            (std::vector<HookCommand>{{"u", kDefaultHookTimeoutMs}, {"p", kDefaultHookTimeoutMs}}));
  EXPECT_EQ(merged.CommandsFor(HookEvent::kSessionEnd, "other").size(), 1u);
  EXPECT_EQ(user.CommandsFor(HookEvent::kStop, "").size(), 1u);  // inputs unchanged
}

TEST(HookEvent, NamesRoundTripAndKnowClaudeCodeOnlyEvents) {
  for (const HookEventInfo& info : AllHookEvents()) {
    EXPECT_EQ(ParseHookEventName(info.name), info.event);
    EXPECT_TRUE(IsKnownClaudeCodeEvent(info.name)) << info.name;
  }
  EXPECT_EQ(ParseHookEventName("FileChanged"), std::nullopt);
  EXPECT_TRUE(IsKnownClaudeCodeEvent("FileChanged"));
  EXPECT_FALSE(IsKnownClaudeCodeEvent("preToolUse"));
}

}  // namespace
}  // namespace runner::hooks
