// End-to-end: CLAUDE.md memory reaches the model as Claude Code sends it: a <system-reminder>
// at the start of the first user message, and CLAUDE.md files below the working directory after
// a Read there.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

Json ReadUse(const std::string& id, const fs::path& file) {
  return base::JsonObject({{"content", base::JsonArray({base::JsonObject(
                                           {{"type", "tool_use"}, {"id", id}, {"name", "Read"},
                                            {"input", base::JsonObject({{"file_path", file.string()}})}})})},
                           {"stop_reason", "tool_use"}});
}
Json Done() {
  return base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "text"}, {"text", "done"}})})},
                           {"stop_reason", "end_turn"}});
}
std::string Script(std::initializer_list<Json> turns) {
  return base::JsonObject({{"turns", base::JsonArray(turns)}}).Dump();
}

/// Where `needle` starts in `hay`, failing the test when it is missing.
size_t At(const std::string& hay, const std::string& needle) {
  size_t at = hay.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing: " << needle;
  return at;
}

class MemoryE2e : public E2eTest {
 protected:
  MemoryE2e() {
    app_ = work_.path() / "app";
    extra_["CLAUDE_RUNNER_MANAGED_SETTINGS_DIR"] = managed_.path().string();
    WriteText(managed_.path() / "CLAUDE.md", "MANAGED-POLICY\n");
    WriteText(home_.path() / ".claude" / "CLAUDE.md", "USER-PREF\n");
    // The repository root holds a CLAUDE.md whose imports chain five deep, next to imports that
    // only look like imports (code span, fenced block).
    WriteText(work_.path() / "CLAUDE.md",
              "ROOT-RULE\nSee @app/docs/c1.md for the chain.\n"
              "Not an import: `@app/docs/span.md`\n```\n@app/docs/fenced.md\n```\n");
    for (int i = 1; i <= 5; ++i) {
      WriteText(app_ / "docs" / ("c" + std::to_string(i) + ".md"),
                "CHAIN-" + std::to_string(i) + " @c" + std::to_string(i + 1) + ".md\n");
    }
    WriteText(app_ / "docs" / "span.md", "SPAN-SHOULD-NOT-LOAD\n");
    WriteText(app_ / "docs" / "fenced.md", "FENCED-SHOULD-NOT-LOAD\n");
    WriteText(app_ / "CLAUDE.md", "APP-RULE\n");
    WriteText(app_ / "CLAUDE.local.md", "LOCAL-NOTE\n");
    // Below the working directory: loaded only when a file there is read.
    WriteText(app_ / "src" / "CLAUDE.md", "SRC-RULE @conventions.md\n");
    WriteText(app_ / "src" / "conventions.md", "SRC-CONVENTIONS\n");
    WriteText(app_ / "src" / "main.c", "int main(void) { return 0; }\n");
    WriteText(app_ / "src" / "util.c", "int util;\n");
  }
  RunOutput RunIn(const FakeApi& api, std::vector<std::string> args, std::map<std::string, std::string> more = {}) {
    auto env = Env(api);
    for (auto& [k, v] : extra_) env[k] = v;
    for (auto& [k, v] : more) env[k] = v;
    return RunRunner(args, env, app_, "", 60000);
  }
  TempDir managed_;
  fs::path app_;
  std::map<std::string, std::string> extra_;
};

TEST_F(MemoryE2e, StartupMemoryIsASystemReminderBeforeThePromptInClaudeCodesOrder) {
  FakeApi api(Script({Done()}));
  RunOutput r = RunIn(api, {"-p", "go", "--output-format", "stream-json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json first = api.Requests().at(0)["body"]["messages"].at(0);
  ASSERT_EQ(first["content"].size(), 2u) << first.Dump();
  EXPECT_EQ(first["content"].at(1)["text"].AsString(), "go");
  std::string memory = first["content"].at(0)["text"].AsString();
  EXPECT_TRUE(memory.starts_with("<system-reminder>\n")) << memory;
  EXPECT_TRUE(memory.ends_with("\n</system-reminder>")) << memory;
  size_t heading = At(memory, "\n# claudeMd\n");
  size_t managed = At(memory, "Contents of " + (managed_.path() / "CLAUDE.md").string() +
                                  " (user's private global instructions for all projects):\n\nMANAGED-POLICY");
  size_t user = At(memory, "Contents of " + (home_.path() / ".claude" / "CLAUDE.md").string() +
                               " (user's private global instructions for all projects):\n\nUSER-PREF");
  size_t root = At(memory, "Contents of " + (work_.path() / "CLAUDE.md").string() +
                               " (project instructions, checked into the codebase):\n\nROOT-RULE");
  std::vector<size_t> chain;
  for (int i = 1; i <= 4; ++i) {
    chain.push_back(At(memory, "Contents of " + (app_ / "docs" / ("c" + std::to_string(i) + ".md")).string() +
                                   " (project instructions, checked into the codebase):\n\nCHAIN-" +
                                   std::to_string(i)));
  }
  size_t app = At(memory, "(project instructions, checked into the codebase):\n\nAPP-RULE");
  size_t local = At(memory, "Contents of " + (app_ / "CLAUDE.local.md").string() +
                                " (user's private project instructions, not checked in):\n\nLOCAL-NOTE");
  EXPECT_LT(heading, managed);
  EXPECT_LT(managed, user);
  EXPECT_LT(user, root);
  EXPECT_LT(root, chain[0]);
  for (size_t i = 1; i < chain.size(); ++i) EXPECT_LT(chain[i - 1], chain[i]);
  EXPECT_LT(chain.back(), app);
  EXPECT_LT(app, local);
  // The fifth import is one hop too deep; code spans and fences are not imports; files below
  // the working directory wait for a read.
  for (const char* absent : {"CHAIN-5", "SPAN-SHOULD-NOT-LOAD", "FENCED-SHOULD-NOT-LOAD", "SRC-RULE"}) {
    EXPECT_EQ(memory.find(absent), std::string::npos) << absent;
  }
  // Memory is sent, not stored: neither the printed prompt nor the transcript holds it.
  EXPECT_EQ(r.out.find("MANAGED-POLICY"), std::string::npos);
  for (const fs::path& t : Transcripts()) EXPECT_EQ(ReadText(t).find("MANAGED-POLICY"), std::string::npos);
}

TEST_F(MemoryE2e, ReadingAFileBelowTheWorkingDirectoryAttachesItsCLAUDEmdOnce) {
  FakeApi api(Script({ReadUse("r1", app_ / "src" / "main.c"), ReadUse("r2", app_ / "src" / "util.c"), Done()}));
  RunOutput r = RunIn(api, {"-p", "go"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 3u);
  Json after_read = reqs[1]["body"]["messages"].items().back();
  ASSERT_EQ(after_read["content"].size(), 3u) << after_read.Dump();
  EXPECT_EQ(after_read["content"].at(0)["type"].AsString(), "tool_result");
  EXPECT_EQ(after_read["content"].at(1)["text"].AsString(),
            "<system-reminder>\nContents of " + (app_ / "src" / "CLAUDE.md").string() +
                ":\n\nSRC-RULE @conventions.md\n</system-reminder>");
  EXPECT_EQ(after_read["content"].at(2)["text"].AsString(),
            "<system-reminder>\nContents of " + (app_ / "src" / "conventions.md").string() +
                ":\n\nSRC-CONVENTIONS\n</system-reminder>");
  // Every request still starts with the startup memory; the second read brings nothing new.
  EXPECT_TRUE(reqs[1]["body"]["messages"].at(0)["content"].at(0)["text"].AsString().starts_with("<system-reminder>"));
  Json after_second = reqs[2]["body"]["messages"].items().back();
  ASSERT_EQ(after_second["content"].size(), 1u) << after_second.Dump();
  EXPECT_EQ(after_second["content"].at(0)["type"].AsString(), "tool_result");
}

TEST_F(MemoryE2e, SettingSourcesChooseUserProjectAndLocalMemory) {
  FakeApi api(Script({Done(), Done(), Done()}));
  ASSERT_EQ(RunIn(api, {"-p", "go", "--setting-sources", ""}).exit_code, 0);
  ASSERT_EQ(RunIn(api, {"-p", "go", "--setting-sources", "project"}).exit_code, 0);
  ASSERT_EQ(RunIn(api, {"-p", "go"}, {{"CLAUDE_CODE_DISABLE_CLAUDE_MDS", "1"}}).exit_code, 0);
  std::vector<Json> reqs = api.Requests();
  std::string none = reqs[0]["body"]["messages"].at(0).Dump();
  EXPECT_NE(none.find("MANAGED-POLICY"), std::string::npos);  // managed memory always loads
  for (const char* absent : {"USER-PREF", "ROOT-RULE", "APP-RULE", "LOCAL-NOTE"}) {
    EXPECT_EQ(none.find(absent), std::string::npos) << absent;
  }
  std::string project = reqs[1]["body"]["messages"].at(0).Dump();
  EXPECT_NE(project.find("ROOT-RULE"), std::string::npos);
  EXPECT_NE(project.find("CHAIN-4"), std::string::npos);
  EXPECT_EQ(project.find("USER-PREF"), std::string::npos);
  EXPECT_EQ(project.find("LOCAL-NOTE"), std::string::npos);
  EXPECT_EQ(reqs[2]["body"]["messages"].at(0).Dump().find("system-reminder"), std::string::npos);
}

TEST_F(MemoryE2e, RulesLoadAtStartOrWithAMatchingReadAndExcludesApply) {
  WriteText(app_ / ".claude" / "rules" / "always.md", "ALWAYS-RULE\n");
  WriteText(app_ / ".claude" / "rules" / "c-files.md", "---\npaths: src/**/*.c\n---\nC-RULE\n");
  WriteText(app_ / ".claude" / "settings.json",
            R"({"claudeMdExcludes":["**/CLAUDE.local.md"]})");
  FakeApi api(Script({ReadUse("r1", app_ / "src" / "main.c"), Done()}));
  RunOutput r = RunIn(api, {"-p", "go"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  std::string memory = reqs[0]["body"]["messages"].at(0)["content"].at(0)["text"].AsString();
  EXPECT_LT(At(memory, "APP-RULE"), At(memory, "Contents of " + (app_ / ".claude" / "rules" / "always.md").string() +
                                                    " (project instructions, checked into the codebase):\n\nALWAYS-RULE"));
  EXPECT_EQ(memory.find("C-RULE"), std::string::npos);
  EXPECT_EQ(memory.find("LOCAL-NOTE"), std::string::npos);  // excluded by claudeMdExcludes
  std::string after_read = reqs[1]["body"]["messages"].items().back().Dump();
  EXPECT_NE(after_read.find("Contents of " + (app_ / ".claude" / "rules" / "c-files.md").string() + ":\\n\\nC-RULE"),
            std::string::npos) << after_read;
}

}  // namespace
}  // namespace runner::e2e
