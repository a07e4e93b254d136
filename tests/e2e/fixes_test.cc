// End-to-end: edge cases of flags, stdin and sessions.
#include <signal.h>

#include <thread>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kOk[] = R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"},
  {"content":[{"type":"text","text":"ok again"}],"stop_reason":"end_turn"}]})";

TEST_F(E2eTest, EmptyToolsFlagOffersNoTools) {
  FakeApi api(kOk);
  ASSERT_EQ(Run(api, {"-p", "hi", "--tools", ""}).exit_code, 0);
  EXPECT_EQ(api.Requests().at(0)["body"]["tools"].size(), 0u);
}

TEST_F(E2eTest, NonPositiveLimitsAreUsageErrorsWithShortMessages) {
  FakeApi api(kOk);
  RunOutput t = Run(api, {"-p", "hi", "--timeout", "0"});
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_NE(t.err.find("not a positive duration"), std::string::npos) << t.err;
  RunOutput m = Run(api, {"-p", "hi", "--max-turns", "0"});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("--max-turns must be a positive number"), std::string::npos) << m.err;
  EXPECT_LT(m.err.size(), 200u) << m.err;
  RunOutput u = Run(api, {"-p", "hi", "--bogus"});
  EXPECT_NE(u.err.find("unknown option or extra argument: --bogus"), std::string::npos) << u.err;
  EXPECT_TRUE(api.Requests().empty());
}

TEST_F(E2eTest, TimeoutWhileWaitingForStdinExitsWithTheTimeoutCode) {
  FakeApi api(kOk);
  std::vector<std::string> argv = {RunnerPath(), "-p", "--timeout", "1s"};
  Child child(argv, Env(api), work_.path());  // no prompt argument, stdin open and silent
  RunOutput r = child.Wait(15000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 5) << r.err;
}

TEST_F(E2eTest, SessionIdThatIsAlreadyUsedIsRefused) {
  FakeApi api(kOk);
  const std::string id = "123e4567-e89b-42d3-a456-426614174000";
  ASSERT_EQ(Run(api, {"-p", "hi", "--session-id", id}).exit_code, 0);
  RunOutput again = Run(api, {"-p", "hi", "--session-id", id});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already in use"), std::string::npos) << again.err;
  EXPECT_EQ(Run(api, {"-p", "hi", "--session-id", "not-a-uuid"}).exit_code, 2);
}

TEST_F(E2eTest, ResumeKeepsTheParentUuidChainInTheSameFile) {
  FakeApi api(kOk);
  RunOutput first = Run(api, {"-p", "q1", "--output-format", "json"});
  std::string id = JsonLines(first.out).at(0)["session_id"].AsString();
  ASSERT_EQ(Transcripts().size(), 1u);
  fs::path file = Transcripts()[0];
  size_t lines_before = JsonLines(ReadText(file)).size();
  ASSERT_EQ(Run(api, {"-p", "q2", "--resume", file.string()}).exit_code, 0);
  std::vector<Json> lines = JsonLines(ReadText(file));
  ASSERT_GT(lines.size(), lines_before);
  EXPECT_EQ(lines[lines_before]["parentUuid"].AsString(), lines[lines_before - 1]["uuid"].AsString());
  EXPECT_EQ(lines[lines_before]["sessionId"].AsString(), id);
  EXPECT_EQ(Transcripts().size(), 1u);
}

TEST_F(E2eTest, CutOffAfterAToolCallAnswersTheCallBeforeResuming) {
  FakeApi api(R"({"turns":[{"content":[{"type":"tool_use","id":"toolu_cut","name":"Bash","input":{"command":"echo x"}},{"type":"text","text":"lost"}],
      "stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}},
    {"content":[{"type":"text","text":"carried on"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json", "--allowedTools", "Bash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json msgs = api.Requests().at(1)["body"]["messages"];
  ASSERT_EQ(msgs.size(), 3u);
  const Json& answer = msgs.at(2)["content"].at(0);
  EXPECT_EQ(answer["type"].AsString(), "tool_result");
  EXPECT_EQ(answer["tool_use_id"].AsString(), "toolu_cut");
  EXPECT_TRUE(answer["is_error"].AsBool());
}

}  // namespace
}  // namespace runner::e2e

namespace runner::e2e {
namespace {

TEST_F(E2eTest, VerboseJsonPrintsTheWholeMessageArray) {
  FakeApi api(kOk);
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<base::Json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const base::Json& all = lines[0];
  ASSERT_TRUE(all.is_array());
  ASSERT_GE(all.size(), 3u);
  EXPECT_EQ(all.at(0)["subtype"].AsString(), "init");
  EXPECT_EQ(all.at(1)["type"].AsString(), "assistant");
  EXPECT_EQ(all.at(all.size() - 1)["type"].AsString(), "result");
}

TEST_F(E2eTest, SigintEndsTheRunWithExitCode130AndAResult) {
  FakeApi api(R"({"turns":[{"stall_ms":30000}]})");
  std::vector<std::string> argv = {RunnerPath(), "-p", "hi", "--output-format", "json"};
  Child child(argv, Env(api), work_.path());
  child.CloseStdin();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  child.Signal(SIGINT);
  RunOutput r = child.Wait(10000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  base::Json result = JsonLines(r.out).at(0);
  EXPECT_EQ(result["subtype"].AsString(), "error_during_execution");
  EXPECT_EQ(result["errors"].at(0).AsString(), "Run interrupted by SIGINT");
}

}  // namespace
}  // namespace runner::e2e
