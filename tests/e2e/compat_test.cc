// Compatibility: the stream-json of real sessions has the message kinds, fields and order of the
// recorded Claude Code 2.1.330 lines (tests/fixtures/claude-code-stream-json-samples.jsonl),
// compared as JSON key sets; every intentional difference is listed in
// tests/fixtures/stream-json-differences.json (and docs/differences.md).
#include <set>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

fs::path Fixture(const std::string& name) { return fs::path(FIXTURES_DIR) / name; }

std::string Classify(const Json& l) {
  std::string type = l["type"].AsString();
  if (type == "result" || type == "system") return type + ":" + l["subtype"].AsString();
  if (type == "stream_event") {
    const Json& ev = l["event"];
    std::string k = "stream_event:" + ev["type"].AsString();
    if (ev.Contains("content_block")) k += ":" + ev["content_block"]["type"].AsString();
    if (ev["delta"].Contains("type") && ev["type"].AsString() == "content_block_delta")
      k += ":" + ev["delta"]["type"].AsString();
    return k;
  }
  if (type == "assistant") {
    if (l["is_api_error_message"].AsBool()) return "assistant:text:api_error";
    return "assistant:" + l["message"]["content"].at(0)["type"].AsString();
  }
  if (type == "user") {
    const Json& c = l["message"]["content"];
    if (c.is_string()) return l["isReplay"].AsBool() ? "user:string:replay" : "user:string";
    const Json& b = c.at(0);
    if (b["type"].AsString() == "text") return l["isSynthetic"].AsBool() ? "user:text:synthetic" : "user:text";
    if (!b["is_error"].AsBool()) return "user:tool_result";
    if (b["content"].AsString().starts_with("<tool_use_error>")) return "user:tool_result:error:tool";
    if (b["content"].AsString().find("haven't granted") != std::string::npos)
      return "user:tool_result:error:user-rejected";
    if (b["content"].AsString().find(" hook error: ") != std::string::npos)
      return "user:tool_result:error:permission-rule";
    return "user:tool_result:error:config";
  }
  return type;
}

// Key paths of the parts whose shape is the contract (not free-form payloads such as tool input,
// tool results or model names).
void Paths(const Json& j, const std::string& prefix, int depth, std::set<std::string>& out) {
  for (const auto& [k, v] : j.members()) {
    std::string p = prefix.empty() ? k : prefix + "." + k;
    out.insert(p);
    static const std::set<std::string> kOpaque = {
        "tool_use_result", "input", "modelUsage", "tool_input", "permission_denials", "errors",
        "tools", "slash_commands", "mcp_servers", "agents", "skills", "plugins", "structured_output",
        "tool_result_meta", "capabilities", "memory_paths", "content", "server_tool_use",
        "cache_creation", "iterations", "output_tokens_details", "subagent_stats"};
    if (v.is_object() && depth < 3 && !kOpaque.count(k)) Paths(v, p, depth + 1, out);
    if (k == "content" && v.is_array() && v.size() > 0 && v.at(0).is_object()) {
      for (const auto& [bk, bv] : v.at(0).members()) {
        if (bk != "input" && bk != "content") out.insert(p + "[0]." + bk);
      }
    }
  }
  if (prefix.empty() && j.Contains("modelUsage")) {
    for (const auto& [model, mu] : j["modelUsage"].members()) {
      for (const auto& [k, v] : mu.members()) out.insert("modelUsage.*." + k);
    }
  }
}

std::set<std::string> PathsOf(const Json& j) {
  std::set<std::string> s;
  Paths(j, "", 0, s);
  return s;
}

class Compat : public E2eTest {
 protected:
  void Collect(const std::string& script, std::vector<std::string> args, const std::string& stdin_data = "",
               std::map<std::string, std::string> env = {}) {
    FakeApi api(script);
    std::vector<std::string> full = {"-p", "--output-format", "stream-json", "--verbose"};
    full.insert(full.end(), args.begin(), args.end());
    RunOutput r = Run(api, full, stdin_data, env);
    for (Json& l : JsonLines(r.out)) ours_.push_back(std::move(l));
  }
  std::vector<Json> ours_;
};

TEST_F(Compat, SessionsMatchTheRecordedClaudeCodeLines) {
  std::string d = work_.path().string();
  WriteText(work_.path() / "existing.txt", "x\n");
  Collect(R"({"turns":[{"content":[{"type":"text","text":"Hello from the mock."}],"stop_reason":"end_turn"}]})",
          {"hi", "--include-partial-messages"});
  Collect(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo hi","description":"Print hi"}}],"stop_reason":"tool_use"},
     {"content":[{"type":"tool_use","name":"Write","input":{"file_path":")" + d + R"(/existing.txt","content":"y"}}],"stop_reason":"tool_use"},
     {"content":[{"type":"tool_use","name":"Read","input":{"file_path":")" + d + R"(/missing.txt"}}],"stop_reason":"tool_use"}]})",
          {"tools", "--include-partial-messages", "--allowedTools", "Bash", "--max-turns", "3"});
  Collect(R"({"turns":[{"error":{"status":500,"type":"api_error","message":"mock error 500"}},
     {"error":{"status":500,"type":"api_error","message":"mock error 500"}}]})",
          {"fail"}, "", {{"CLAUDE_CODE_MAX_RETRIES", "1"}});
  Collect(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"true"}}],"stop_reason":"tool_use","usage":{"input_tokens":12458,"output_tokens":20}},
     {"content":[{"type":"tool_use","name":"Bash","input":{"command":"true"}}],"stop_reason":"tool_use","usage":{"input_tokens":12586,"output_tokens":19}}]})",
          {"budget", "--allowedTools", "Bash", "--max-budget-usd", "0.1"});
  Collect(R"({"turns":[{"content":[{"type":"text","text":"part"},{"type":"text","text":"x"}],"stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}},
     {"content":[{"type":"text","text":"rest"}],"stop_reason":"end_turn"}]})",
          {"cut"});
  Collect(R"({"turns":[{"content":[{"type":"text","text":"a"}],"stop_reason":"end_turn"}]})",
          {"--input-format", "stream-json", "--replay-user-messages"},
          R"({"type":"user","message":{"role":"user","content":"first question"}})" "\n");

  WriteText(work_.path() / ".claude" / "settings.json",
            R"({"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"echo 'blocked by policy hook' >&2; exit 2"}]}]}})");
  Collect(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo hi"}}],"stop_reason":"tool_use"},
     {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})",
          {"hooked", "--include-hook-events", "--allowedTools", "Bash"});

  std::map<std::string, Json> samples;
  for (const Json& s : JsonLines(ReadText(Fixture("claude-code-stream-json-samples.jsonl")))) {
    samples[s["kind"].AsString()] = s["line"];
  }
  Json diffs = *Json::Parse(ReadText(Fixture("stream-json-differences.json")));
  std::set<std::string> seen;
  for (const Json& line : ours_) {
    std::string kind = Classify(line);
    auto it = samples.find(kind);
    ASSERT_NE(it, samples.end()) << "we print a kind Claude Code's samples do not have: " << kind
                                 << "\n" << line.Dump();
    seen.insert(kind);
    std::set<std::string> theirs = PathsOf(it->second), mine = PathsOf(line);
    std::string dkey = kind.substr(0, kind.find(':'));
    auto omit = [&theirs](const std::string& key) {
      std::erase_if(theirs, [&](const std::string& p) { return p == key || p.starts_with(key + "."); });
    };
    for (const Json& k : diffs[kind]["omitted"].items()) omit(k.AsString());
    for (const Json& k : diffs[dkey]["omitted"].items()) omit(k.AsString());
    if (line["modelUsage"].is_object() && line["modelUsage"].empty()) {
      // No API answer was counted (the run failed before one): there is no model to list.
      std::erase_if(theirs, [](const std::string& p) { return p.starts_with("modelUsage."); });
    }
    for (const Json& k : diffs[kind]["added"].items()) mine.erase(k.AsString());
    for (const Json& k : diffs[dkey]["added"].items()) mine.erase(k.AsString());
    for (const std::string& p : theirs) {
      EXPECT_TRUE(mine.count(p)) << kind << ": missing " << p << " (not listed as a difference)";
    }
    for (const std::string& p : mine) {
      EXPECT_TRUE(theirs.count(p)) << kind << ": extra " << p << " (not listed as a difference)";
    }
  }
  for (const char* k : {"system:init", "assistant:text", "assistant:tool_use", "user:tool_result",
                        "system:status", "stream_event:message_start",
                        "stream_event:content_block_start:text",
                        "stream_event:content_block_delta:text_delta",
                        "stream_event:content_block_start:tool_use",
                        "stream_event:content_block_delta:input_json_delta",
                        "stream_event:content_block_stop", "stream_event:message_delta",
                        "stream_event:message_stop", "result:success", "result:error_max_turns",
                        "result:error_max_budget_usd", "system:permission_denied",
                        "user:tool_result:error:user-rejected", "user:tool_result:error:tool",
                        "system:api_retry", "assistant:text:api_error", "user:text:synthetic",
                        "user:string:replay", "system:hook_started", "system:hook_response",
                        "user:tool_result:error:permission-rule"}) {
    EXPECT_TRUE(seen.count(k)) << "no session produced " << k;
  }
}

TEST_F(Compat, ToolSessionOrderMatchesClaudeCode) {
  FakeApi api(R"({"turns":[{"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo hi"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "x", "--output-format", "stream-json", "--verbose", "--allowedTools", "Bash"});
  std::vector<std::string> kinds;
  for (const Json& l : JsonLines(r.out)) kinds.push_back(Classify(l));
  EXPECT_EQ(kinds, (std::vector<std::string>{"system:init", "assistant:tool_use", "user:tool_result",
                                             "assistant:text", "result:success"}));
}

}  // namespace
}  // namespace runner::e2e
