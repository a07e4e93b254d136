// End-to-end: the real claude-runner binary against the scripted Messages API server over HTTP.
#include <signal.h>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kHello[] = R"({"turns":[
  {"content":[{"type":"text","text":"Hello from the replay."}],"stop_reason":"end_turn",
   "usage":{"input_tokens":12451,"output_tokens":6}}]})";

/// The plain print-mode suite shares the e2e fixture.
class PrintMode : public E2eTest {};

TEST_F(PrintMode, TextOutputPrintsOnlyTheAnswer) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p", "say hello"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello from the replay.\n");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"].AsString(), "/v1/messages?beta=true");
  EXPECT_EQ(reqs[0]["headers"]["x-api-key"].AsString(), "sk-test-key");
  EXPECT_EQ(reqs[0]["headers"]["anthropic-version"].AsString(), "2023-06-01");
  EXPECT_FALSE(reqs[0]["headers"]["x-claude-code-session-id"].AsString().empty());
  EXPECT_TRUE(reqs[0]["body"]["stream"].AsBool());
  EXPECT_EQ(reqs[0]["body"]["model"].AsString(), "claude-opus-5-5");
  const Json& msgs = reqs[0]["body"]["messages"];
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs.at(0)["role"].AsString(), "user");
}

TEST_F(PrintMode, JsonOutputIsOneResultObject) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p", "say hello", "--output-format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const Json& res = lines[0];
  EXPECT_EQ(res["type"].AsString(), "result");
  EXPECT_EQ(res["subtype"].AsString(), "success");
  EXPECT_FALSE(res["is_error"].AsBool());
  EXPECT_EQ(res["result"].AsString(), "Hello from the replay.");
  EXPECT_EQ(res["num_turns"].AsInt(), 1);
  EXPECT_DOUBLE_EQ(res["total_cost_usd"].AsDouble(), 0.049924);
  EXPECT_EQ(res["modelUsage"]["claude-opus-5-5"]["inputTokens"].AsInt(), 12451);
  EXPECT_EQ(res["terminal_reason"].AsString(), "completed");
  EXPECT_TRUE(res["permission_denials"].is_array());
}

TEST_F(PrintMode, PromptArgumentAndPipedStdinAreCombined) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p", "summarize this"}, "line one\nline two\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 1u);
  std::string sent = reqs[0]["body"]["messages"].at(0)["content"].Dump();
  EXPECT_NE(sent.find("summarize this"), std::string::npos) << sent;
  EXPECT_NE(sent.find("line two"), std::string::npos) << sent;
}

TEST_F(PrintMode, StdinThatNeverClosesDoesNotHangTheRun) {
  FakeApi api(kHello);
  std::vector<std::string> argv = {RunnerPath(), "-p", "hi"};
  Child child(argv, Env(api), work_.path());  // stdin stays open and silent
  RunOutput r = child.Wait(20000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello from the replay.\n");
}

TEST_F(PrintMode, MissingPromptIsAUsageError) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Input must be provided"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(PrintMode, UnknownFlagGivesOneLineAndUsageExitCode) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p", "hi", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(api.Requests().empty());
}

TEST_F(PrintMode, MalformedFlagValueIsAUsageError) {
  FakeApi api(kHello);
  EXPECT_EQ(Run(api, {"-p", "hi", "--max-turns", "zero"}).exit_code, 2);
  EXPECT_EQ(Run(api, {"-p", "hi", "--output-format", "xml"}).exit_code, 2);
  EXPECT_EQ(Run(api, {"-p", "hi", "--timeout", "soon"}).exit_code, 2);
  EXPECT_EQ(Run(api, {"-p", "hi", "--json-schema", "{not json"}).exit_code, 2);
}

TEST_F(PrintMode, VersionAndHelp) {
  FakeApi api(kHello);
  RunOutput v = Run(api, {"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("(claude-runner)"), std::string::npos);
  RunOutput h = Run(api, {"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--output-format"), std::string::npos);
}

TEST_F(PrintMode, ModelAliasesResolve) {
  FakeApi api(kHello);
  RunOutput r = Run(api, {"-p", "hi", "--model", "sonnet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(api.Requests().at(0)["body"]["model"].AsString(), "claude-sonnet-5-5");
}

TEST_F(PrintMode, SystemPromptFlagsReachTheRequest) {
  FakeApi api(kHello);
  WriteText(work_.path() / "extra.txt", "APPENDED-FROM-FILE");
  RunOutput r = Run(api, {"-p", "hi", "--system-prompt", "CUSTOM-SYSTEM", "--append-system-prompt-file",
                          (work_.path() / "extra.txt").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string system = api.Requests().at(0)["body"]["system"].Dump();
  EXPECT_NE(system.find("CUSTOM-SYSTEM"), std::string::npos);
  EXPECT_NE(system.find("APPENDED-FROM-FILE"), std::string::npos);
}

}  // namespace
}  // namespace runner::e2e
