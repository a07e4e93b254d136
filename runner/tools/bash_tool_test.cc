#include "runner/tools/bash_tool.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/process_watch_for_test.h"
#include "runner/tools/read_tool.h"
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

TEST_F(BashToolTest, KeepsHeadAndTailOfHugeOutput) {
  ToolResult r = RunBash("echo START; yes x | head -c 50000000; echo END");
  EXPECT_FALSE(r.is_error);
  const std::string& out = r.structured["stdout"].AsString();
  EXPECT_LT(out.size(), 30100u);
  EXPECT_TRUE(out.starts_with("START\nx\nx\n"));
  EXPECT_TRUE(out.ends_with("x\nx\nEND"));
  // 25,000,002 lines in all; about 15,000 bytes (7,500 lines) are shown at each end.
  size_t marker = out.find("\n\n... [");
  ASSERT_NE(marker, std::string::npos);
  auto lines = base::ParseInt(out.substr(marker + 7, out.find(' ', marker + 7) - marker - 7));
  ASSERT_TRUE(lines.has_value()) << out.substr(marker, 60);
  EXPECT_GT(*lines, 24980000);
  EXPECT_LT(*lines, 25000000);
  EXPECT_EQ(r.content, Json(out));
}

class BashBackgroundTest : public BashToolTest {
 protected:
  void SetUp() override {
    BashToolTest::SetUp();
    shells_ = std::make_unique<BackgroundShells>(dir_ / "session" / "bg", 300);
    ctx_.background = shells_.get();
  }
  void TearDown() override {
    shells_.reset();
    BashToolTest::TearDown();
  }
  ToolResult RunBackground(std::string command, Json extra = Json::MakeObject()) {
    extra.Set("run_in_background", true);
    return RunBash(std::move(command), std::move(extra));
  }
  /// Waits for the task to end, then reads its output file with the Read tool.
  ToolResult ReadOutputWhenDone(const std::string& id) {
    EXPECT_TRUE(WaitFor([&] { return shells_->Get(id)->status != BackgroundStatus::kRunning; }));
    return ReadTool().Run(base::JsonObject({{"file_path", shells_->Get(id)->output_path.string()}}),
                          ctx_);
  }
  std::unique_ptr<BackgroundShells> shells_;
};

TEST_F(BashBackgroundTest, ReturnsAtOnceWithTaskIdAndOutputFile) {
  // The command cannot finish before the test creates `go`: Bash must not wait for it.
  ToolResult r = RunBackground("while [ ! -e go ]; do sleep 0.01; done; echo hi; echo bye >&2");
  EXPECT_EQ(shells_->Get("bash_1")->status, BackgroundStatus::kRunning);
  WriteText("go", "");
  EXPECT_FALSE(r.is_error);
  std::string file = (dir_ / "session" / "bg" / "bash_1.out").string();
  EXPECT_EQ(r.content,
            Json("Command running in background with ID: bash_1. Its output (stdout and stderr) "
                 "is being written to " +
                 file +
                 "; Read that file to check on it. Stop it with "
                 "TaskStop; it is stopped anyway after 1800s or when this run ends."));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"stdout":"","stderr":"","interrupted":false,
      "isImage":false,"noOutputExpected":false,"backgroundTaskId":"bash_1"})"));
  ToolResult read = ReadOutputWhenDone("bash_1");
  EXPECT_EQ(read.content, Json("     1\thi\n     2\tbye"));
}

TEST_F(BashBackgroundTest, StartsInTheShellsDirectoryWithoutChangingIt) {
  std::filesystem::create_directories(dir_ / "sub");
  RunBash("cd sub");
  RunBackground("pwd; cd /");
  EXPECT_EQ(ReadOutputWhenDone("bash_1").structured["file"]["content"],
            Json((dir_ / "sub").string()));
  EXPECT_EQ(RunBash("pwd").content, Json((dir_ / "sub").string()));
}

TEST_F(BashBackgroundTest, TimeoutBecomesTheTaskTimeLimit) {
  ToolResult r = RunBackground("sleep 30", *Json::Parse(R"({"timeout":200})"));
  EXPECT_NE(r.content.AsString().find("stopped anyway after 0.2s"), std::string::npos);
  EXPECT_TRUE(
      WaitFor([&] { return shells_->Get("bash_1")->status != BackgroundStatus::kRunning; }));
  EXPECT_EQ(shells_->Get("bash_1")->status, BackgroundStatus::kTimedOut);
}

TEST_F(BashBackgroundTest, ReportsFailureToStart) {
  WriteText("session", "not a directory");
  ToolResult r = RunBackground("true");
  EXPECT_EQ(r.content,
            ErrorContent("Failed to start command: refusing to use " + (dir_ / "session").string() +
                         ": not a directory owned by this user"));
  EXPECT_TRUE(r.is_error);
}

TEST_F(BashToolTest, RefusesRunInBackgroundWithoutBackgroundShells) {
  ToolResult r = RunBash("sleep 1", *Json::Parse(R"({"run_in_background":true})"));
  EXPECT_EQ(r.content, ErrorContent("Background commands are not available here"));
  EXPECT_TRUE(r.is_error);
}

TEST(ResolveBackgroundTimeout, UsesBackgroundDefaultAndMax) {
  BashLimits limits;
  EXPECT_EQ(ResolveBackgroundTimeout(Json(), limits), 1800000);
  EXPECT_EQ(ResolveBackgroundTimeout(Json(900000), limits), 900000);
  EXPECT_EQ(ResolveBackgroundTimeout(Json(9000000), limits), 7200000);
}

TEST(BashCaptureBytes, KeepsMoreThanTheModelIsShown) {
  BashLimits limits;
  limits.max_output_length = 1000;
  EXPECT_GT(BashCaptureBytes(limits), 1000u);
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
