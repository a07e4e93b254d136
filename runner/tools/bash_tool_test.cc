#include "runner/tools/bash_tool.h"

#include <gtest/gtest.h>

#include <thread>

#include "runner/base/clock.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class BashToolTest : public ToolTest {
 protected:
  ToolResult RunBash(std::string command, Json extra = Json::MakeObject()) {
    extra.Set("command", std::move(command));
    return BashTool().Run(extra, ctx_);
  }
};

TEST_F(BashToolTest, RunsCommandAndReturnsTrimmedStdout) {
  ToolResult r = RunBash("echo hi");
  EXPECT_EQ(r.content, Json("hi"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured, *Json::Parse(R"({"stdout":"hi","stderr":"","interrupted":false,
      "isImage":false,"noOutputExpected":false})"));
}

TEST_F(BashToolTest, ReportsNonzeroExitWithStderr) {
  ToolResult r = RunBash("echo out; echo oops >&2; exit 4");
  EXPECT_EQ(r.content, Json("out\noops\nExit code 4"));
  EXPECT_TRUE(r.is_error);
}

TEST_F(BashToolTest, StartsInProjectDirAndKeepsCdAcrossCalls) {
  std::filesystem::create_directories(dir_ / "sub");
  EXPECT_EQ(RunBash("pwd").content, Json(dir_.string()));
  RunBash("cd sub");
  EXPECT_EQ(RunBash("pwd").content, Json((dir_ / "sub").string()));
  EXPECT_EQ(session_.bash_cwd, dir_ / "sub");
}

TEST_F(BashToolTest, KeepsCwdAndExitStatusWhenCommandExits) {
  std::filesystem::create_directories(dir_ / "sub");
  ToolResult r = RunBash("cd sub && exit 7");
  EXPECT_EQ(r.content, Json("Exit code 7"));
  EXPECT_EQ(RunBash("pwd").content, Json((dir_ / "sub").string()));
}

TEST_F(BashToolTest, ResetsToProjectDirWhenMaintainFlagIsSet) {
  std::filesystem::create_directories(dir_ / "sub");
  env_.Set("CLAUDE_BASH_MAINTAIN_PROJECT_WORKING_DIR", "1");
  RunBash("cd sub");
  EXPECT_EQ(RunBash("pwd").content, Json(dir_.string()));
}

TEST_F(BashToolTest, ResetsVanishedCwdWithANote) {
  std::filesystem::create_directories(dir_ / "gone");
  RunBash("cd gone");
  std::filesystem::remove(dir_ / "gone");
  ToolResult r = RunBash("pwd");
  EXPECT_EQ(r.content, Json(dir_.string() + "\nShell cwd was reset to " + dir_.string()));
}

TEST_F(BashToolTest, PassesContextEnvironment) {
  env_.Set("GREETING", "hello");
  EXPECT_EQ(RunBash("echo $GREETING").content, Json("hello"));
}

TEST_F(BashToolTest, TimesOutWithNote) {
  int64_t start = base::MonotonicMs();
  ToolResult r = RunBash("echo started; sleep 30", *Json::Parse(R"({"timeout":300})"));
  EXPECT_LT(base::MonotonicMs() - start, 3000);
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, Json("started\nCommand timed out after 0.3s"));
  EXPECT_TRUE(r.structured["interrupted"].AsBool());
}

TEST_F(BashToolTest, UsesDefaultTimeoutFromEnvironment) {
  env_.Set("BASH_DEFAULT_TIMEOUT_MS", "200");
  ToolResult r = RunBash("sleep 30");
  EXPECT_EQ(r.content, Json("Command timed out after 0.2s"));
}

TEST_F(BashToolTest, CapsTimeoutAtMaximum) {
  BashLimits limits{.default_timeout_ms = 120000, .max_timeout_ms = 600000};
  EXPECT_EQ(ResolveBashTimeout(Json(900000), limits), 600000);
  EXPECT_EQ(ResolveBashTimeout(Json(), limits), 120000);
  EXPECT_EQ(ResolveBashTimeout(Json(5000), limits), 5000);
  env_.Set("BASH_MAX_TIMEOUT_MS", "1000");
  EXPECT_EQ(ResolveBashTimeout(Json(5000), BashLimitsFromEnv(&env_)), 1000);
}

TEST_F(BashToolTest, InterruptedByCancelToken) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel_.Cancel(base::CancelReason::kInterrupt);
  });
  ToolResult r = RunBash("sleep 30");
  canceller.join();
  EXPECT_TRUE(r.is_error);
  EXPECT_TRUE(r.structured["interrupted"].AsBool());
}

TEST_F(BashToolTest, TruncatesOutputAtConfiguredLength) {
  env_.Set("BASH_MAX_OUTPUT_LENGTH", "1000");
  ToolResult r = RunBash("seq 1 10000");
  const std::string& out = r.structured["stdout"].AsString();
  EXPECT_LT(out.size(), 1100u);
  EXPECT_TRUE(out.starts_with("1\n2\n"));
  EXPECT_TRUE(out.ends_with("9999\n10000"));
}

TEST_F(BashToolTest, RefusesRunInBackgroundForNow) {
  ToolResult r = RunBash("sleep 1", *Json::Parse(R"({"run_in_background":true})"));
  EXPECT_EQ(r.content, ErrorContent("run_in_background is not supported yet"));
  EXPECT_TRUE(r.is_error);
}

TEST_F(BashToolTest, RejectsMissingCommand) {
  ToolResult r = BashTool().Run(*Json::Parse(R"({"description":"x"})"), ctx_);
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: Bash failed due to the following "
                                    "issue:\nThe required parameter `command` is missing"));
}

TEST_F(BashToolTest, RejectsWrongTimeoutType) {
  ToolResult r = RunBash("true", *Json::Parse(R"({"timeout":"10"})"));
  EXPECT_TRUE(r.is_error);
  EXPECT_NE(r.content.AsString().find("`timeout` type is expected as `number`"), std::string::npos);
}

TEST_F(BashToolTest, LeavesNoTempFilesBehind) {
  env_.Set("TMPDIR", dir_.string());
  RunBash("true");
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

}  // namespace
}  // namespace runner::tools
