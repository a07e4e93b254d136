// End-to-end: a scripted session that uses Bash, Write, Read and Edit on real files.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

std::string ToolScript(const fs::path& dir) {
  std::string d = dir.string();
  return R"({"turns":[
 {"content":[{"type":"text","text":"Creating the file."},
   {"type":"tool_use","id":"toolu_w","name":"Write","input":{"file_path":")" + d + R"(/notes.txt","content":"alpha\nbeta\n"}}],
  "stop_reason":"tool_use"},
 {"content":[{"type":"tool_use","id":"toolu_r","name":"Read","input":{"file_path":")" + d + R"(/notes.txt"}}],
  "stop_reason":"tool_use"},
 {"content":[{"type":"tool_use","id":"toolu_e","name":"Edit","input":{"file_path":")" + d + R"(/notes.txt","old_string":"beta","new_string":"gamma"}}],
  "stop_reason":"tool_use"},
 {"content":[{"type":"tool_use","id":"toolu_b","name":"Bash","input":{"command":"cat notes.txt && echo done","description":"Show file"}}],
  "stop_reason":"tool_use"},
 {"content":[{"type":"text","text":"All done."}],"stop_reason":"end_turn"}]})";
}

TEST_F(E2eTest, MultiToolSessionChangesFilesAndReportsResults) {
  FakeApi api(ToolScript(work_.path()));
  RunOutput r = Run(api, {"-p", "make notes", "--output-format", "stream-json", "--verbose",
                          "--allowedTools", "Bash,Write,Edit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadText(work_.path() / "notes.txt"), "alpha\ngamma\n");
  std::vector<Json> lines = JsonLines(r.out);
  std::vector<Json> users = OfType(lines, "user");
  ASSERT_EQ(users.size(), 4u);
  auto result_of = [&](size_t i) { return users[i]["message"]["content"].at(0); };
  EXPECT_EQ(result_of(0)["tool_use_id"].AsString(), "toolu_w");
  EXPECT_FALSE(result_of(0)["is_error"].AsBool());
  EXPECT_NE(result_of(1)["content"].Dump().find("alpha"), std::string::npos);
  EXPECT_EQ(users[1]["tool_use_result"]["file"]["numLines"].AsInt(), 2);
  EXPECT_EQ(result_of(3)["content"].AsString(), "alpha\ngamma\ndone");
  EXPECT_EQ(users[3]["tool_use_result"]["stdout"].AsString(), "alpha\ngamma\ndone");
  EXPECT_EQ(users[3]["tool_use_result"]["interrupted"].AsBool(), false);
  Json result = OfType(lines, "result").at(0);
  EXPECT_EQ(result["num_turns"].AsInt(), 5);
  EXPECT_EQ(result["result"].AsString(), "All done.");
  // The model saw every tool result in the following request.
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 5u);
  const Json& last = reqs[4]["body"]["messages"];
  EXPECT_EQ(last.size(), 9u);
  EXPECT_EQ(last.at(8)["content"].at(0)["type"].AsString(), "tool_result");
}

TEST_F(E2eTest, UngrantedWriteIsDeniedAndReported) {
  FakeApi api(ToolScript(work_.path()));
  RunOutput r = Run(api, {"-p", "make notes", "--output-format", "stream-json", "--max-turns", "1"});
  EXPECT_FALSE(fs::exists(work_.path() / "notes.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  std::vector<Json> denied = OfType(lines, "system", "permission_denied");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0]["tool_name"].AsString(), "Write");
  Json user = OfType(lines, "user").at(0);
  EXPECT_TRUE(user["message"]["content"].at(0)["is_error"].AsBool());
  Json result = OfType(lines, "result").at(0);
  ASSERT_EQ(result["permission_denials"].size(), 1u);
  EXPECT_EQ(result["permission_denials"].at(0)["tool_name"].AsString(), "Write");
}

TEST_F(E2eTest, ToolsFlagLimitsWhatTheModelIsOffered) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "hi", "--tools", "Read,Bash", "--disallowedTools", "Bash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json tools = api.Requests().at(0)["body"]["tools"];
  ASSERT_EQ(tools.size(), 1u);
  EXPECT_EQ(tools.at(0)["name"].AsString(), "Read");
}

TEST_F(E2eTest, SubprocessEnvScrubKeepsCredentialsFromCommands) {
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo \"key=[$ANTHROPIC_API_KEY] gh=[$GITHUB_TOKEN] in=[$INPUT_GITHUB_TOKEN] keep=[$KEEP_ME]\""}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"},
    {"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo \"key=[$ANTHROPIC_API_KEY] gh=[$GITHUB_TOKEN] in=[$INPUT_GITHUB_TOKEN] keep=[$KEEP_ME]\""}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})");
  std::map<std::string, std::string> extra = {{"GITHUB_TOKEN", "ghs_secret"}, {"INPUT_GITHUB_TOKEN", "ghp_input"},
                                              {"KEEP_ME", "visible"}};
  RunOutput plain = Run(api, {"-p", "go", "--allowedTools", "Bash", "--output-format", "stream-json", "--verbose"}, "", extra);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("key=[sk-test-key] gh=[ghs_secret]"), std::string::npos);
  extra["CLAUDE_CODE_SUBPROCESS_ENV_SCRUB"] = "1";
  RunOutput scrubbed = Run(api, {"-p", "go", "--allowedTools", "Bash", "--output-format", "stream-json", "--verbose"}, "", extra);
  ASSERT_EQ(scrubbed.exit_code, 0) << scrubbed.err;  // the model call itself still has its key
  EXPECT_NE(scrubbed.out.find("key=[] gh=[] in=[] keep=[visible]"), std::string::npos) << scrubbed.out;
}

}  // namespace
}  // namespace runner::e2e
