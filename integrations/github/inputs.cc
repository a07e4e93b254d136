#include "integrations/github/inputs.h"

#include "integrations/github/app_token.h"

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Result;

namespace {

std::string Input(const runner::base::Env& env, std::string_view name) {
  std::string var = "INPUT_";
  for (char c : name) var += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::string(runner::base::Trim(env.GetOr(var, "")));
}

Result<bool> Bool(const runner::base::Env& env, std::string_view name, bool fallback) {
  std::string v = runner::base::ToLower(Input(env, name));
  if (v.empty()) return fallback;
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return Fail(ErrorKind::kUsage, "input " + std::string(name) + " must be true or false, not '" + v + "'");
}

}  // namespace

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& part : runner::base::Split(text, ',')) {
    std::string_view t = runner::base::Trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

Result<ActionInputs> ReadInputs(const runner::base::Env& env) {
  ActionInputs in;
  auto text = [&](std::string_view name, std::string& field) {
    if (std::string v = Input(env, name); !v.empty()) field = v;
  };
  text("prompt", in.prompt);
  text("trigger_phrase", in.trigger_phrase);
  text("assignee_trigger", in.assignee_trigger);
  if (auto v = env.Get("INPUT_LABEL_TRIGGER")) in.label_trigger = std::string(runner::base::Trim(*v));
  text("base_branch", in.base_branch);
  text("branch_prefix", in.branch_prefix);
  text("branch_name_template", in.branch_name_template);
  in.include_comments_by_actor = SplitList(Input(env, "include_comments_by_actor"));
  in.exclude_comments_by_actor = SplitList(Input(env, "exclude_comments_by_actor"));
  in.allowed_bots = SplitList(Input(env, "allowed_bots"));
  in.allowed_non_write_users = SplitList(Input(env, "allowed_non_write_users"));
  // claude_args keeps its line structure (comment lines); read it untrimmed.
  in.claude_args = env.GetOr("INPUT_CLAUDE_ARGS", "");
  text("settings", in.settings);
  text("github_token", in.github_token);
  if (auto v = env.Get("INPUT_ADDITIONAL_PERMISSIONS")) in.additional_permissions = *v;
  TRY(AppTokenPermissions(in.additional_permissions));  // a bad line is an input error, found early
  text("anthropic_api_key", in.anthropic_api_key);
  text("claude_code_oauth_token", in.claude_code_oauth_token);
  text("bot_name", in.bot_name);
  text("bot_id", in.bot_id);
  in.track_progress = TRY(Bool(env, "track_progress", false));
  in.use_sticky_comment = TRY(Bool(env, "use_sticky_comment", false));
  in.app_token_exchange = TRY(Bool(env, "app_token_exchange", true));
  in.push_unfinished = TRY(Bool(env, "push_unfinished", true));
  in.use_commit_signing = TRY(Bool(env, "use_commit_signing", false));
  in.use_bedrock = TRY(Bool(env, "use_bedrock", false));
  in.use_vertex = TRY(Bool(env, "use_vertex", false));
  in.create_pr = TRY(Bool(env, "create_pr", false));
  in.draft_pr = TRY(Bool(env, "draft_pr", true));
  in.allow_workflow_changes = TRY(Bool(env, "allow_workflow_changes", false));
  in.push_to_fork = TRY(Bool(env, "push_to_fork", false));
  if (in.use_bedrock && in.use_vertex) {
    return Fail(ErrorKind::kUsage, "inputs use_bedrock and use_vertex cannot both be true");
  }
  if (in.trigger_phrase.empty()) return Fail(ErrorKind::kUsage, "input trigger_phrase must not be empty");
  return in;
}

std::string JobFacts::job_url() const { return server_url + "/" + repository + "/actions/runs/" + run_id; }

Result<JobFacts> ReadJobFacts(const runner::base::Env& env, const ActionInputs& inputs) {
  JobFacts f;
  f.event_name = env.GetOr("GITHUB_EVENT_NAME", "");
  f.event_path = env.GetOr("GITHUB_EVENT_PATH", "");
  f.repository = env.GetOr("GITHUB_REPOSITORY", "");
  if (auto v = env.Get("GITHUB_SERVER_URL"); v && !v->empty()) f.server_url = *v;
  if (auto v = env.Get("GITHUB_API_URL"); v && !v->empty()) f.api_url = *v;
  while (f.server_url.ends_with('/')) f.server_url.pop_back();
  while (f.api_url.ends_with('/')) f.api_url.pop_back();
  f.run_id = env.GetOr("GITHUB_RUN_ID", "");
  f.actor = env.GetOr("GITHUB_ACTOR", "");
  f.workspace = env.GetOr("GITHUB_WORKSPACE", "");
  f.output_file = env.GetOr("GITHUB_OUTPUT", "");
  f.summary_file = env.GetOr("GITHUB_STEP_SUMMARY", "");
  f.runner_temp = env.GetOr("RUNNER_TEMP", "");
  f.token = !inputs.github_token.empty() ? inputs.github_token : env.GetOr("GITHUB_TOKEN", "");
  f.id_token_url = env.GetOr("ACTIONS_ID_TOKEN_REQUEST_URL", "");
  f.id_token_bearer = env.GetOr("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "");
  f.wants_app_token = inputs.github_token.empty() && inputs.app_token_exchange && !f.id_token_url.empty() &&
                      !f.id_token_bearer.empty();
  if (f.event_name.empty()) {
    return Fail(ErrorKind::kUsage, "GITHUB_EVENT_NAME is not set: `claude-runner github` runs inside a GitHub Actions job");
  }
  if (f.repository.find('/') == std::string::npos) {
    return Fail(ErrorKind::kUsage, "GITHUB_REPOSITORY must be owner/name, not '" + f.repository + "'");
  }
  if (f.token.empty() && !f.wants_app_token) {
    return Fail(ErrorKind::kUsage,
                "no GitHub token: set the github_token input or GITHUB_TOKEN, or give the job `id-token: write` "
                "for the Claude GitHub App's token");
  }
  return f;
}

Result<std::vector<std::string>> SplitClaudeArgs(std::string_view text) {
  // Comment lines go first (as claude-code-action does); quotes may then span lines, so a
  // multi-line --json-schema or --mcp-config value stays one word.
  std::string kept;
  for (const std::string& raw_line : runner::base::Split(text, '\n')) {
    std::string_view line = runner::base::Trim(raw_line);
    if (!line.empty() && line.front() == '#') continue;
    kept += raw_line;
    kept += '\n';
  }
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    char c = kept[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0; else word += c;
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else if (c == '\\' && i + 1 < kept.size() && (kept[i + 1] == '"' || kept[i + 1] == '\\' || kept[i + 1] == '$')) {
        word += kept[++i];
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < kept.size()) {
      if (kept[i + 1] != '\n') word += kept[i + 1];  // backslash-newline continues the line
      ++i;
      in_word = in_word || kept[i] != '\n';
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote) return Fail(ErrorKind::kUsage, "claude_args: unclosed " + std::string(1, quote) + " quote");
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace integrations::github
