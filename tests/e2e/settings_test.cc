// End-to-end: settings files (user, project, local, --settings, managed) reach the run.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kBashThenDone[] = R"({"turns":[
  {"content":[{"type":"tool_use","id":"toolu_b","name":"Bash","input":{"command":"echo \"team=$TEAM\""}}],"stop_reason":"tool_use"},
  {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";

TEST_F(E2eTest, ProjectSettingsAllowToolsSetEnvAndModel) {
  WriteText(work_.path() / ".claude" / "settings.json",
            R"({"permissions":{"allow":["Bash"]},"env":{"TEAM":"platform"},"model":"sonnet"})");
  FakeApi api(kBashThenDone);
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json user = OfType(JsonLines(r.out), "user").at(0);
  EXPECT_EQ(user["tool_use_result"]["stdout"].AsString(), "team=platform");
  EXPECT_EQ(api.Requests().at(0)["body"]["model"].AsString(), "claude-sonnet-5-5");
}

TEST_F(E2eTest, CommandLineBeatsSettingsAndDenyRulesWin) {
  WriteText(work_.path() / ".claude" / "settings.json", R"({"model":"sonnet","permissions":{"allow":["Bash"]}})");
  WriteText(work_.path() / ".claude" / "settings.local.json", R"({"permissions":{"deny":["Bash"]}})");
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "go", "--model", "haiku"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json body = api.Requests().at(0)["body"];
  EXPECT_EQ(body["model"].AsString(), "claude-haiku-5-5");
  for (const Json& t : body["tools"].items()) {
    EXPECT_NE(t["name"].AsString(), "Bash");  // a plain deny rule removes the tool
  }
}

TEST_F(E2eTest, InlineSettingsFlagAndSettingSources) {
  WriteText(home_.path() / ".claude" / "settings.json", R"({"model":"haiku"})");
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"},
                          {"content":[{"type":"text","text":"b"}],"stop_reason":"end_turn"},
                          {"content":[{"type":"text","text":"c"}],"stop_reason":"end_turn"}]})");
  ASSERT_EQ(Run(api, {"-p", "go"}).exit_code, 0);
  ASSERT_EQ(Run(api, {"-p", "go", "--setting-sources", "project"}).exit_code, 0);
  ASSERT_EQ(Run(api, {"-p", "go", "--settings", R"({"model":"sonnet"})"}).exit_code, 0);
  std::vector<Json> reqs = api.Requests();
  EXPECT_EQ(reqs[0]["body"]["model"].AsString(), "claude-haiku-5-5");   // user settings
  EXPECT_EQ(reqs[1]["body"]["model"].AsString(), "claude-opus-5-5");    // user file not loaded
  EXPECT_EQ(reqs[2]["body"]["model"].AsString(), "claude-sonnet-5-5");  // --settings beats user
}

TEST_F(E2eTest, ManagedSettingsWinAndCanDisableBypass) {
  TempDir managed;
  WriteText(managed.path() / "managed-settings.json",
            R"({"model":"fable","permissions":{"disableBypassPermissionsMode":"disable"}})");
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"}]})");
  std::map<std::string, std::string> extra = {{"CLAUDE_RUNNER_MANAGED_SETTINGS_DIR", managed.path().string()}};
  WriteText(work_.path() / ".claude" / "settings.json", R"({"model":"sonnet"})");
  ASSERT_EQ(Run(api, {"-p", "go"}, "", extra).exit_code, 0);
  EXPECT_EQ(api.Requests().at(0)["body"]["model"].AsString(), "claude-fable-5-2");
  RunOutput bypass = Run(api, {"-p", "go", "--permission-mode", "bypassPermissions"}, "", extra);
  EXPECT_EQ(bypass.exit_code, 2);
  EXPECT_NE(bypass.err.find("disableBypassPermissionsMode"), std::string::npos) << bypass.err;
}

TEST_F(E2eTest, AllFiveLayersInteract) {
  // user < project < local < --settings < managed; rules from every layer add up, and a deny
  // anywhere (here managed) beats an allow anywhere (here the command line).
  WriteText(home_.path() / ".claude" / "settings.json",
            R"j({"model":"haiku","env":{"LAYER":"user"},"permissions":{"allow":["Bash(echo:*)"]}})j");
  WriteText(work_.path() / ".claude" / "settings.json",
            R"j({"model":"sonnet","env":{"LAYER":"project"},"permissions":{"allow":["Bash(touch:*)"]}})j");
  WriteText(work_.path() / ".claude" / "settings.local.json",
            R"j({"model":"opus","env":{"LAYER":"local"}})j");
  TempDir managed;
  WriteText(managed.path() / "managed-settings.json", R"j({"permissions":{"deny":["Bash(curl:*)"]}})j");
  std::map<std::string, std::string> extra = {
      {"CLAUDE_RUNNER_MANAGED_SETTINGS_DIR", managed.path().string()}};
  FakeApi api(R"j({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_echo","name":"Bash","input":{"command":"echo layer=$LAYER"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"tool_use","id":"toolu_curl","name":"Bash","input":{"command":"curl -s http://127.0.0.1:9/"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"tool_use","id":"toolu_touch","name":"Bash","input":{"command":"touch made-by-project"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})j");
  RunOutput r = Run(api,
                    {"-p", "go", "--output-format", "json", "--allowedTools", "Bash(curl:*)",
                     "--settings", R"j({"model":"fable"})j"},
                    "", extra);
  ASSERT_EQ(r.exit_code, 0) << r.err;  // denials are reported, not failures (as in Claude Code)
  Json result = *Json::Parse(r.out);
  ASSERT_EQ(result["permission_denials"].size(), 1u) << r.out;
  EXPECT_EQ(result["permission_denials"].at(0)["tool_use_id"].AsString(), "toolu_curl");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(reqs[0]["body"]["model"].AsString(), "claude-fable-5-2");  // --settings beats local
  std::string second = reqs[1]["body"]["messages"].Dump();
  EXPECT_NE(second.find("layer=local"), std::string::npos) << second;  // local beats project, user
  std::string third = reqs[2]["body"]["messages"].Dump();
  EXPECT_NE(third.find("Permission to use Bash"), std::string::npos) << third;
  EXPECT_TRUE(fs::exists(work_.path() / "made-by-project"));  // the project's allow rule
}

TEST_F(E2eTest, ApiKeyHelperGivesTheCredentialWhenTheEnvironmentHasNone) {
  WriteText(work_.path() / ".claude" / "settings.json",
            R"j({"apiKeyHelper":"printf 'sk-from-helper\n'"})j");
  FakeApi api(R"j({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"}]})j");
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--verbose"}, "",
                    {{"ANTHROPIC_API_KEY", ""}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json request = api.Requests().at(0);
  EXPECT_EQ(request["headers"]["x-api-key"].AsString(), "sk-from-helper");
  EXPECT_EQ(request["headers"]["authorization"].AsString(), "Bearer sk-from-helper");
  EXPECT_EQ(JsonLines(r.out).at(0)["apiKeySource"].AsString(), "apiKeyHelper");

  // A failing helper is an authentication error (exit 6) naming the command.
  WriteText(work_.path() / ".claude" / "settings.json",
            R"j({"apiKeyHelper":"echo no vault >&2; exit 3"})j");
  RunOutput bad = Run(api, {"-p", "go"}, "", {{"ANTHROPIC_API_KEY", ""}});
  EXPECT_EQ(bad.exit_code, 6) << bad.out << bad.err;
  EXPECT_NE((bad.out + bad.err).find("apiKeyHelper failed: 'echo no vault >&2; exit 3' exited with status 3: no vault"),
            std::string::npos) << bad.out << bad.err;
}

TEST_F(E2eTest, BadSettingsFileIsAClearErrorAndUnknownKeysOnlyWarn) {
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"}]})");
  WriteText(work_.path() / ".claude" / "settings.json", R"({"permissions":{"allow":"Bash"}})");
  RunOutput wrong_type = Run(api, {"-p", "go"});
  EXPECT_EQ(wrong_type.exit_code, 2);
  EXPECT_NE(wrong_type.err.find("settings.json: key 'permissions.allow' must be an array of strings"),
            std::string::npos) << wrong_type.err;
  WriteText(work_.path() / ".claude" / "settings.json", "{ not json");
  RunOutput bad_json = Run(api, {"-p", "go"});
  EXPECT_EQ(bad_json.exit_code, 2);
  EXPECT_NE(bad_json.err.find("settings.json: invalid JSON"), std::string::npos) << bad_json.err;
  EXPECT_TRUE(api.Requests().empty());
  WriteText(work_.path() / ".claude" / "settings.json", R"({"someFutureKey":1})");
  RunOutput unknown = Run(api, {"-p", "go"});
  EXPECT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_NE(unknown.err.find("unknown setting 'someFutureKey'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace runner::e2e
