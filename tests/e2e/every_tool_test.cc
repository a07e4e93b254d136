// End-to-end: one scripted session that uses every built-in tool against a real sample
// repository, checking the files on disk and each tool_result / tool_use_result.
#include <fstream>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

constexpr char kPng[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63"
    "\x60\x00\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42"
    "\x60\x82";

constexpr const char kNotebook[] = R"nb({"cells":[{"cell_type":"code","id":"c1","metadata":{},
 "execution_count":1,"outputs":[{"output_type":"stream","name":"stdout","text":["1\n"]}],
 "source":["print(1)"]}],"metadata":{},"nbformat":4,"nbformat_minor":5})nb";

Json Use(const std::string& id, const std::string& name, Json input) {
  return base::JsonObject({{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", std::move(input)}});
}
Json Turn(std::initializer_list<Json> blocks) {
  return base::JsonObject({{"content", base::JsonArray(blocks)}});
}
Json Text(const std::string& t) { return Turn({base::JsonObject({{"type", "text"}, {"text", t}})}); }

class EveryTool : public E2eTest {
 protected:
  void SetUp() override {
    fs::copy(fs::path(FIXTURES_DIR) / "sample-repo", work_.path(), fs::copy_options::recursive);
    WriteText(work_.path() / "nb.ipynb", kNotebook);
    std::ofstream(work_.path() / "pixel.png", std::ios::binary).write(kPng, sizeof kPng - 1);
    WriteText(pages_.path() / "doc.html",
              "<html><head><title>Runner Docs</title><script>x()</script></head><body>"
              "<h1>Runner Docs</h1><p>See <a href=\"/more\">more</a>.</p></body></html>");
  }
  std::string P(const std::string& name) { return (work_.path() / name).string(); }
  TempDir pages_;
};

TEST_F(EveryTool, ScriptedSessionUsesEveryTool) {
  FakeApi web(R"({"turns":[]})", pages_.path());
  Json script = base::JsonObject({{"turns", base::JsonArray({
      Turn({Use("t_todo", "TodoWrite", *Json::Parse(R"({"todos":[{"content":"Fix typo","status":"in_progress","activeForm":"Fixing typo"}]})"))}),
      Turn({Use("t_glob", "Glob", base::JsonObject({{"pattern", "**/*.py"}}))}),
      Turn({Use("t_grep", "Grep", base::JsonObject({{"pattern", "Helo"}, {"output_mode", "content"}, {"-n", true}}))}),
      Turn({Use("t_ls", "LS", base::JsonObject({{"path", work_.path().string()}}))}),
      Turn({Use("t_r1", "Read", base::JsonObject({{"file_path", P("greet.py")}})),
            Use("t_r2", "Read", base::JsonObject({{"file_path", P("README.md")}})),
            Use("t_r3", "Read", base::JsonObject({{"file_path", P("nb.ipynb")}})),
            Use("t_r4", "Read", base::JsonObject({{"file_path", P("pixel.png")}}))}),
      Turn({Use("t_edit", "Edit", base::JsonObject({{"file_path", P("greet.py")}, {"old_string", "Helo"}, {"new_string", "Hello"}}))}),
      Turn({Use("t_multi", "MultiEdit", base::JsonObject({{"file_path", P("README.md")}, {"edits", *Json::Parse(
          R"([{"old_string":"tiny","new_string":"small"},{"old_string":"demo","new_string":"example"}])")}}))}),
      Turn({Use("t_nb", "NotebookEdit", base::JsonObject({{"notebook_path", P("nb.ipynb")}, {"cell_id", "c1"}, {"new_source", "print(2)"}}))}),
      Turn({Use("t_write", "Write", base::JsonObject({{"file_path", P("notes/todo.md")}, {"content", "- ship it\n"}}))}),
      Turn({Use("t_bash", "Bash", base::JsonObject({{"command", "grep -c Hello greet.py"}, {"description", "Count"}}))}),
      Turn({Use("t_bg", "Bash", base::JsonObject({{"command", "echo started; sleep 30.5"}, {"run_in_background", true}}))}),
      Turn({Use("t_stop", "TaskStop", base::JsonObject({{"task_id", "bash_1"}}))}),
      Turn({Use("t_fetch", "WebFetch", base::JsonObject({{"url", web.base_url() + "/pages/doc.html"}, {"prompt", "What is the title?"}}))}),
      Text("The page title is Runner Docs."),  // WebFetch's side request
      Turn({Use("t_search", "WebSearch", base::JsonObject({{"query", "claude runner"}}))}),
      *Json::Parse(R"({"content":[
          {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"claude runner"}},
          {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result","title":"Runner home","url":"https://example.com/runner","encrypted_content":"x"}]},
          {"type":"text","text":"Found the runner home page."}],"stop_reason":"end_turn"})"),  // WebSearch's side request
      Turn({Use("t_task", "Task", base::JsonObject({{"description", "Check"}, {"prompt", "Report back"}}))}),
      Text("subagent report"),  // the subagent's only turn
      Turn({Use("t_plan", "ExitPlanMode", base::JsonObject({{"plan", "1. Fix typo"}}))}),
      Text("All tools used."),
  })}});
  FakeApi api(script.Dump());
  RunOutput r = Run(api, {"-p", "use every tool", "--output-format", "stream-json", "--verbose",
                          "--allowedTools", "Bash,Edit,MultiEdit,NotebookEdit,Write,WebFetch,WebSearch,TaskStop"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(lines.back()["result"].AsString(), "All tools used.");

  std::map<std::string, Json> result_of, structured_of;
  for (const Json& u : OfType(lines, "user")) {
    const Json& block = u["message"]["content"].at(0);
    if (block["type"].AsString() != "tool_result") continue;
    result_of[block["tool_use_id"].AsString()] = block;
    structured_of[block["tool_use_id"].AsString()] = u["tool_use_result"];
  }
  for (const auto& [id, block] : result_of) {
    EXPECT_FALSE(block["is_error"].AsBool()) << id << ": " << block.Dump();
  }
  // Files on disk.
  EXPECT_EQ(ReadText(work_.path() / "greet.py").find("Helo"), std::string::npos);
  EXPECT_NE(ReadText(work_.path() / "README.md").find("A small project the example session"), std::string::npos);
  EXPECT_NE(ReadText(work_.path() / "nb.ipynb").find("print(2)"), std::string::npos);
  EXPECT_EQ(ReadText(work_.path() / "notes/todo.md"), "- ship it\n");
  // Each tool's answer.
  EXPECT_EQ(structured_of["t_todo"]["newTodos"].at(0)["content"].AsString(), "Fix typo");
  EXPECT_EQ(structured_of["t_glob"]["filenames"].at(0).AsString(), P("greet.py"));
  EXPECT_NE(result_of["t_grep"]["content"].Dump().find("Helo, {name}"), std::string::npos);
  EXPECT_NE(result_of["t_ls"]["content"].Dump().find("greet.py"), std::string::npos);
  EXPECT_EQ(structured_of["t_r1"]["file"]["numLines"].AsInt(), 6);
  EXPECT_EQ(result_of["t_r4"]["content"].at(0)["type"].AsString(), "image");
  EXPECT_EQ(result_of["t_r4"]["content"].at(0)["source"]["media_type"].AsString(), "image/png");
  EXPECT_NE(result_of["t_r3"]["content"].Dump().find("print(1)"), std::string::npos);
  EXPECT_EQ(structured_of["t_edit"]["oldString"].AsString(), "Helo");
  EXPECT_EQ(structured_of["t_bash"]["stdout"].AsString(), "1");
  EXPECT_EQ(structured_of["t_bg"]["backgroundTaskId"].AsString(), "bash_1");
  EXPECT_NE(result_of["t_stop"]["content"].Dump().find("bash_1"), std::string::npos);
  EXPECT_EQ(structured_of["t_fetch"]["code"].AsInt(), 200);
  EXPECT_NE(result_of["t_fetch"]["content"].Dump().find("Runner Docs"), std::string::npos);
  EXPECT_NE(result_of["t_search"]["content"].Dump().find("https://example.com/runner"), std::string::npos);
  EXPECT_NE(result_of["t_task"]["content"].Dump().find("subagent report"), std::string::npos);
  EXPECT_EQ(structured_of["t_plan"]["plan"].AsString(), "1. Fix typo");
  // WebFetch sent the page to the small model in a request of its own.
  std::vector<Json> reqs = api.Requests();
  bool page_sent = false;
  for (const Json& q : reqs) {
    page_sent = page_sent || (q["body"]["model"].AsString() == "claude-haiku-5-5" &&
                              q["body"]["messages"].Dump().find("Runner Docs") != std::string::npos);
  }
  EXPECT_TRUE(page_sent);
  EXPECT_EQ(CountProcesses("sleep 30.5", work_.path()), 0);  // TaskStop killed it
}

}  // namespace
}  // namespace runner::e2e
