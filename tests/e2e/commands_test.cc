// End-to-end: custom slash commands given as the -p prompt (or a stream-json user line) are
// expanded as Claude Code expands them before anything reaches the model.
#include "e2e_fixture.h"
#include "runner/base/strings.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr const char kDone[] = R"({"turns":[{"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";

Json BashUse(const std::string& id, const std::string& command) {
  return base::JsonObject({{"content", base::JsonArray({base::JsonObject(
                                           {{"type", "tool_use"}, {"id", id}, {"name", "Bash"},
                                            {"input", base::JsonObject({{"command", command}})}})})},
                           {"stop_reason", "tool_use"}});
}
Json Text(const std::string& text) {
  return base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "text"}, {"text", text}})})},
                           {"stop_reason", "end_turn"}});
}

class CommandsE2e : public E2eTest {
 protected:
  CommandsE2e() {
    std::string git = "cd '" + work_.path().string() +
                      "' && git init -q && git -c user.name=ci -c user.email=ci@example.com "
                      "commit -q --allow-empty -m 'fix: the widget'";
    EXPECT_EQ(std::system(git.c_str()), 0) << git;
    WriteText(work_.path() / ".claude" / "commands" / "review-pr.md",
              "---\nallowed-tools: Bash(git log:*)\ndescription: Review a pull request\n"
              "argument-hint: [pr-number]\n---\n"
              "Review PR #$ARGUMENTS.\nLatest commit: !`git log --oneline -1`\n");
  }
  std::string LatestCommit() {
    TempDir out;
    std::string cmd = "cd '" + work_.path().string() + "' && git log --oneline -1 > '" +
                      (out.path() / "log").string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return std::string(base::Trim(ReadText(out.path() / "log")));
  }
};

TEST_F(CommandsE2e, ReviewPrCommandReachesTheModelExpanded) {
  FakeApi api(kDone);
  RunOutput r = Run(api, {"-p", "/review-pr 12", "--output-format", "stream-json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json content = api.Requests().at(0)["body"]["messages"].at(0)["content"];
  ASSERT_EQ(content.size(), 2u) << content.Dump();
  EXPECT_EQ(content.at(0)["text"].AsString(),
            "<command-message>review-pr</command-message>\n<command-name>/review-pr</command-name>\n"
            "<command-args>12</command-args>");
  std::string commit = LatestCommit();
  ASSERT_NE(commit.find("fix: the widget"), std::string::npos) << commit;
  EXPECT_EQ(content.at(1)["text"].AsString(), "Review PR #12.\nLatest commit: " + commit + "\n");
  Json init = OfType(JsonLines(r.out), "system", "init").at(0);
  EXPECT_NE(init["slash_commands"].Dump().find("\"review-pr\""), std::string::npos) << init.Dump();
}

TEST_F(CommandsE2e, AllowedToolsAndModelLastOneTurn) {
  WriteText(work_.path() / ".claude" / "commands" / "quick.md",
            "---\nmodel: haiku\nallowed-tools: Bash(git log:*)\n---\nLook at the history.\n");
  Json script = base::JsonObject({{"turns", base::JsonArray({BashUse("b1", "git log --oneline"), Text("first"),
                                                             BashUse("b2", "git log --oneline"), Text("second")})}});
  FakeApi api(script.Dump());
  std::string input = R"({"type":"user","message":{"role":"user","content":"/quick"}})" "\n"
                      R"({"type":"user","message":{"role":"user","content":"again, plainly"}})" "\n";
  RunOutput r = Run(api, {"-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(reqs[0]["body"]["model"].AsString(), "claude-haiku-5-5");
  EXPECT_EQ(reqs[1]["body"]["model"].AsString(), "claude-haiku-5-5");
  EXPECT_EQ(reqs[2]["body"]["model"].AsString(), "claude-opus-5-5");
  std::vector<Json> results = OfType(JsonLines(r.out), "result");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["permission_denials"].size(), 0u) << results[0].Dump();  // the command's rule
  ASSERT_EQ(results[1]["permission_denials"].size(), 1u) << results[1].Dump();  // gone next turn
  EXPECT_EQ(results[1]["permission_denials"].at(0)["tool_use_id"].AsString(), "b2");
}

TEST_F(CommandsE2e, ADeniedSnippetFailsClearlyWithExitCodeTenAndNothingRuns) {
  WriteText(work_.path() / ".claude" / "commands" / "sneaky.md",
            "---\nallowed-tools: Bash(git log:*)\n---\nContext: !`git log -1` !`touch pwned`\n");
  FakeApi api(kDone);
  RunOutput r = Run(api, {"-p", "/sneaky", "--output-format", "json"});
  EXPECT_EQ(r.exit_code, 10) << r.err;
  EXPECT_FALSE(fs::exists(work_.path() / "pwned"));
  EXPECT_TRUE(api.Requests().empty());
  Json result = *Json::Parse(r.out);
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(result["subtype"].AsString(), "error_during_execution");
  EXPECT_EQ(result["terminal_reason"].AsString(), "turn_setup_failed");
  ASSERT_EQ(result["errors"].size(), 1u) << r.out;  // error results carry `errors`, not `result`
  EXPECT_EQ(result["errors"].at(0).AsString(),
            "Shell command permission check failed for pattern \"!`touch pwned`\": Claude requested "
            "permissions to use Bash, but you haven't granted it yet.");
  RunOutput text = Run(api, {"-p", "/sneaky"});
  EXPECT_EQ(text.exit_code, 10);
  EXPECT_NE(text.out.find("Error: Shell command permission check failed"), std::string::npos) << text.out;
}

TEST_F(CommandsE2e, UnknownCommandsFailAndPathsAreOrdinaryPrompts) {
  FakeApi api(kDone);
  RunOutput unknown = Run(api, {"-p", "/no-such-command 1", "--output-format", "json"});
  EXPECT_EQ(unknown.exit_code, 10);
  EXPECT_EQ((*Json::Parse(unknown.out))["errors"], base::JsonArray({"Unknown skill: no-such-command"}));
  EXPECT_TRUE(api.Requests().empty());
  RunOutput path = Run(api, {"-p", "/tmp holds scratch files; explain"});
  ASSERT_EQ(path.exit_code, 0) << path.err;
  EXPECT_NE(api.Requests().at(0)["body"]["messages"].at(0)["content"].Dump().find("/tmp holds scratch files; explain"),
            std::string::npos);
}

TEST_F(CommandsE2e, NamespacedUserCommandAttachesMentionedFiles) {
  WriteText(home_.path() / ".claude" / "commands" / "frontend" / "component.md",
            "Build the $0 component like @src/Button.tsx does.\n");
  WriteText(work_.path() / "src" / "Button.tsx", "export const Button = () => null;\n");
  FakeApi api(kDone);
  RunOutput r = Run(api, {"-p", "/frontend:component Card"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json content = api.Requests().at(0)["body"]["messages"].at(0)["content"];
  ASSERT_EQ(content.size(), 4u) << content.Dump();
  EXPECT_EQ(content.at(0)["text"].AsString(),
            "<command-message>frontend:component</command-message>\n<command-name>/frontend:component</command-name>\n"
            "<command-args>Card</command-args>");
  EXPECT_EQ(content.at(1)["text"].AsString(), "Build the Card component like @src/Button.tsx does.\n");
  EXPECT_EQ(content.at(2)["text"].AsString(),
            "<system-reminder>\nCalled the Read tool with the following input: {\"file_path\":\"" +
                (work_.path() / "src" / "Button.tsx").string() + "\"}\n</system-reminder>");
  EXPECT_EQ(content.at(3)["text"].AsString(),
            "<system-reminder>\nResult of calling the Read tool:\n     1\texport const Button = () => null;\n"
            "</system-reminder>");
}

}  // namespace
}  // namespace runner::e2e
