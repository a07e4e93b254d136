#include "runner/hooks/hook_callbacks.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "runner/exec/process.h"
#include "runner/hooks/hook_config.h"
#include "runner/hooks/hook_runner.h"

namespace runner::hooks {
namespace {

using base::Json;

Json J(std::string_view text) { return Json::Parse(text).value(); }

TEST(ParseCallbackHooks, ReadsMatcherGroupsOfCallbackIds) {
  HookConfigParse p = ParseCallbackHooks(J(R"({
    "PreToolUse": [{"matcher": "Bash", "hookCallbackIds": ["hook_0", "hook_1"], "timeout": 2}],
    "Stop": [{"hookCallbackIds": ["hook_2"]}]})"));
  ASSERT_TRUE(p.errors.empty()) << p.errors.front();
  std::vector<HookCommand> bash = p.config.CommandsFor(HookEvent::kPreToolUse, "Bash");
  ASSERT_EQ(bash.size(), 2u);
  EXPECT_EQ(bash[0].callback_id, "hook_0");
  EXPECT_EQ(bash[1].callback_id, "hook_1");
  EXPECT_EQ(bash[0].timeout_ms, 2000);
  EXPECT_TRUE(p.config.CommandsFor(HookEvent::kPreToolUse, "Edit").empty());
  std::vector<HookCommand> stop = p.config.CommandsFor(HookEvent::kStop, "");
  ASSERT_EQ(stop.size(), 1u);
  EXPECT_EQ(stop[0].timeout_ms, kDefaultHookTimeoutMs);
}

TEST(ParseCallbackHooks, ReportsBadEntriesWithTheirPath) {
  HookConfigParse p = ParseCallbackHooks(J(R"({"PreToolUse": [{"hookCallbackIds": "hook_0"}]})"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0], "hooks.PreToolUse[0].hookCallbackIds: expected an array of callback ids");
}

/// Answers every callback with a fixed reply (or error) and records the calls.
class FakeCallbacks : public HookCallbacks {
 public:
  explicit FakeCallbacks(base::Result<Json> reply) : reply_(std::move(reply)) {}
  base::Result<Json> Call(const std::string& id, const Json& input, const std::string& tool_use_id,
                          int64_t timeout_ms, base::CancelToken*) override {
    std::lock_guard lock(mu_);
    calls.push_back(id + " " + input["hook_event_name"].AsString() + " " + tool_use_id + " " +
                    std::to_string(timeout_ms));
    return reply_;
  }
  std::vector<std::string> calls;

 private:
  std::mutex mu_;
  base::Result<Json> reply_;
};

HookEnv TestEnv() {
  HookEnv env;
  env.project_dir = "/tmp";
  env.cwd = "/tmp";
  env.session_id = "s-1";
  env.permission_mode = "default";
  return env;
}

TEST(HookRunnerCallbacks, ACallbackAnswerIsReadLikeAHooksJsonOutput) {
  exec::PosixProcessRunner processes;
  HookRunner runner(
      ParseCallbackHooks(J(R"({"PreToolUse": [{"matcher": "Bash", "hookCallbackIds": ["hook_0"]}]})"))
          .config,
      processes, TestEnv());
  FakeCallbacks host(J(R"({"hookSpecificOutput": {"hookEventName": "PreToolUse",
      "permissionDecision": "deny", "permissionDecisionReason": "not in CI"}})"));
  runner.SetCallbacks(&host);
  HookResult r = runner.Run(PreToolUseInput{"Bash", J(R"({"command":"rm -rf /"})"), "toolu_1"}, nullptr);
  EXPECT_EQ(r.decision, PermissionDecision::kDeny);
  EXPECT_EQ(r.reason, "not in CI");
  ASSERT_EQ(host.calls.size(), 1u);
  EXPECT_EQ(host.calls[0], "hook_0 PreToolUse toolu_1 60000");
}

TEST(HookRunnerCallbacks, AFailedCallbackIsANonBlockingError) {
  exec::PosixProcessRunner processes;
  HookRunner runner(
      ParseCallbackHooks(J(R"({"PreToolUse": [{"hookCallbackIds": ["hook_0"]}]})")).config,
      processes, TestEnv());
  FakeCallbacks host(base::Fail(base::ErrorKind::kApi, "callback threw"));
  runner.SetCallbacks(&host);
  HookResult r = runner.Run(PreToolUseInput{"Bash", J(R"({"command":"ls"})"), "toolu_1"}, nullptr);
  EXPECT_FALSE(r.blocked);
  EXPECT_NE(r.decision, PermissionDecision::kDeny);
}

TEST(HookRunnerCallbacks, WithoutAHostACallbackCannotRun) {
  exec::PosixProcessRunner processes;
  HookRunner runner(
      ParseCallbackHooks(J(R"({"Stop": [{"hookCallbackIds": ["hook_0"]}]})")).config, processes,
      TestEnv());
  HookResult r = runner.Run(StopInput{false, "done"}, nullptr);
  EXPECT_FALSE(r.blocked);
}

}  // namespace
}  // namespace runner::hooks
