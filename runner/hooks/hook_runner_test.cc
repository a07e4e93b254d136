#include "runner/hooks/hook_runner.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runner/base/clock.h"

namespace runner::hooks {
namespace {

namespace fs = std::filesystem;
using base::Json;

Json J(std::string_view text) {
  auto json = Json::Parse(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json.value_or(Json());
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Real hooks (`bash -c`) in a fresh temp dir, which is both cwd and CLAUDE_PROJECT_DIR.
class HookRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "hooks-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    env_.project_dir = dir_;
    env_.cwd = dir_.string();
    env_.env = {{"PATH", "/usr/bin:/bin"}, {"HOOK_TEST", "1"}};
    env_.session_id = "s-1";
    env_.transcript_path = (dir_ / "s-1.jsonl").string();
    env_.permission_mode = "default";
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// One matcher group for `event` holding `hooks`.
  static HookConfig Config(HookEvent event, std::string_view matcher,
                           std::vector<HookCommand> hooks) {
    HookConfig::Groups groups;
    groups[static_cast<size_t>(event)].push_back(
        {Matcher::Compile(matcher).value(), std::move(hooks)});
    return HookConfig(std::move(groups));
  }

  HookRunner Runner(HookConfig config) {
    return HookRunner(std::move(config), processes_, env_,
                      [this](const HookReport& r) { reports_.push_back(r); });
  }

  HookResult RunPreToolUse(HookRunner& runner, Json input = J(R"({"command":"ls"})")) {
    return runner.Run(PreToolUseInput{"Bash", std::move(input), "toolu_1"}, nullptr);
  }

  fs::path dir_;
  HookEnv env_;
  exec::PosixProcessRunner processes_;
  std::vector<HookReport> reports_;
};

TEST_F(HookRunnerTest, ExitZeroJsonAllowsWithUpdatedInput) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "Bash", {{R"(cat >/dev/null; echo '{
      "hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "allow",
      "permissionDecisionReason": "read-only", "updatedInput": {"command": "ls -la"},
      "additionalContext": "listing"}}')"}}));
  HookResult want;
  want.hooks_run = 1;
  want.decision = PermissionDecision::kAllow;
  want.decision_reason = "read-only";
  want.updated_input = J(R"({"command":"ls -la"})");
  want.additional_context = {"listing"};
  EXPECT_EQ(RunPreToolUse(runner), want);
}

TEST_F(HookRunnerTest, SubagentCallerNamesItselfInTheCommonFields) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "", {{"cat > input.json"}}));
  runner.Run(PreToolUseInput{"Bash", J(R"({"command":"ls"})"), "toolu_1"}, nullptr,
             HookCaller{"agent_1a2b", "Explore"});
  Json input = J(Slurp(dir_ / "input.json"));
  EXPECT_EQ(input["agent_id"].AsString(), "agent_1a2b");
  EXPECT_EQ(input["agent_type"].AsString(), "Explore");
  // The main agent's calls carry neither.
  runner.Run(PreToolUseInput{"Bash", J(R"({"command":"ls"})"), "toolu_2"}, nullptr);
  input = J(Slurp(dir_ / "input.json"));
  EXPECT_FALSE(input.Contains("agent_id"));
  EXPECT_FALSE(input.Contains("agent_type"));
  EXPECT_EQ(runner.transcript_path(), env_.transcript_path);
}

TEST_F(HookRunnerTest, ExitTwoBlocksWithStderrInClaudeCodeWording) {
  const std::string command = "echo 'blocked by policy hook' >&2; exit 2";
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "", {{command}}));
  HookResult want;
  want.hooks_run = 1;
  want.blocked = true;
  want.decision = PermissionDecision::kDeny;
  want.reason = "PreToolUse:Bash hook error: [" + command + "]: blocked by policy hook\n";
  EXPECT_EQ(RunPreToolUse(runner), want);
}

TEST_F(HookRunnerTest, ExitOneIsNonBlocking) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "*", {{"echo oops >&2; exit 1"}}));
  HookResult want;
  want.hooks_run = 1;
  want.user_messages = {
      "PreToolUse:Bash hook error: [echo oops >&2; exit 1]: Failed with non-blocking status "
      "code: oops\n"};
  EXPECT_EQ(RunPreToolUse(runner), want);
}

TEST_F(HookRunnerTest, HangingHookIsKilledAtItsTimeout) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "", {{"sleep 100", 1000}}));
  int64_t start = base::MonotonicMs();
  HookResult got = RunPreToolUse(runner);
  EXPECT_LT(base::MonotonicMs() - start, 10'000);
  HookResult want;
  want.hooks_run = 1;
  want.user_messages = {"PreToolUse:Bash hook error: [sleep 100]: timed out after 1000 ms"};
  EXPECT_EQ(got, want);
  ASSERT_EQ(reports_.size(), 2u);
  EXPECT_EQ(reports_[1].outcome, "cancelled");
  EXPECT_EQ(reports_[1].exit_code, std::nullopt);
}

TEST_F(HookRunnerTest, GarbageOutputIsTextAndNeverBreaksTheRun) {
  HookRunner runner = Runner(Config(HookEvent::kPostToolUse, "",
                                    {{"head -c 200000 /dev/urandom"},
                                     {"printf '{\"continue\": tru'"},
                                     {"yes | head -c 3000000"}}));
  HookResult got = runner.Run(
      PostToolUseInput{"Bash", J(R"({"command":"ls"})"), J(R"({"stdout":""})"), "toolu_1"},
      nullptr);
  EXPECT_EQ(got.hooks_run, 3);
  EXPECT_FALSE(got.blocked);
  EXPECT_FALSE(got.stop);
  ASSERT_EQ(reports_.size(), 6u);
  EXPECT_LE(reports_[5].stdout_data.size(), kMaxHookOutputBytes);
  EXPECT_EQ(reports_[4].stdout_data, "{\"continue\": tru");
  // The report is valid JSON text whatever bytes the hook printed.
  Json line = base::JsonObject({{"stdout", reports_[3].stdout_data}});
  EXPECT_TRUE(Json::Parse(line.Dump()).has_value());
}

TEST_F(HookRunnerTest, HooksRunInParallel) {
  // Each hook finishes only after seeing the other's marker: sequential runs would time out.
  auto waits_for = [](std::string mine, std::string other) {
    return HookCommand{"touch " + mine + "; for i in $(seq 200); do [ -f " + other +
                           " ] && exit 0; sleep 0.05; done; echo 'never saw " + other +
                           "' >&2; exit 1",
                       20'000};
  };
  HookRunner runner =
      Runner(Config(HookEvent::kStop, "", {waits_for("a", "b"), waits_for("b", "a")}));
  HookResult want;
  want.hooks_run = 2;
  EXPECT_EQ(runner.Run(StopInput{false, std::nullopt}, nullptr), want);
}

TEST_F(HookRunnerTest, IdenticalCommandsRunOnce) {
  HookConfig::Groups groups;
  auto& stop = groups[static_cast<size_t>(HookEvent::kPreToolUse)];
  stop.push_back({Matcher::Compile("Bash").value(), {{"echo ran >> count"}}});
  stop.push_back({Matcher::Compile(".*").value(), {{"echo ran >> count"}, {"true"}}});
  HookRunner runner = Runner(HookConfig(std::move(groups)));
  EXPECT_EQ(RunPreToolUse(runner).hooks_run, 2);
  EXPECT_EQ(Slurp(dir_ / "count"), "ran\n");
}

TEST_F(HookRunnerTest, WritesInputJsonAndSetsProjectDirAndCwd) {
  HookRunner runner =
      Runner(Config(HookEvent::kPreToolUse, "Bash",
                    {{R"(cat > input.json; printf %s "$CLAUDE_PROJECT_DIR" > project_dir; pwd > cwd;
           printf %s "$HOOK_TEST" > env)"}}));
  runner.SetPermissionMode("acceptEdits");
  RunPreToolUse(runner, J(R"({"command":"git status","description":"Show status"})"));
  HookEnv expected_env = env_;
  expected_env.permission_mode = "acceptEdits";
  EXPECT_EQ(J(Slurp(dir_ / "input.json")),
            BuildHookInput(HookEvent::kPreToolUse, expected_env,
                           J(R"({"tool_name":"Bash","tool_input":{"command":"git status",
                                 "description":"Show status"},"tool_use_id":"toolu_1"})")));
  EXPECT_EQ(Slurp(dir_ / "project_dir"), dir_.string());
  EXPECT_EQ(fs::path(Slurp(dir_ / "cwd").substr(0, Slurp(dir_ / "cwd").size() - 1)),
            fs::canonical(dir_));
  EXPECT_EQ(Slurp(dir_ / "env"), "1");
}

TEST_F(HookRunnerTest, ReportsStartedThenResponsePerHook) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "Bash", {{"echo hi"}}));
  RunPreToolUse(runner);
  ASSERT_EQ(reports_.size(), 2u);
  HookReport started = reports_[0];
  EXPECT_EQ(started.kind, HookReport::Kind::kStarted);
  EXPECT_EQ(started.hook_name, "PreToolUse:Bash");
  EXPECT_EQ(started.hook_event, "PreToolUse");
  EXPECT_FALSE(started.hook_id.empty());
  HookReport response = started;
  response.kind = HookReport::Kind::kResponse;
  response.output = "hi\n";
  response.stdout_data = "hi\n";
  response.exit_code = 0;
  response.outcome = "success";
  EXPECT_EQ(reports_[1], response);
}

TEST_F(HookRunnerTest, NoMatchingHookRunsNothing) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "Edit|Write", {{"touch ran"}}));
  EXPECT_FALSE(runner.HasHooks(HookEvent::kPreToolUse, "Bash"));
  EXPECT_TRUE(runner.HasHooks(HookEvent::kPreToolUse, "Write"));
  EXPECT_EQ(RunPreToolUse(runner), HookResult{});
  EXPECT_TRUE(reports_.empty());
  EXPECT_FALSE(fs::exists(dir_ / "ran"));
}

TEST_F(HookRunnerTest, CancelledRunKillsHooks) {
  HookRunner runner = Runner(Config(HookEvent::kPreToolUse, "", {{"sleep 100"}}));
  base::CancelToken cancel;
  cancel.Cancel(base::CancelReason::kInterrupt);
  int64_t start = base::MonotonicMs();
  HookResult got = runner.Run(PreToolUseInput{"Bash", Json::MakeObject(), "t"}, &cancel);
  EXPECT_LT(base::MonotonicMs() - start, 10'000);
  EXPECT_EQ(got.user_messages,
            std::vector<std::string>{"PreToolUse:Bash hook error: [sleep 100]: cancelled"});
}

TEST_F(HookRunnerTest, HookThatIgnoresStdinStillWorks) {
  HookRunner runner = Runner(Config(HookEvent::kUserPromptSubmit, "", {{"echo 'Be brief.'"}}));
  HookResult got = runner.Run(UserPromptSubmitInput{std::string(1 << 20, 'x')}, nullptr);
  EXPECT_EQ(got.additional_context, std::vector<std::string>{"Be brief."});
}

}  // namespace
}  // namespace runner::hooks
