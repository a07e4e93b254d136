// End-to-end: transcripts, --resume, --continue, --fork-session, and a SIGKILLed run.
#include <signal.h>

#include <thread>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kTwoAnswers[] = R"({"turns":[
  {"content":[{"type":"text","text":"first answer"}],"stop_reason":"end_turn"},
  {"content":[{"type":"text","text":"second answer"}],"stop_reason":"end_turn"}]})";

TEST_F(E2eTest, TranscriptLivesUnderTheProjectKey) {
  FakeApi api(kTwoAnswers);
  RunOutput r = Run(api, {"-p", "q1", "--output-format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string id = JsonLines(r.out).at(0)["session_id"].AsString();
  std::string key = work_.path().string();
  for (char& c : key) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  fs::path expected = home_.path() / ".claude" / "projects" / key / (id + ".jsonl");
  ASSERT_TRUE(fs::exists(expected)) << expected;
  std::vector<Json> lines = JsonLines(ReadText(expected));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0]["type"].AsString(), "user");
  EXPECT_EQ(lines[0]["sessionId"].AsString(), id);
  EXPECT_EQ(lines[1]["parentUuid"].AsString(), lines[0]["uuid"].AsString());
}

TEST_F(E2eTest, ResumeContinuesTheConversation) {
  FakeApi api(kTwoAnswers);
  RunOutput first = Run(api, {"-p", "q1", "--output-format", "json"});
  std::string id = JsonLines(first.out).at(0)["session_id"].AsString();
  RunOutput second = Run(api, {"-p", "q2", "--output-format", "json", "--resume", id});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(JsonLines(second.out).at(0)["session_id"].AsString(), id);
  const Json msgs = api.Requests().at(1)["body"]["messages"];
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_NE(msgs.at(1).Dump().find("first answer"), std::string::npos);
  EXPECT_EQ(Transcripts().size(), 1u);
}

TEST_F(E2eTest, ContinuePicksTheLatestSessionAndForkMakesANewOne) {
  FakeApi api(kTwoAnswers);
  RunOutput first = Run(api, {"-p", "q1", "--output-format", "json"});
  std::string id = JsonLines(first.out).at(0)["session_id"].AsString();
  RunOutput second = Run(api, {"-p", "q2", "--output-format", "json", "--continue", "--fork-session"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::string forked = JsonLines(second.out).at(0)["session_id"].AsString();
  EXPECT_NE(forked, id);
  EXPECT_EQ(api.Requests().at(1)["body"]["messages"].size(), 3u);
  EXPECT_EQ(Transcripts().size(), 2u);
}

TEST_F(E2eTest, ResumeOfAnUnknownSessionIsAUsageError) {
  FakeApi api(kTwoAnswers);
  RunOutput r = Run(api, {"-p", "q", "--resume", "123e4567-e89b-42d3-a456-426614174000"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("No conversation found"), std::string::npos) << r.err;
}

TEST_F(E2eTest, NoSessionPersistenceWritesNoTranscript) {
  FakeApi api(kTwoAnswers);
  ASSERT_EQ(Run(api, {"-p", "q1", "--no-session-persistence"}).exit_code, 0);
  EXPECT_TRUE(Transcripts().empty());
}

TEST_F(E2eTest, SigkilledRunLeavesATranscriptThatResumes) {
  FakeApi api(R"({"turns":[
    {"content":[{"type":"text","text":"running a long step"},{"type":"tool_use","name":"Bash","input":{"command":"sleep 33.3"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"resumed fine"}],"stop_reason":"end_turn"}]})");
  std::vector<std::string> argv = {RunnerPath(), "-p", "long job", "--output-format", "stream-json",
                                   "--allowedTools", "Bash"};
  Child child(argv, Env(api), work_.path());
  child.CloseStdin();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  child.Signal(SIGKILL);
  RunOutput killed = child.Wait(5000);
  EXPECT_EQ(killed.term_signal, SIGKILL);
  // A SIGKILLed runner cannot reap its children: clean up the one it left.
  std::system("pkill -f 'sleep 33.3' >/dev/null 2>&1");
  std::string id = JsonLines(killed.out).at(0)["session_id"].AsString();
  RunOutput resumed = Run(api, {"-p", "carry on", "--output-format", "json", "--resume", id});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(JsonLines(resumed.out).at(0)["result"].AsString(), "resumed fine");
  // The API accepted the rebuilt history: prompt, assistant with tool_use, a tool_result, new prompt.
  const Json msgs = api.Requests().at(1)["body"]["messages"];
  ASSERT_GE(msgs.size(), 3u);
  EXPECT_NE(msgs.at(1).Dump().find("tool_use"), std::string::npos);
  EXPECT_NE(msgs.at(2).Dump().find("tool_result"), std::string::npos);
}

}  // namespace
}  // namespace runner::e2e
