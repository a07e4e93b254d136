// End-to-end: turn and budget limits, --timeout, SIGTERM, structured output, streaming shapes.
#include <signal.h>

#include <thread>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kBashLoop[] = R"({"turns":[
 {"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo one"}}],"stop_reason":"tool_use","usage":{"input_tokens":12458,"output_tokens":20}},
 {"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo two"}}],"stop_reason":"tool_use","usage":{"input_tokens":12580,"output_tokens":19}},
 {"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo three"}}],"stop_reason":"tool_use"},
 {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";

TEST_F(E2eTest, MaxTurnsEndsWithErrorMaxTurns) {
  FakeApi api(kBashLoop);
  RunOutput r = Run(api, {"-p", "loop", "--output-format", "stream-json", "--max-turns", "1",
                          "--allowedTools", "Bash"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  Json result = lines.back();
  EXPECT_EQ(result["type"].AsString(), "result");
  EXPECT_EQ(result["subtype"].AsString(), "error_max_turns");
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(result["num_turns"].AsInt(), 2);
  EXPECT_EQ(result["terminal_reason"].AsString(), "max_turns");
  EXPECT_EQ(result["errors"].at(0).AsString(), "Reached maximum number of turns (1)");
  EXPECT_FALSE(result.Contains("result"));
  EXPECT_EQ(OfType(lines, "user").size(), 1u);  // the first tool still ran
  EXPECT_EQ(api.Requests().size(), 1u);
}

TEST_F(E2eTest, BudgetStopsTheRun) {
  FakeApi api(kBashLoop);
  RunOutput r = Run(api, {"-p", "loop", "--output-format", "json", "--max-budget-usd", "0.1",
                          "--allowedTools", "Bash"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  Json result = JsonLines(r.out).at(0);
  EXPECT_EQ(result["subtype"].AsString(), "error_max_budget_usd");
  EXPECT_EQ(result["terminal_reason"].AsString(), "budget_exhausted");
  EXPECT_EQ(result["num_turns"].AsInt(), 2);
  EXPECT_GT(result["total_cost_usd"].AsDouble(), 0.1);
  EXPECT_EQ(result["errors"].at(0).AsString(), "Reached maximum budget ($0.1)");
}

TEST_F(E2eTest, TimeoutEndsAStalledRunWithAResult) {
  FakeApi api(R"({"turns":[{"stall_ms":30000}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "json", "--timeout", "1s"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_LT(r.wall_ms, 10000);
  Json result = JsonLines(r.out).at(0);
  EXPECT_EQ(result["subtype"].AsString(), "error_during_execution");
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_NE(result["errors"].at(0).AsString().find("timed out"), std::string::npos);
}

TEST_F(E2eTest, TimeoutDuringAToolKillsTheCommand) {
  FakeApi api(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"sleep 31.25"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"never"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--timeout", "1500ms",
                          "--allowedTools", "Bash"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_LT(r.wall_ms, 10000);
  Json result = JsonLines(r.out).back();
  EXPECT_EQ(result["terminal_reason"].AsString(), "aborted_tools");
  EXPECT_EQ(CountProcesses("sleep 31.25", work_.path()), 0) << "the tool's process was not reaped";
}

TEST_F(E2eTest, SigtermMidRunFlushesAResultAndTheTranscript) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"thinking..."},{"type":"tool_use","name":"Bash","input":{"command":"sleep 32.5 & sleep 32.75"}}],"stop_reason":"tool_use"}]})");
  std::vector<std::string> argv = {RunnerPath(), "-p", "hi", "--output-format", "stream-json",
                                   "--allowedTools", "Bash"};
  Child child(argv, Env(api), work_.path());
  child.CloseStdin();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  child.Signal(SIGTERM);
  RunOutput r = child.Wait(10000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 143) << r.err;
  Json result = JsonLines(r.out).back();
  EXPECT_EQ(result["type"].AsString(), "result");
  EXPECT_EQ(result["subtype"].AsString(), "error_during_execution");
  ASSERT_EQ(Transcripts().size(), 1u);
  std::string transcript = ReadText(Transcripts()[0]);
  EXPECT_NE(transcript.find("thinking..."), std::string::npos);
  EXPECT_EQ(CountProcesses("sleep 32.", work_.path()), 0) << "children of the Bash tool survived SIGTERM";
}

TEST_F(E2eTest, StructuredOutputLandsInTheResult) {
  FakeApi api(R"({"turns":[{"content":[{"type":"tool_use","name":"StructuredOutput","input":{"verdict":"pass","count":2}}],"stop_reason":"tool_use"}]})");
  RunOutput r = Run(api, {"-p", "judge", "--output-format", "json", "--json-schema",
                          R"({"type":"object","properties":{"verdict":{"type":"string"},"count":{"type":"integer"}},"required":["verdict"]})"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  Json result = JsonLines(r.out).at(0);
  EXPECT_EQ(result["structured_output"].Dump(), R"({"verdict":"pass","count":2})");
  const Json tools = api.Requests().at(0)["body"]["tools"];
  bool offered = false;
  for (const Json& t : tools.items()) offered = offered || t["name"].AsString() == "StructuredOutput";
  EXPECT_TRUE(offered);
}

TEST_F(E2eTest, StructuredOutputMissingIsAnError) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"b"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"c"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"d"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "judge", "--output-format", "json", "--json-schema", R"({"type":"object"})"});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_EQ(JsonLines(r.out).at(0)["subtype"].AsString(), "error_max_structured_output_retries");
}

TEST_F(E2eTest, PartialMessagesStreamEveryEventInOrder) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"Hello from the mock."}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose",
                          "--include-partial-messages"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> kinds;
  for (const Json& l : JsonLines(r.out)) {
    std::string k = l["type"].AsString();
    if (k == "stream_event") k += ":" + l["event"]["type"].AsString();
    if (k == "system") k += ":" + l["subtype"].AsString();
    if (kinds.empty() || kinds.back() != k) kinds.push_back(k);
  }
  std::vector<std::string> expected = {
      "system:init", "system:status", "stream_event:message_start",
      "stream_event:content_block_start", "stream_event:content_block_delta",
      "assistant", "stream_event:content_block_stop", "stream_event:message_delta",
      "stream_event:message_stop", "result"};
  // Claude Code prints the assistant line at content_block_stop; we allow either side of it.
  std::vector<std::string> alt = expected;
  std::swap(alt[5], alt[6]);
  EXPECT_TRUE(kinds == expected || kinds == alt) << ::testing::PrintToString(kinds);
}

TEST_F(E2eTest, StreamJsonInputRunsTwoTurnsInOneProcess) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"first answer"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"second answer"}],"stop_reason":"end_turn"}]})");
  std::string input =
      R"({"type":"user","message":{"role":"user","content":[{"type":"text","text":"first question"}]}})"
      "\n"
      R"({"type":"user","session_id":"","message":{"role":"user","content":"second question"},"parent_tool_use_id":null})"
      "\n";
  RunOutput r = Run(api, {"-p", "--input-format", "stream-json", "--output-format", "stream-json",
                          "--verbose"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> results = OfType(JsonLines(r.out), "result");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["result"].AsString(), "first answer");
  EXPECT_EQ(results[1]["result"].AsString(), "second answer");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1]["body"]["messages"].size(), 3u);  // q1, a1, q2
}

}  // namespace
}  // namespace runner::e2e
