#include "runner/exec/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/base/strings.h"

namespace runner::exec {
namespace {

CommandSpec Shell(std::string script) {
  CommandSpec spec;
  spec.argv = {"bash", "-c", std::move(script)};
  spec.env = {{"PATH", "/usr/bin:/bin"}};
  return spec;
}

/// True when `pid` is gone or a zombie waiting for a parent that may not reap promptly.
bool ProcessGone(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool EventuallyGone(pid_t pid) {
  for (int i = 0; i < 100; ++i) {
    if (ProcessGone(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST(HeadTailBuffer, KeepsEverythingUpToTheLimit) {
  HeadTailBuffer buffer(10);
  buffer.Append("abc");
  buffer.Append("defghij");
  EXPECT_EQ(buffer.retained_bytes(), 10u);
  CapturedStream got = buffer.Take();
  EXPECT_EQ(got.data, "abcdefghij");
  EXPECT_EQ(got.gap, (OutputGap{5, 0, 0}));
}

TEST(HeadTailBuffer, DropsTheMiddleAcrossSmallAppends) {
  HeadTailBuffer buffer(6);
  for (char c : std::string("0123\n56\n89")) buffer.Append(std::string_view(&c, 1));
  EXPECT_EQ(buffer.retained_bytes(), 6u);
  EXPECT_EQ(buffer.dropped_bytes(), 4u);
  CapturedStream got = buffer.Take();
  EXPECT_EQ(got.data, "012\n89");
  EXPECT_EQ(got.gap, (OutputGap{3, 4, 1}));  // "3\n56" left out after "012"
}

TEST(HeadTailBuffer, RestartsTheRingWhenOneAppendIsLargerThanIt) {
  HeadTailBuffer buffer(8);
  buffer.Append("abcdef");         // head "abcd", ring "ef"
  buffer.Append("\n\n123456789");  // ring keeps "6789"
  CapturedStream got = buffer.Take();
  EXPECT_EQ(got.data, "abcd6789");
  EXPECT_EQ(got.gap, (OutputGap{4, 9, 2}));
}

TEST(HeadTailBuffer, WrapsTheRingInTwoPieces) {
  HeadTailBuffer buffer(8);
  buffer.Append("HHHHabcd");  // head "HHHH", ring "abcd" (full)
  buffer.Append("ef");        // replaces "ab": the oldest byte is now "c"
  buffer.Append("ghi");       // replaces "cd" up to the end of the ring, then "e" at its start
  EXPECT_EQ(buffer.retained_bytes(), 8u);
  CapturedStream got = buffer.Take();
  EXPECT_EQ(got.data, "HHHHfghi");
  EXPECT_EQ(got.gap, (OutputGap{4, 5, 0}));
  EXPECT_EQ(buffer.Take().data, "");  // Take leaves it empty
}

TEST(HeadTailBuffer, ZeroLimitKeepsNothing) {
  HeadTailBuffer buffer(0);
  buffer.Append("a\nb");
  EXPECT_EQ(buffer.Take().gap, (OutputGap{0, 3, 1}));
}

TEST(PosixProcessRunner, ReportsExitCodeAndCapturesBothStreams) {
  PosixProcessRunner runner;
  auto out = runner.Run(Shell("echo out; echo err >&2; exit 3"), nullptr);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->exit_code, 3);
  EXPECT_EQ(out->term_signal, 0);
  EXPECT_EQ(out->stdout_data, "out\n");
  EXPECT_EQ(out->stderr_data, "err\n");
  EXPECT_FALSE(out->timed_out);
  EXPECT_FALSE(out->interrupted);
}

TEST(PosixProcessRunner, PassesExactlyTheGivenEnvironmentAndCwd) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("echo \"$FOO|${HOME-unset}\"; pwd -P");
  spec.env["FOO"] = "bar";
  spec.cwd = "/usr";
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->stdout_data, "bar|unset\n/usr\n");
}

TEST(PosixProcessRunner, FeedsStdinThenCloses) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("wc -c");
  spec.stdin_data = std::string(1 << 20, 'x');  // larger than a pipe buffer
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(base::Trim(out->stdout_data), std::to_string(1 << 20));
}

TEST(PosixProcessRunner, GivesDevNullWhenNoStdin) {
  PosixProcessRunner runner;
  auto out = runner.Run(Shell("cat; echo done"), nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->stdout_data, "done\n");
}

TEST(PosixProcessRunner, SurvivesChildThatIgnoresStdin) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("exit 0");
  spec.stdin_data = std::string(4 << 20, 'x');
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->exit_code, 0);
}

TEST(PosixProcessRunner, FailsToStartMissingCommand) {
  PosixProcessRunner runner;
  CommandSpec spec;
  spec.argv = {"definitely-not-a-command-xyz"};
  spec.env = {{"PATH", "/usr/bin:/bin"}};
  auto out = runner.Run(spec, nullptr);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().kind, base::ErrorKind::kIo);
  EXPECT_NE(out.error().message.find("command not found"), std::string::npos);
}

TEST(PosixProcessRunner, LooksUpArgv0InTheChildsPath) {
  PosixProcessRunner runner;
  CommandSpec spec;
  spec.argv = {"sh", "-c", "echo ok"};
  spec.env = {{"PATH", "/nonexistent:/bin"}};
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->stdout_data, "ok\n");
}

TEST(PosixProcessRunner, TimeoutKillsSleepQuickly) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("sleep 30");
  spec.timeout_ms = 200;
  int64_t start = base::MonotonicMs();
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->timed_out);
  EXPECT_FALSE(out->interrupted);
  EXPECT_EQ(out->exit_code, -1);
  EXPECT_EQ(out->term_signal, SIGTERM);
  EXPECT_LT(base::MonotonicMs() - start, 2000);
}

TEST(PosixProcessRunner, EscalatesToSigkillAfterGrace) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("trap '' TERM; echo ready; while :; do sleep 0.05; done");
  spec.timeout_ms = 200;
  spec.kill_grace_ms = 200;
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->timed_out);
  EXPECT_EQ(out->term_signal, SIGKILL);
  EXPECT_EQ(out->stdout_data, "ready\n");
  EXPECT_LT(out->duration_ms, 2000);
}

TEST(PosixProcessRunner, CancelTokenInterrupts) {
  PosixProcessRunner runner;
  base::CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel.Cancel(base::CancelReason::kInterrupt);
  });
  auto out = runner.Run(Shell("sleep 30"), &cancel);
  canceller.join();
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->interrupted);
  EXPECT_FALSE(out->timed_out);
  EXPECT_LT(out->duration_ms, 2000);
}

TEST(PosixProcessRunner, BackgroundChildHoldingStdoutDoesNotHang) {
  PosixProcessRunner runner;
  auto out = runner.Run(Shell("sleep 100 & echo $!; echo leader done"), nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->exit_code, 0);
  EXPECT_LT(out->duration_ms, 2000);
  std::vector<std::string> lines = base::Split(base::Trim(out->stdout_data), '\n');
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "leader done");
  EXPECT_TRUE(EventuallyGone(static_cast<pid_t>(*base::ParseInt(lines[0]))));
}

TEST(PosixProcessRunner, KillsDetachedBackgroundJobWhenLeaderExits) {
  PosixProcessRunner runner;
  auto out = runner.Run(Shell("sleep 100 >/dev/null 2>&1 & echo $!"), nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_LT(out->duration_ms, 2000);
  auto background = base::ParseInt(out->stdout_data);
  ASSERT_TRUE(background.has_value()) << out->stdout_data;
  EXPECT_TRUE(EventuallyGone(static_cast<pid_t>(*background)));
}

TEST(PosixProcessRunner, KillsGrandchildWithTheGroupOnTimeout) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("sleep 30 & echo $!; wait");
  spec.timeout_ms = 300;
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->timed_out);
  auto grandchild = base::ParseInt(out->stdout_data);
  ASSERT_TRUE(grandchild.has_value()) << out->stdout_data;
  EXPECT_TRUE(EventuallyGone(static_cast<pid_t>(*grandchild)));
}

TEST(PosixProcessRunner, CapsOutputPerStreamAndCountsDropped) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("head -c 100000 /dev/zero | tr '\\0' a; head -c 10 /dev/zero >&2");
  spec.max_output_bytes = 1000;
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->stdout_data, std::string(1000, 'a'));
  EXPECT_EQ(out->stderr_data.size(), 10u);
  EXPECT_EQ(out->dropped_bytes, 99000u);
  EXPECT_EQ(out->stdout_gap, (OutputGap{500, 99000, 0}));
}

TEST(PosixProcessRunner, KeepsHeadAndTailOfHugeOutputWithinTheCap) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("seq 1 3 | tr '\\n' ' '; yes x | head -c 50000000; echo; echo END");
  spec.max_output_bytes = 1 << 20;
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->exit_code, 0);
  // Given 50 MB on stdout, only the cap is kept: half from the start, half from the end.
  EXPECT_EQ(out->stdout_data.size(), size_t{1} << 20);
  EXPECT_TRUE(out->stdout_data.starts_with("1 2 3 x\nx\n"));
  EXPECT_TRUE(out->stdout_data.ends_with("x\nx\n\nEND\n"));
  const size_t total = 6 + 50000000 + 1 + 4;
  EXPECT_EQ(out->stdout_gap.offset, size_t{1} << 19);
  EXPECT_EQ(out->stdout_gap.bytes, total - (size_t{1} << 20));
  EXPECT_EQ(out->stdout_gap.lines, out->stdout_gap.bytes / 2);  // "x\n" pairs, cut evenly
  EXPECT_EQ(out->dropped_bytes, out->stdout_gap.bytes);
  EXPECT_EQ(out->stderr_gap, OutputGap{});
}

TEST(PosixProcessRunner, AppendsBothStreamsToOutputFile) {
  char tmpl[] = "/tmp/process_test.XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::filesystem::path file = std::filesystem::path(tmpl) / "out.log";
  base::WriteFileAtomic(file, "before\n").value();
  PosixProcessRunner runner;
  CommandSpec spec = Shell("echo out; echo err >&2");
  spec.output_file = file;
  auto out = runner.Run(spec, nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->exit_code, 0);
  EXPECT_EQ(out->stdout_data, "");
  EXPECT_EQ(base::ReadFile(file).value(), "before\nout\nerr\n");
  std::filesystem::remove_all(tmpl);
}

TEST(PosixProcessRunner, FailsToStartWhenOutputFileCannotBeOpened) {
  PosixProcessRunner runner;
  CommandSpec spec = Shell("echo out");
  spec.output_file = "/nonexistent-dir-xyz/out.log";
  auto out = runner.Run(spec, nullptr);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().kind, base::ErrorKind::kIo);
  EXPECT_NE(out.error().message.find("cannot open output file"), std::string::npos);
}

TEST(PosixProcessRunner, KillAllStopsRunningGroups) {
  PosixProcessRunner runner;
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    runner.KillAll();
  });
  auto out = runner.Run(Shell("sleep 30"), nullptr);
  killer.join();
  ASSERT_TRUE(out.has_value());
  EXPECT_TRUE(out->interrupted);
  EXPECT_EQ(out->term_signal, SIGKILL);
  EXPECT_LT(out->duration_ms, 2000);
}

TEST(PosixProcessRunner, ReportsSignalDeath) {
  PosixProcessRunner runner;
  auto out = runner.Run(Shell("kill -SEGV $$"), nullptr);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->exit_code, -1);
  EXPECT_EQ(out->term_signal, SIGSEGV);
}

TEST(PosixProcessRunner, DoesNotLeakParentFds) {
  PosixProcessRunner runner;
  base::Fd leaky(::open("/dev/null", O_RDONLY));  // deliberately without O_CLOEXEC
  ASSERT_TRUE(leaky.valid());
  auto out = runner.Run(Shell("ls /proc/self/fd | wc -l"), nullptr);
  ASSERT_TRUE(out.has_value());
  // 0, 1, 2 and the fd ls uses to read the directory.
  EXPECT_EQ(base::Trim(out->stdout_data), "4");
}

}  // namespace
}  // namespace runner::exec
