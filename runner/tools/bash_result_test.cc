#include "runner/tools/bash_result.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace runner::tools {
namespace {

using base::Json;

Json Structured(std::string out, std::string err, bool interrupted) {
  return base::JsonObject({{"stdout", std::move(out)},
                           {"stderr", std::move(err)},
                           {"interrupted", interrupted},
                           {"isImage", false},
                           {"noOutputExpected", false}});
}

TEST(FormatBashResult, MatchesClaudeCodeForPlainSuccess) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stdout_data = "hi\n";
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("hi"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured, Structured("hi", "", false));
}

TEST(FormatBashResult, AppendsStderrAndExitCode) {
  exec::ProcessOutcome o;
  o.exit_code = 2;
  o.stdout_data = "out\n";
  o.stderr_data = "bad\n";
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("out\nbad\nExit code 2"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.structured, Structured("out", "bad", false));
}

TEST(FormatBashResult, ReportsSignalDeathAsShellExitCode) {
  exec::ProcessOutcome o;
  o.term_signal = SIGKILL;
  EXPECT_EQ(FormatBashResult(o, {}).content, Json("Exit code 137"));
}

TEST(FormatBashResult, NotesTimeoutInSeconds) {
  exec::ProcessOutcome o;
  o.timed_out = true;
  o.term_signal = SIGTERM;
  o.stdout_data = "partial";
  ToolResult r = FormatBashResult(o, {.timeout_ms = 1500});
  EXPECT_EQ(r.content, Json("partial\nCommand timed out after 1.5s"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.structured, Structured("partial", "", true));
}

TEST(FormatBashResult, MarksCancellationAsInterrupted) {
  exec::ProcessOutcome o;
  o.interrupted = true;
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("<error>Command was aborted before completion</error>"));
  EXPECT_TRUE(r.is_error);
  EXPECT_TRUE(r.structured["interrupted"].AsBool());
}

TEST(FormatBashResult, TruncatesEachStreamInTheMiddle) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stdout_data = std::string(500, 'a') + std::string(500, 'b');
  ToolResult r = FormatBashResult(o, {.max_output_length = 100});
  const std::string& text = r.structured["stdout"].AsString();
  EXPECT_LT(text.size(), 200u);
  EXPECT_TRUE(text.starts_with(std::string(50, 'a')));
  EXPECT_TRUE(text.ends_with(std::string(50, 'b')));
  EXPECT_NE(text.find("truncated"), std::string::npos);
}

TEST(FormatBashResult, JoinsHeadAndTailAroundWhatTheCaptureDropped) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stdout_data = "h1\nh2\nt1\nt2\n";
  o.stdout_gap = {6, 100, 10};
  o.dropped_bytes = 100;
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("h1\nh2\n\n\n... [10 lines truncated] ...\n\nt1\nt2"));
  EXPECT_EQ(r.structured,
            Structured("h1\nh2\n\n\n... [10 lines truncated] ...\n\nt1\nt2", "", false));
}

TEST(FormatBashResult, CountsLinesCutOnBothSidesOfTheGap) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stdout_data = "h1\nh2\nt1\nt2\n";
  o.stdout_gap = {6, 100, 10};
  ToolResult r = FormatBashResult(o, {.max_output_length = 4});
  // "\nh2\n" of the head and "t1\n" of the tail are cut too.
  EXPECT_EQ(r.content, Json("h1\n\n... [13 lines truncated] ...\n\nt2"));
}

TEST(FormatBashResult, CountsBytesWhenTheDroppedPartHasNoNewline) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stderr_data = "aaaabbbb";
  o.stderr_gap = {4, 92, 0};
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("aaaa\n\n... [92 bytes truncated] ...\n\nbbbb"));
}

TEST(FormatBashResult, DoesNotSplitUtf8AtTheCuts) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  o.stdout_data = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // éé | éé
  o.stdout_gap = {4, 10, 1};
  ToolResult r = FormatBashResult(o, {.max_output_length = 6});
  EXPECT_EQ(r.content, Json("\xC3\xA9\n\n... [1 lines truncated] ...\n\n\xC3\xA9"));
}

TEST(FormatBashResult, SaysSoWhenThereIsNoOutput) {
  exec::ProcessOutcome o;
  o.exit_code = 0;
  ToolResult r = FormatBashResult(o, {});
  EXPECT_EQ(r.content, Json("(Bash completed with no output)"));
  EXPECT_EQ(r.structured, Structured("", "", false));
}

TEST(FormatSeconds, PrintsWholeAndFractionalSeconds) {
  EXPECT_EQ(FormatSeconds(120000), "120s");
  EXPECT_EQ(FormatSeconds(1500), "1.5s");
  EXPECT_EQ(FormatSeconds(200), "0.2s");
}

}  // namespace
}  // namespace runner::tools
