#include "integrations/github/inputs.h"

#include <gtest/gtest.h>

namespace integrations::github {
namespace {

using runner::base::Env;

TEST(SplitClaudeArgs, KeepsToolRulesWholeAndSkipsCommentLines) {
  auto words = SplitClaudeArgs(
      "# model for this repo\n"
      "--model claude-sonnet-4-5\n"
      "--allowedTools Bash(git log:*),Bash(npm test) \"Edit\"\n"
      "  # another comment\n"
      "--append-system-prompt 'Be brief; use \"quotes\"' --max-turns 5\n");
  ASSERT_TRUE(words) << words.error().message;
  std::vector<std::string> want = {"--model", "claude-sonnet-4-5", "--allowedTools", "Bash(git",
                                   "log:*),Bash(npm", "test)", "Edit", "--append-system-prompt",
                                   "Be brief; use \"quotes\"", "--max-turns", "5"};
  EXPECT_EQ(*words, want);
}

TEST(SplitClaudeArgs, QuotesKeepSpacesAndAnUnclosedQuoteIsAnError) {
  auto words = SplitClaudeArgs(R"x(--allowedTools "Bash(git log:*)" a\ b "x\"y")x");
  ASSERT_TRUE(words);
  EXPECT_EQ(*words, (std::vector<std::string>{"--allowedTools", "Bash(git log:*)", "a b", "x\"y"}));
  auto bad = SplitClaudeArgs("--model 'sonnet");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unclosed"), std::string::npos);
}

TEST(SplitClaudeArgs, QuotesMaySpanLines) {
  auto words = SplitClaudeArgs("--json-schema '{\n  \"type\": \"object\"\n}'\n--max-turns 3 \\\n  --verbose\n");
  ASSERT_TRUE(words) << words.error().message;
  EXPECT_EQ(*words, (std::vector<std::string>{"--json-schema", "{\n  \"type\": \"object\"\n}", "--max-turns", "3",
                                              "--verbose"}));
}

TEST(ReadInputs, DefaultsMatchTheAction) {
  auto in = ReadInputs(Env());
  ASSERT_TRUE(in);
  EXPECT_EQ(in->trigger_phrase, "@claude");
  EXPECT_EQ(in->label_trigger, "claude");
  EXPECT_EQ(in->branch_prefix, "claude/");
  EXPECT_FALSE(in->create_pr);
  EXPECT_TRUE(in->draft_pr);
  EXPECT_EQ(in->bot_name, "claude[bot]");
}

TEST(ReadInputs, ReadsInputVariablesAndRejectsBadBooleans) {
  Env env(std::map<std::string, std::string>{{"INPUT_TRIGGER_PHRASE", " /claude "},
           {"INPUT_ALLOWED_BOTS", "dependabot[bot], renovate"},
           {"INPUT_CREATE_PR", "true"},
           {"INPUT_LABEL_TRIGGER", ""}});
  auto in = ReadInputs(env);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->trigger_phrase, "/claude");
  EXPECT_EQ(in->allowed_bots, (std::vector<std::string>{"dependabot[bot]", "renovate"}));
  EXPECT_TRUE(in->create_pr);
  EXPECT_EQ(in->label_trigger, "");  // explicitly empty: the label trigger is off
  auto bad = ReadInputs(Env(std::map<std::string, std::string>{{"INPUT_TRACK_PROGRESS", "sometimes"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "input track_progress must be true or false, not 'sometimes'");
}

TEST(ReadJobFacts, NeedsEventRepositoryAndToken) {
  ActionInputs in;
  auto missing = ReadJobFacts(Env(std::map<std::string, std::string>{{"GITHUB_REPOSITORY", "o/r"}, {"GITHUB_TOKEN", "t"}}), in);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("GITHUB_EVENT_NAME"), std::string::npos);
  auto no_token = ReadJobFacts(Env(std::map<std::string, std::string>{{"GITHUB_EVENT_NAME", "issues"}, {"GITHUB_REPOSITORY", "o/r"}}), in);
  ASSERT_FALSE(no_token);
  EXPECT_NE(no_token.error().message.find("github_token"), std::string::npos);
  in.github_token = "input-token";
  auto ok = ReadJobFacts(Env(std::map<std::string, std::string>{{"GITHUB_EVENT_NAME", "issues"}, {"GITHUB_REPOSITORY", "o/r"},
                              {"GITHUB_TOKEN", "job-token"}, {"GITHUB_SERVER_URL", "https://ghe.example/"},
                              {"GITHUB_RUN_ID", "42"}}), in);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->token, "input-token");
  EXPECT_EQ(ok->job_url(), "https://ghe.example/o/r/actions/runs/42");
}

TEST(ReadJobFacts, AnOidcTokenStandsInForAMissingTokenUnlessTurnedOffOrATokenIsGiven) {
  std::map<std::string, std::string> vars = {{"GITHUB_EVENT_NAME", "issues"}, {"GITHUB_REPOSITORY", "o/r"},
                                             {"ACTIONS_ID_TOKEN_REQUEST_URL", "https://token.example/x"},
                                             {"ACTIONS_ID_TOKEN_REQUEST_TOKEN", "req"}};
  ActionInputs in;
  auto oidc = ReadJobFacts(Env(vars), in);
  ASSERT_TRUE(oidc) << oidc.error().message;
  EXPECT_TRUE(oidc->wants_app_token);
  EXPECT_TRUE(oidc->token.empty());
  in.app_token_exchange = false;
  EXPECT_FALSE(ReadJobFacts(Env(vars), in));
  in.app_token_exchange = true;
  in.github_token = "given";
  EXPECT_FALSE(ReadJobFacts(Env(vars), in)->wants_app_token);
}

TEST(ReadInputs, ABadAdditionalPermissionsLineIsAnInputError) {
  auto bad = ReadInputs(Env(std::map<std::string, std::string>{{"INPUT_ADDITIONAL_PERMISSIONS", "actions: everything"}}));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("additional_permissions"), std::string::npos);
  auto off = ReadInputs(Env(std::map<std::string, std::string>{{"INPUT_APP_TOKEN_EXCHANGE", "false"}}));
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->app_token_exchange);
}

}  // namespace
}  // namespace integrations::github
