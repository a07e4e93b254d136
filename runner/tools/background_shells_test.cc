#include "runner/tools/background_shells.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <memory>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/tools/process_watch_for_test.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

class BackgroundShellsTest : public ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    shells_ = std::make_unique<BackgroundShells>(OutputDir(), /*kill_grace_ms=*/300);
  }
  void TearDown() override {
    shells_.reset();
    ToolTest::TearDown();
  }

  std::filesystem::path OutputDir() const { return dir_ / "session" / "bg"; }

  exec::CommandSpec Shell(std::string script) const {
    exec::CommandSpec spec;
    spec.argv = {"bash", "-c", std::move(script)};
    spec.env = {{"PATH", "/usr/bin:/bin"}};
    spec.cwd = dir_;
    return spec;
  }

  BackgroundTask StartOk(std::string script, int64_t timeout_ms = 0) {
    exec::CommandSpec spec = Shell(script);
    spec.timeout_ms = timeout_ms;
    auto task = shells_->Start(std::move(spec), script);
    EXPECT_TRUE(task.has_value()) << task.error().message;
    return task.value_or(BackgroundTask{});
  }

  /// Waits until the task is no longer running; returns its final snapshot.
  BackgroundTask WaitDone(const std::string& id) {
    EXPECT_TRUE(WaitFor([&] { return shells_->Get(id)->status != BackgroundStatus::kRunning; }));
    return *shells_->Get(id);
  }

  /// The first line the task wrote, as a pid (waits for it).
  pid_t PidFromOutput(const BackgroundTask& task) {
    std::optional<long long> pid;
    WaitFor([&] {
      auto text = base::ReadFile(task.output_path);
      if (text && text->find('\n') != std::string::npos) pid = base::ParseInt(*text);
      return pid.has_value();
    });
    return pid ? static_cast<pid_t>(*pid) : -1;
  }

  std::unique_ptr<BackgroundShells> shells_;
};

TEST_F(BackgroundShellsTest, WritesBothStreamsToTheOutputFile) {
  BackgroundTask task = StartOk("echo hello; echo oops >&2");
  EXPECT_EQ(task.id, "bash_1");
  EXPECT_EQ(task.command, "echo hello; echo oops >&2");
  EXPECT_EQ(task.output_path, OutputDir() / "bash_1.out");
  EXPECT_EQ(task.status, BackgroundStatus::kRunning);
  BackgroundTask done = WaitDone(task.id);
  EXPECT_EQ(done.status, BackgroundStatus::kCompleted);
  EXPECT_EQ(done.exit_code, 0);
  EXPECT_EQ(base::ReadFile(task.output_path).value(), "hello\noops\n");
}

TEST_F(BackgroundShellsTest, ReportsFailingExitStatus) {
  BackgroundTask done = WaitDone(StartOk("exit 3").id);
  EXPECT_EQ(done.status, BackgroundStatus::kFailed);
  EXPECT_EQ(done.exit_code, 3);
}

TEST_F(BackgroundShellsTest, NumbersTasksAndListsThemInStartOrder) {
  StartOk("true");
  StartOk("sleep 30");
  std::vector<BackgroundTask> tasks = shells_->List();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].id, "bash_1");
  EXPECT_EQ(tasks[1].id, "bash_2");
  EXPECT_EQ(tasks[1].status, BackgroundStatus::kRunning);
  EXPECT_EQ(shells_->Get("bash_3"), std::nullopt);
}

TEST_F(BackgroundShellsTest, StopKillsTheWholeGroup) {
  BackgroundTask task = StartOk("sleep 100 & echo $!; wait");
  pid_t grandchild = PidFromOutput(task);
  ASSERT_GT(grandchild, 0);
  auto stopped = shells_->Stop(task.id);
  ASSERT_TRUE(stopped.has_value()) << stopped.error().message;
  EXPECT_EQ(stopped->status, BackgroundStatus::kStopped);
  EXPECT_EQ(stopped->exit_code, 128 + SIGTERM);
  EXPECT_NE(::kill(task.pid, 0), 0);  // reaped, not a zombie
  EXPECT_TRUE(EventuallyGone(grandchild));
  EXPECT_EQ(shells_->Get(task.id)->status, BackgroundStatus::kStopped);
}

TEST_F(BackgroundShellsTest, StopEscalatesToSigkillAfterTheGrace) {
  BackgroundTask task = StartOk("trap '' TERM; echo ready; while :; do sleep 0.05; done");
  ASSERT_TRUE(WaitFor([&] { return base::ReadFile(task.output_path).value_or("") == "ready\n"; }));
  int64_t start = base::MonotonicMs();
  auto stopped = shells_->Stop(task.id);
  ASSERT_TRUE(stopped.has_value());
  EXPECT_EQ(stopped->exit_code, 128 + SIGKILL);
  EXPECT_LT(base::MonotonicMs() - start, 2000);
  EXPECT_NE(::kill(task.pid, 0), 0);
}

TEST_F(BackgroundShellsTest, StopRefusesUnknownId) {
  auto stopped = shells_->Stop("bash_9");
  ASSERT_FALSE(stopped.has_value());
  EXPECT_EQ(stopped.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(stopped.error().message, "No background task found with ID: bash_9");
}

TEST_F(BackgroundShellsTest, StopRefusesFinishedTask) {
  BackgroundTask task = StartOk("true");
  WaitDone(task.id);
  auto stopped = shells_->Stop(task.id);
  ASSERT_FALSE(stopped.has_value());
  EXPECT_EQ(stopped.error().message, "Task bash_1 is not running (status: completed)");
}

TEST_F(BackgroundShellsTest, KillsWhatAFinishedTaskLeftBehind) {
  BackgroundTask task = StartOk("sleep 100 >/dev/null 2>&1 & echo $!");
  pid_t grandchild = PidFromOutput(task);
  ASSERT_GT(grandchild, 0);
  EXPECT_EQ(WaitDone(task.id).status, BackgroundStatus::kCompleted);
  EXPECT_TRUE(EventuallyGone(grandchild));
}

TEST_F(BackgroundShellsTest, TimeLimitStopsTaskWithoutAnyCall) {
  BackgroundTask task = StartOk("sleep 100", /*timeout_ms=*/200);
  // The watcher reaps it on its own: no Get/List/Stop until the pid is gone.
  EXPECT_TRUE(WaitFor([&] { return ::kill(task.pid, 0) != 0; }));
  BackgroundTask done = *shells_->Get(task.id);
  EXPECT_EQ(done.status, BackgroundStatus::kTimedOut);
  EXPECT_EQ(done.exit_code, 128 + SIGTERM);
}

TEST_F(BackgroundShellsTest, DestructorStopsReapsAndCleansUp) {
  BackgroundTask plain = StartOk("sleep 100");
  BackgroundTask parent = StartOk("sleep 100 & echo $!; wait");
  BackgroundTask stubborn = StartOk("trap '' TERM; while :; do sleep 0.05; done");
  pid_t grandchild = PidFromOutput(parent);
  ASSERT_GT(grandchild, 0);
  shells_.reset();
  for (pid_t pid : {plain.pid, parent.pid, stubborn.pid}) EXPECT_NE(::kill(pid, 0), 0) << pid;
  EXPECT_TRUE(EventuallyGone(grandchild));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "session"));
}

TEST_F(BackgroundShellsTest, DestructorKeepsDirectoriesItDidNotCreate) {
  std::filesystem::create_directories(OutputDir());
  BackgroundTask task = StartOk("echo x");
  shells_.reset();
  EXPECT_FALSE(std::filesystem::exists(task.output_path));
  EXPECT_TRUE(std::filesystem::is_directory(OutputDir()));
}

TEST_F(BackgroundShellsTest, RefusesOutputDirThatIsNotADirectory) {
  WriteText("session", "a file");
  auto task = shells_->Start(Shell("true"), "true");
  ASSERT_FALSE(task.has_value());
  EXPECT_EQ(task.error().kind, base::ErrorKind::kIo);
  EXPECT_EQ(task.error().message, "refusing to use " + (dir_ / "session").string() +
                                      ": not a directory owned by this user");
}

TEST_F(BackgroundShellsTest, FailsToStartInMissingDirectory) {
  exec::CommandSpec spec = Shell("true");
  spec.cwd = dir_ / "missing";
  auto task = shells_->Start(std::move(spec), "true");
  ASSERT_FALSE(task.has_value());
  EXPECT_NE(task.error().message.find("does not exist"), std::string::npos) << task.error().message;
  EXPECT_TRUE(shells_->List().empty());
}

TEST_F(BackgroundShellsTest, DefaultOutputDirIsPerProcessUnderTmpdir) {
  std::string suffix = "claude-runner-" + std::to_string(::getpid());
  env_.Set("TMPDIR", dir_.string());
  EXPECT_EQ(BackgroundShells::DefaultOutputDir(&env_), dir_ / suffix / "bg");
  env_.Set("TMPDIR", (dir_ / "missing").string());
  EXPECT_EQ(BackgroundShells::DefaultOutputDir(&env_),
            std::filesystem::path("/tmp") / suffix / "bg");
  EXPECT_EQ(BackgroundShells::DefaultOutputDir(nullptr),
            std::filesystem::path("/tmp") / suffix / "bg");
}

TEST(BackgroundStatusName, NamesEveryStatus) {
  EXPECT_EQ(BackgroundStatusName(BackgroundStatus::kRunning), "running");
  EXPECT_EQ(BackgroundStatusName(BackgroundStatus::kCompleted), "completed");
  EXPECT_EQ(BackgroundStatusName(BackgroundStatus::kFailed), "failed");
  EXPECT_EQ(BackgroundStatusName(BackgroundStatus::kStopped), "killed");
  EXPECT_EQ(BackgroundStatusName(BackgroundStatus::kTimedOut), "timed_out");
}

}  // namespace
}  // namespace runner::tools
