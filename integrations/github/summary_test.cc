#include "integrations/github/summary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace integrations::github {
namespace {

using runner::base::Json;
using testing::HasSubstr;
using testing::Not;

std::vector<Json> Parse(const std::vector<std::string>& lines) {
  std::vector<Json> out;
  for (const std::string& l : lines) {
    auto j = Json::Parse(l);
    EXPECT_TRUE(j.has_value()) << l;
    if (j) out.push_back(*j);
  }
  return out;
}

const std::string kSecret = "super-secret-value-123";

std::vector<Json> Transcript() {
  return Parse({
      R"({"type":"system","subtype":"init","session_id":"s1","model":"claude-sonnet-4-5","tools":["Bash","Read","Edit"],"mcp_servers":[{"name":"github_comment","status":"connected"}]})",
      R"({"type":"assistant","message":{"content":[{"type":"text","text":"I'll look at the failing test."},{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"make test"}}]}})",
      R"({"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","content":"FAIL: retry_test\ntoken=super-secret-value-123","is_error":true}]}})",
      R"({"type":"assistant","message":{"content":[{"type":"tool_use","id":"t2","name":"Read","input":{"file_path":"src/upload.cc","limit":50}}]}})",
      R"({"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":")" +
          std::string(2000, 'x') + R"("}]}]}})",
      R"({"type":"assistant","message":{"content":[{"type":"tool_use","id":"t3","name":"Edit","input":{"file_path":"src/upload.cc"}}]}})",
      R"({"type":"result","subtype":"success","is_error":false,"duration_ms":83000,"num_turns":3,"total_cost_usd":0.0512,"result":"Fixed the retry loop. Key ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa was not used."})",
  });
}

TEST(JobSummaryMarkdown, ReportsHeaderToolsResultsAndFinalText) {
  SummaryFacts facts;
  facts.job_url = "https://github.com/acme/widgets/actions/runs/77";
  facts.branch = "claude/issue-12-20261121-1530";
  facts.branch_url = "https://github.com/acme/widgets/tree/claude/issue-12-20261121-1530";
  facts.pr_url = "https://github.com/acme/widgets/pull/13";
  facts.known_secrets = {kSecret};
  const std::string md = JobSummaryMarkdown(Transcript(), facts);
  for (const char* want : {
           "## Claude Code Report\n\n**Outcome:** ✅ success · **Duration:** 1m 23s · **Cost:** "
           "$0.0512 · "
           "**Turns:** 3 · **Model:** `claude-sonnet-4-5`\n",
           "[View job](https://github.com/acme/widgets/actions/runs/77) · **Branch:** "
           "[`claude/issue-12-20261121-1530`](https://github.com/acme/widgets/tree/claude/"
           "issue-12-20261121-1530) · "
           "**Pull request:** [View PR ➔](https://github.com/acme/widgets/pull/13)\n",
           "### 🚀 System initialization\n\n3 tools; MCP servers: github_comment (connected)\n",
           "\nI'll look at the failing test.\n",
           "### 🔧 `Bash`\n\n```bash\nmake test\n```\n\n❌ **Error:**\n\n```\nFAIL: "
           "retry_test\ntoken=[REDACTED]\n```\n",
           "### 🔧 "
           "`Read`\n\n```json\n{\"file_path\":\"src/"
           "upload.cc\",\"limit\":50}\n```\n\n**Result:**\n\n```\n",
           "… (1500 more bytes)\n```\n",
           "### 🔧 `Edit`\n\n```json\n{\"file_path\":\"src/upload.cc\"}\n```\n\n*(no result)*\n",
           "### ✅ Final result\n\nFixed the retry loop. Key [REDACTED] was not used.\n",
       }) {
    EXPECT_THAT(md, HasSubstr(want));
  }
  EXPECT_THAT(md, Not(HasSubstr(kSecret)));
  EXPECT_THAT(md, Not(HasSubstr(std::string(501, 'x'))));
  EXPECT_THAT(md, HasSubstr(std::string(500, 'x')));
  // Order: the tool result follows its call, the final result comes last.
  EXPECT_LT(md.find("`Bash`"), md.find("FAIL: retry_test"));
  EXPECT_LT(md.find("FAIL: retry_test"), md.find("`Read`"));
  EXPECT_LT(md.find("`Edit`"), md.find("Final result"));
}

TEST(JobSummaryMarkdown, SecretCutByTheExcerptIsStillRedacted) {
  // The known secret straddles the 500-byte cut; redaction runs before cutting.
  std::vector<Json> messages = Parse({
      R"({"type":"assistant","message":{"content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"env"}}]}})",
  });
  Json content = Json::MakeObject();
  Json result = Json::MakeArray();
  result.Push(runner::base::JsonObject({{"type", "tool_result"},
                                        {"tool_use_id", "t1"},
                                        {"content", std::string(490, 'y') + kSecret + " tail"}}));
  messages.push_back(runner::base::JsonObject(
      {{"type", "user"}, {"message", runner::base::JsonObject({{"content", result}})}}));
  SummaryFacts facts;
  facts.known_secrets = {kSecret};
  const std::string md = JobSummaryMarkdown(messages, facts);
  EXPECT_THAT(md, Not(HasSubstr("super-se")));
  EXPECT_THAT(md, HasSubstr(std::string(490, 'y') + "[REDACTED]"));
}

TEST(JobSummaryMarkdown, FailureAndMissingResult) {
  auto failed = Parse({
      R"({"type":"result","subtype":"error_max_turns","is_error":true,"duration_ms":5000,"num_turns":9,"total_cost_usd":1.5,"result":""})",
  });
  std::string md = JobSummaryMarkdown(failed, {});
  EXPECT_THAT(md, HasSubstr("**Outcome:** ❌ failure (error_max_turns) · **Duration:** 5s · "
                            "**Cost:** $1.5000 · **Turns:** 9\n"));
  EXPECT_THAT(md, HasSubstr("### ❌ Final result\n\n*(no result text)*\n"));

  SummaryFacts facts;
  facts.conclusion = "cancelled";
  facts.error = "agent killed; token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  facts.title = "Run report";
  facts.compare_url = "https://github.com/o/r/compare/main...b?quick_pull=1";
  md = JobSummaryMarkdown({}, facts);
  EXPECT_THAT(md, HasSubstr("## Run report\n\n**Outcome:** ❌ cancelled\n"));
  EXPECT_THAT(md, HasSubstr("\n**Error:**\n\n```\nagent killed; token [REDACTED]\n```\n"));
  EXPECT_THAT(
      md,
      HasSubstr(
          "**Pull request:** [Create PR ➔](https://github.com/o/r/compare/main...b?quick_pull=1)"));
  EXPECT_THAT(md, Not(HasSubstr("Final result")));
  EXPECT_THAT(JobSummaryMarkdown({}, {}), HasSubstr("**Outcome:** ❌ no result\n"));
}

}  // namespace
}  // namespace integrations::github
