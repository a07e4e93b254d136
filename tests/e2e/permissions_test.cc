// End-to-end: permission rules with specifiers, working directories and ask rules.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

std::string TwoBash(const std::string& first, const std::string& second) {
  Json script = base::JsonObject({{"turns", base::JsonArray({
      base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "tool_use"}, {"id", "t1"}, {"name", "Bash"},
          {"input", base::JsonObject({{"command", first}})}})})}}),
      base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "tool_use"}, {"id", "t2"}, {"name", "Bash"},
          {"input", base::JsonObject({{"command", second}})}})})}}),
      base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "text"}, {"text", "done"}})})}})})}});
  return script.Dump();
}

TEST_F(E2eTest, PrefixRuleAllowsTheCommandButNotACompoundThatSmugglesAnother) {
  FakeApi api(TwoBash("echo safe", "echo safe; touch pwned"));
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--allowedTools", "Bash(echo:*)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(work_.path() / "pwned"));
  std::vector<Json> users = OfType(JsonLines(r.out), "user");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_FALSE(users[0]["message"]["content"].at(0)["is_error"].AsBool());
  EXPECT_TRUE(users[1]["message"]["content"].at(0)["is_error"].AsBool());
  Json result = JsonLines(r.out).back();
  ASSERT_EQ(result["permission_denials"].size(), 1u);
  EXPECT_EQ(result["permission_denials"].at(0)["tool_use_id"].AsString(), "t2");
}

TEST_F(E2eTest, FileToolsStayInsideTheWorkingDirectories) {
  TempDir outside;
  WriteText(outside.path() / "secret.txt", "s3cret\n");
  std::string script = R"({"turns":[{"content":[{"type":"tool_use","id":"r1","name":"Read","input":{"file_path":")" +
                       (outside.path() / "secret.txt").string() +
                       R"("}}],"stop_reason":"tool_use"},{"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";
  FakeApi denied(script);
  RunOutput r = Run(denied, {"-p", "go", "--output-format", "stream-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json block = OfType(JsonLines(r.out), "user").at(0)["message"]["content"].at(0);
  EXPECT_TRUE(block["is_error"].AsBool());
  EXPECT_EQ(block["content"].Dump().find("s3cret"), std::string::npos);
  FakeApi allowed(script);
  RunOutput r2 = Run(allowed, {"-p", "go", "--output-format", "stream-json", "--add-dir", outside.path().string()});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_NE(OfType(JsonLines(r2.out), "user").at(0)["message"]["content"].Dump().find("s3cret"), std::string::npos);
}

TEST_F(E2eTest, AskRuleFromSettingsDeniesHeadlessButKeepsTheTool) {
  WriteText(work_.path() / ".claude" / "settings.json", R"j({"permissions":{"allow":["Bash"],"ask":["Bash(rm:*)"]}})j");
  FakeApi api(TwoBash("touch keep.txt", "rm keep.txt"));
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(work_.path() / "keep.txt"));
  bool offered = false;
  const Json tools = api.Requests().at(0)["body"]["tools"];
  for (const Json& t : tools.items()) offered = offered || t["name"].AsString() == "Bash";
  EXPECT_TRUE(offered);
  EXPECT_EQ(OfType(JsonLines(r.out), "system", "permission_denied").size(), 1u);
}

}  // namespace
}  // namespace runner::e2e
