// End-to-end: MCP servers over stdio. The official servers from npm (tests/mcp, installed by
// `./build.sh test`) and tests/mcp/faulty/tiny_server.py, a server that misbehaves on request.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

const std::string kMcpDir = MCP_TEST_DIR;
const std::string kNode = NODE_BIN;

std::string Everything() {
  return kMcpDir + "/node_modules/@modelcontextprotocol/server-everything/dist/index.js";
}
std::string Filesystem() {
  return kMcpDir + "/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js";
}
std::string Tiny() { return kMcpDir + "/faulty/tiny_server.py"; }

bool NodeServersInstalled() { return !kNode.empty() && fs::exists(Everything()) && fs::exists(Filesystem()); }

// A missing peer is a failure, not a skip: ./build.sh test always installs them.
#define REQUIRE_NODE_SERVERS()                                                           \
  if (!NodeServersInstalled()) FAIL() << "the MCP servers from npm are not installed " \
                                         "(./build.sh test runs npm ci in tests/mcp)"

std::string Quote(const std::string& s) { return Json(s).Dump(); }

/// `{"mcpServers": {name: {"command": command, "args": [args…]}, …}}`
std::string McpConfig(const std::vector<std::pair<std::string, std::vector<std::string>>>& servers) {
  Json all = Json::MakeObject();
  for (const auto& [name, argv] : servers) {
    Json args = Json::MakeArray();
    for (size_t i = 1; i < argv.size(); ++i) args.Push(argv[i]);
    all.Set(name, base::JsonObject({{"command", argv[0]}, {"args", std::move(args)}}));
  }
  return base::JsonObject({{"mcpServers", std::move(all)}}).Dump();
}

std::string ToolUse(const std::string& id, const std::string& name, const std::string& input) {
  return R"({"type":"tool_use","id":")" + id + R"(","name":")" + name + R"(","input":)" + input + "}";
}

/// One model turn calling `calls` (tool_use blocks), then a final answer.
std::string Script(const std::vector<std::string>& calls) {
  std::string blocks;
  for (const std::string& c : calls) blocks += (blocks.empty() ? "" : ",") + c;
  return R"({"turns":[{"content":[)" + blocks + R"(],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"Done."}],"stop_reason":"end_turn"}]})";
}

class McpE2eTest : public E2eTest {
 protected:
  /// The tool_result blocks of the run, by tool_use_id.
  static std::map<std::string, Json> Results(const std::vector<Json>& lines) {
    std::map<std::string, Json> out;
    for (const Json& u : OfType(lines, "user")) {
      for (const Json& b : u["message"]["content"].items()) {
        if (b["type"].AsString() == "tool_result") out[b["tool_use_id"].AsString()] = b;
      }
    }
    return out;
  }
  static std::string TextOf(const Json& result) {
    if (result["content"].is_string()) return result["content"].AsString();
    std::string text;
    for (const Json& b : result["content"].items()) text += b["text"].AsString() + "\n";
    return text;
  }
  static Json Init(const std::vector<Json>& lines) { return OfType(lines, "system", "init").at(0); }
  static bool HasTool(const Json& init, const std::string& name) {
    for (const Json& t : init["tools"].items()) {
      if (t.AsString() == name) return true;
    }
    return false;
  }
};

TEST_F(McpE2eTest, EverythingServerToolsResourcesAndProgress) {
  REQUIRE_NODE_SERVERS();
  FakeApi api(Script({
      ToolUse("t_echo", "mcp__everything__echo", R"({"message":"hello MCP"})"),
      ToolUse("t_image", "mcp__everything__get-tiny-image", "{}"),
      ToolUse("t_ref", "mcp__everything__get-resource-reference", R"({"resourceType":"Text","resourceId":1})"),
      ToolUse("t_links", "mcp__everything__get-resource-links", R"({"count":2})"),
      ToolUse("t_long", "mcp__everything__trigger-long-running-operation", R"({"duration":1,"steps":2})"),
      ToolUse("t_list", "ListMcpResourcesTool", R"({"server":"everything"})"),
      ToolUse("t_read", "ReadMcpResourceTool",
              R"({"server":"everything","uri":"demo://resource/static/document/architecture.md"})"),
  }));
  RunOutput r = Run(api, {"-p", "use the everything server", "--output-format", "stream-json",
                          "--verbose", "--debug", "--allowedTools", "mcp__everything",
                          "--mcp-config", McpConfig({{"everything", {kNode, Everything(), "stdio"}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  Json init = Init(lines);
  EXPECT_EQ(init["mcp_servers"], base::JsonArray({base::JsonObject({{"name", "everything"}, {"status", "connected"}})}));
  EXPECT_TRUE(HasTool(init, "mcp__everything__echo"));
  EXPECT_TRUE(HasTool(init, "mcp__everything__get-roots-list"));  // offered because we give roots
  EXPECT_TRUE(HasTool(init, "ListMcpResourcesTool"));
  EXPECT_TRUE(HasTool(init, "ReadMcpResourceTool"));

  std::map<std::string, Json> results = Results(lines);
  ASSERT_EQ(results.size(), 7u) << r.out;
  for (const auto& [id, block] : results) EXPECT_FALSE(block["is_error"].AsBool()) << id << ": " << block.Dump();
  EXPECT_EQ(results["t_echo"]["content"], base::JsonArray({base::JsonObject({{"type", "text"}, {"text", "Echo: hello MCP"}})}));
  const Json& image = results["t_image"]["content"];
  bool has_png = false;
  for (const Json& b : image.items()) {
    has_png = has_png || (b["type"].AsString() == "image" && b["source"]["media_type"].AsString() == "image/png");
  }
  EXPECT_TRUE(has_png) << image.Dump();
  EXPECT_NE(TextOf(results["t_ref"]).find("[Resource from everything at demo://resource/dynamic/text/1]"),
            std::string::npos) << TextOf(results["t_ref"]);
  EXPECT_NE(TextOf(results["t_links"]).find("[Resource link: "), std::string::npos) << TextOf(results["t_links"]);
  EXPECT_NE(TextOf(results["t_long"]).find("Long running operation completed"), std::string::npos);
  EXPECT_NE(r.err.find("trigger-long-running-operation: progress 2/2"), std::string::npos) << r.err;
  EXPECT_NE(TextOf(results["t_list"]).find("demo://resource/static/document/architecture.md"), std::string::npos);
  EXPECT_NE(TextOf(results["t_read"]).find("Everything Server"), std::string::npos);

  // The next model request carries the results, the image as an image block.
  std::vector<Json> requests = api.Requests();
  ASSERT_EQ(requests.size(), 2u);
  const Json& messages = requests[1]["body"]["messages"];
  const Json& tool_results = messages.at(messages.size() - 1)["content"];
  ASSERT_EQ(tool_results.size(), 7u);
  EXPECT_NE(tool_results.Dump().find("Echo: hello MCP"), std::string::npos);
  EXPECT_NE(tool_results.Dump().find(R"("media_type":"image/png")"), std::string::npos);
  // The tool definitions sent to the model are the server's.
  bool echo_defined = false;
  for (const Json& t : requests[0]["body"]["tools"].items()) {
    if (t["name"].AsString() == "mcp__everything__echo") {
      echo_defined = true;
      EXPECT_EQ(t["description"].AsString(), "Echoes back the input string");
      EXPECT_EQ(t["input_schema"]["required"], base::JsonArray({"message"}));
    }
  }
  EXPECT_TRUE(echo_defined);
  EXPECT_EQ(CountProcesses("server-everything", work_.path()), 0);
}

TEST_F(McpE2eTest, FilesystemServerReadsTheWorkingDirectory) {
  REQUIRE_NODE_SERVERS();
  WriteText(work_.path() / "notes.txt", "alpha\nbeta\n");
  std::string file = (work_.path() / "notes.txt").string();
  FakeApi api(Script({
      ToolUse("t_read", "mcp__filesystem__read_text_file", R"({"path":)" + Quote(file) + "}"),
      ToolUse("t_ls", "mcp__filesystem__list_directory", R"({"path":)" + Quote(work_.path().string()) + "}"),
  }));
  RunOutput r = Run(api, {"-p", "read notes", "--output-format", "stream-json", "--verbose",
                          "--allowedTools", "mcp__filesystem__read_text_file,mcp__filesystem__list_directory",
                          "--mcp-config",
                          McpConfig({{"filesystem", {kNode, Filesystem(), work_.path().string()}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(Init(lines)["mcp_servers"].at(0)["status"].AsString(), "connected");
  std::map<std::string, Json> results = Results(lines);
  EXPECT_EQ(TextOf(results["t_read"]), "alpha\nbeta\n\n");
  EXPECT_NE(TextOf(results["t_ls"]).find("[FILE] notes.txt"), std::string::npos) << TextOf(results["t_ls"]);
  EXPECT_NE(api.Requests().at(1)["body"].Dump().find("alpha\\nbeta"), std::string::npos);
}

TEST_F(McpE2eTest, McpToolsNeedARuleEvenWhenReadOnly) {
  FakeApi api(Script({ToolUse("t1", "mcp__tiny__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose",
                          "--mcp-config", McpConfig({{"tiny", {"python3", Tiny(), "ok"}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  Json result = OfType(lines, "result").at(0);
  ASSERT_EQ(result["permission_denials"].size(), 1u);
  EXPECT_EQ(result["permission_denials"].at(0)["tool_name"].AsString(), "mcp__tiny__hello");
  EXPECT_TRUE(Results(lines)["t1"]["is_error"].AsBool());
}

TEST_F(McpE2eTest, AServerThatNeverInitializesFailsAndTheRunGoesOn) {
  FakeApi api(Script({ToolUse("t1", "mcp__good__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__good",
                          "--mcp-config", McpConfig({{"mute", {"python3", Tiny(), "hang-init"}},
                                                     {"good", {"python3", Tiny(), "ok"}}})},
                    "", {{"MCP_TIMEOUT", "700"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(Init(lines)["mcp_servers"], base::JsonArray({base::JsonObject({{"name", "mute"}, {"status", "failed"}}),
                                                         base::JsonObject({{"name", "good"}, {"status", "connected"}})}));
  EXPECT_NE(r.err.find("MCP server mute failed to start: MCP server mute did not answer initialize within 700 ms"),
            std::string::npos) << r.err;
  EXPECT_EQ(TextOf(Results(lines)["t1"]), "Hello from tiny_server (ok)\n");
  EXPECT_EQ(CountProcesses(Tiny(), work_.path()), 0);
}

TEST_F(McpE2eTest, ARequiredServerThatDoesNotConnectStopsTheRunBeforeAnyTurn) {
  FakeApi api(Script({ToolUse("t1", "mcp__good__hello", "{}")}));
  Json config = base::JsonObject({{"mcpServers", base::JsonObject({{"mute",
      base::JsonObject({{"command", "python3"}, {"args", base::JsonArray({Tiny(), "hang-init"})},
                        {"required", true}})}})}});
  RunOutput r = Run(api, {"-p", "hi", "--mcp-config", config.Dump()}, "", {{"MCP_TIMEOUT", "500"}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("MCP server mute is required but is failed: MCP server mute did not answer "
                       "initialize within 500 ms"),
            std::string::npos) << r.err;
  EXPECT_TRUE(api.Requests().empty());  // no model request was made
  EXPECT_EQ(CountProcesses(Tiny(), work_.path()), 0);
}

TEST_F(McpE2eTest, ACrashMidCallIsAToolErrorForTheModel) {
  FakeApi api(Script({ToolUse("t1", "mcp__crashy__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__crashy",
                          "--mcp-config", McpConfig({{"crashy", {"python3", Tiny(), "crash-call"}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json block = Results(JsonLines(r.out))["t1"];
  EXPECT_TRUE(block["is_error"].AsBool());
  EXPECT_NE(TextOf(block).find("exited with code 3"), std::string::npos) << block.Dump();
  EXPECT_NE(TextOf(block).find("crashing on purpose"), std::string::npos) << block.Dump();
  EXPECT_NE(api.Requests().at(1)["body"].Dump().find("exited with code 3"), std::string::npos);
}

TEST_F(McpE2eTest, AHungCallTimesOutWithMcpToolTimeout) {
  FakeApi api(Script({ToolUse("t1", "mcp__stuck__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__stuck",
                          "--mcp-config", McpConfig({{"stuck", {"python3", Tiny(), "hang-call"}}})},
                    "", {{"MCP_TOOL_TIMEOUT", "500"}, {"TINY_SERVER_LOG", (work_.path() / "server.log").string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json block = Results(JsonLines(r.out))["t1"];
  EXPECT_TRUE(block["is_error"].AsBool());
  EXPECT_NE(TextOf(block).find("timed out after 500 ms (MCP_TOOL_TIMEOUT)"), std::string::npos) << block.Dump();
  // The server was told the call is abandoned.
  EXPECT_NE(ReadText(work_.path() / "server.log").find("notifications/cancelled"), std::string::npos);
}

TEST_F(McpE2eTest, TheRunDeadlineStopsAHungCallAndItsServer) {
  FakeApi api(Script({ToolUse("t1", "mcp__stuck__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__stuck",
                          "--timeout", "2s",
                          "--mcp-config", McpConfig({{"stuck", {"python3", Tiny(), "hang-call"}}})});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_LT(r.wall_ms, 10000);
  Json result = OfType(JsonLines(r.out), "result").at(0);
  EXPECT_EQ(result["subtype"].AsString(), "error_during_execution");
  EXPECT_EQ(CountProcesses(Tiny(), work_.path()), 0);
}

TEST_F(McpE2eTest, NonJsonOutputIsIgnored) {
  FakeApi api(Script({ToolUse("t1", "mcp__noisy__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose", "--allowedTools", "mcp__noisy",
                          "--mcp-config", McpConfig({{"noisy", {"python3", Tiny(), "noise"}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json block = Results(JsonLines(r.out))["t1"];
  EXPECT_FALSE(block["is_error"].AsBool());
  EXPECT_EQ(TextOf(block), "Hello from tiny_server (noise)\n");
}

TEST_F(McpE2eTest, NoProcessIsLeftBehind) {
  FakeApi api(Script({ToolUse("t1", "mcp__parent__hello", "{}")}));
  RunOutput r = Run(api, {"-p", "hi", "--allowedTools", "mcp__parent",
                          "--mcp-config", McpConfig({{"parent", {"python3", Tiny(), "children", "301.5"}}})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int i = 0; i < 50 && CountProcesses("sleep 301.5", work_.path()) > 0; ++i) usleep(20000);
  EXPECT_EQ(CountProcesses("sleep 301.5", work_.path()), 0);
  EXPECT_EQ(CountProcesses(Tiny(), work_.path()), 0);
}

TEST_F(McpE2eTest, PermissionPromptToolAllowsWithChangedInputAndDenies) {
  // No rule covers mcp__tiny: every call goes to the prompt tool, which allows input that
  // contains "allow" (adding "changed": true) and denies the rest.
  FakeApi api(Script({ToolUse("t_yes", "mcp__tiny__hello", R"({"note":"please allow"})"),
                      ToolUse("t_no", "mcp__tiny__hello", R"({"note":"no"})")}));
  fs::path log = work_.path() / "tiny.log";
  RunOutput r = Run(api, {"-p", "hi", "--output-format", "stream-json", "--verbose",
                          "--permission-prompt-tool", "mcp__perm__approve",
                          "--mcp-config", McpConfig({{"perm", {"python3", Tiny(), "approve"}},
                                                     {"tiny", {"python3", Tiny(), "ok"}}})},
                    "", {{"TINY_SERVER_LOG", log.string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  std::map<std::string, Json> results = Results(lines);
  EXPECT_FALSE(results["t_yes"]["is_error"].AsBool());
  EXPECT_EQ(TextOf(results["t_yes"]), "Hello from tiny_server (ok)\n");
  EXPECT_TRUE(results["t_no"]["is_error"].AsBool());
  EXPECT_NE(TextOf(results["t_no"]).find("tiny_server says no to mcp__tiny__hello"), std::string::npos)
      << results["t_no"].Dump();
  Json result = OfType(lines, "result").at(0);
  ASSERT_EQ(result["permission_denials"].size(), 1u);
  EXPECT_EQ(result["permission_denials"].at(0)["tool_use_id"].AsString(), "t_no");
  // The prompt tool got Claude Code's arguments; the allowed call ran with the changed input.
  std::string server_log = ReadText(log);
  EXPECT_NE(server_log.find(R"("arguments":{"tool_name":"mcp__tiny__hello","input":{"note":"please allow"},"tool_use_id":"t_yes"})"),
            std::string::npos) << server_log;
  EXPECT_NE(server_log.find(R"("name":"hello","arguments":{"note":"please allow","changed":true})"),
            std::string::npos) << server_log;
}

TEST_F(McpE2eTest, AMissingPermissionPromptToolEndsTheRun) {
  FakeApi api(Script({}));
  RunOutput r = Run(api, {"-p", "hi", "--permission-prompt-tool", "mcp__nope__approve",
                          "--mcp-config", McpConfig({{"tiny", {"python3", Tiny(), "ok"}}})});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: MCP tool mcp__nope__approve (passed via --permission-prompt-tool) not found. "
                       "Available MCP tools: mcp__tiny__hello, mcp__tiny__fail, mcp__tiny__sleep"),
            std::string::npos) << r.err;
  EXPECT_EQ(CountProcesses(Tiny(), work_.path()), 0);
}

TEST_F(McpE2eTest, ProjectMcpJsonApprovalAndStrictConfig) {
  WriteText(work_.path() / ".mcp.json", McpConfig({{"proj", {"python3", Tiny(), "ok"}}}));
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"},
                           {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"},
                           {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  auto servers_of = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"-p", "hi", "--output-format", "stream-json", "--verbose"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunOutput r = Run(api, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Init(JsonLines(r.out))["mcp_servers"];
  };
  // Print mode approves the project's servers.
  EXPECT_EQ(servers_of({}), base::JsonArray({base::JsonObject({{"name", "proj"}, {"status", "connected"}})}));
  // disabledMcpjsonServers rejects one; --strict-mcp-config keeps only --mcp-config servers.
  EXPECT_EQ(servers_of({"--settings", R"({"disabledMcpjsonServers":["proj"]})"}), Json::MakeArray());
  EXPECT_EQ(servers_of({"--strict-mcp-config", "--mcp-config", McpConfig({{"flag", {"python3", Tiny(), "ok"}}})}),
            base::JsonArray({base::JsonObject({{"name", "flag"}, {"status", "connected"}})}));
}

TEST_F(McpE2eTest, ABadMcpConfigIsAUsageError) {
  FakeApi api(Script({}));
  RunOutput r = Run(api, {"-p", "hi", "--mcp-config",
                          R"({"mcpServers":{"gh":{"type":"http","url":"${GITHUB_MCP_URL}/mcp"}}})"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Error: --mcp-config (inline JSON): mcpServers.gh.url: ${GITHUB_MCP_URL} is not set\n"),
            std::string::npos) << r.err;
}

TEST_F(McpE2eTest, EverythingServerPromptsRunAsSlashCommands) {
  REQUIRE_NODE_SERVERS();
  const std::string config = McpConfig({{"everything", {kNode, Everything(), "stdio"}}});
  const std::string done = R"({"turns":[{"content":[{"type":"text","text":"Done."}],"stop_reason":"end_turn"}]})";

  // Through the SDK protocol: the initialize answer lists the prompts, and a prompt with
  // arguments becomes the user's turn.
  FakeApi api(done);
  std::string input =
      R"({"type":"control_request","request_id":"init_1","request":{"subtype":"initialize"}})" "\n"
      R"({"type":"user","message":{"role":"user","content":"/mcp__everything__args-prompt \"New York\" NY"}})" "\n";
  RunOutput r = Run(api, {"-p", "--input-format", "stream-json", "--output-format", "stream-json",
                          "--verbose", "--mcp-config", config}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  std::string slash = Init(lines)["slash_commands"].Dump();
  for (const char* name : {"mcp__everything__simple-prompt", "mcp__everything__args-prompt",
                           "mcp__everything__resource-prompt"}) {
    EXPECT_NE(slash.find(std::string("\"") + name + "\""), std::string::npos) << slash;
  }
  std::vector<Json> answers = OfType(lines, "control_response");
  ASSERT_FALSE(answers.empty()) << r.out;
  EXPECT_NE(answers.at(0)["response"]["response"]["commands"].Dump().find(R"("name":"mcp__everything__args-prompt")"),
            std::string::npos) << answers.at(0).Dump();
  ASSERT_EQ(api.Requests().size(), 1u);
  Json content = api.Requests().at(0)["body"]["messages"].at(0)["content"];
  std::string all = content.Dump();
  EXPECT_NE(all.find("<command-name>/mcp__everything__args-prompt</command-name>"), std::string::npos) << all;
  EXPECT_NE(all.find(R"(<command-args>\"New York\" NY</command-args>)"), std::string::npos) << all;
  EXPECT_NE(all.find("What's weather in New York, NY?"), std::string::npos) << all;

  // An embedded resource comes with its label and text.
  FakeApi api2(done);
  RunOutput res = Run(api2, {"-p", "/mcp__everything__resource-prompt Text 1", "--mcp-config", config});
  ASSERT_EQ(res.exit_code, 0) << res.err;
  ASSERT_EQ(api2.Requests().size(), 1u);
  all = api2.Requests().at(0)["body"]["messages"].at(0)["content"].Dump();
  EXPECT_NE(all.find("This prompt includes the Text resource with id: 1"), std::string::npos) << all;
  EXPECT_NE(all.find("[Resource from everything at demo://resource/dynamic/text/1]"), std::string::npos) << all;

  // A missing required argument, and the server's own error, end the turn with exit code 10.
  FakeApi api3(done);
  RunOutput missing = Run(api3, {"-p", "/mcp__everything__args-prompt", "--output-format", "json",
                                 "--mcp-config", config});
  EXPECT_EQ(missing.exit_code, 10) << missing.err;
  EXPECT_EQ((*Json::Parse(missing.out))["errors"],
            base::JsonArray({"Missing required argument \"city\" for /mcp__everything__args-prompt. "
                             "Usage: /mcp__everything__args-prompt <city> [state]"})) << missing.out;
  RunOutput refused = Run(api3, {"-p", "/mcp__everything__resource-prompt Nope 1", "--mcp-config", config});
  EXPECT_EQ(refused.exit_code, 10) << refused.err;
  EXPECT_NE(refused.out.find("Error: Error running /mcp__everything__resource-prompt: MCP error"),
            std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("Invalid resourceType: Nope"), std::string::npos) << refused.out;
  EXPECT_TRUE(api3.Requests().empty());
  EXPECT_EQ(CountProcesses("server-everything", work_.path()), 0);
}

}  // namespace
}  // namespace runner::e2e
