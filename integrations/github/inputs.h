#pragma once
/// The action's inputs, read from the `INPUT_*` variables GitHub Actions sets for each `with:`
/// entry (names as in claude-code-action v1 where the feature is the same), with the same
/// defaults when a variable is unset, plus the GITHUB_* facts of the job.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/result.h"

namespace integrations::github {

struct ActionInputs {
  std::string prompt;
  std::string trigger_phrase = "@claude";
  std::string assignee_trigger;
  std::string label_trigger = "claude";
  std::string base_branch;  ///< empty = the repository's default branch
  std::string branch_prefix = "claude/";
  std::string branch_name_template;  ///< empty = {{prefix}}{{entityType}}-{{entityNumber}}-{{timestamp}}
  std::vector<std::string> include_comments_by_actor;  ///< empty = everyone; `*[bot]` = every bot
  std::vector<std::string> exclude_comments_by_actor;  ///< wins over the include list
  std::vector<std::string> allowed_bots;  ///< `*` allows every bot
  std::vector<std::string> allowed_non_write_users;
  std::string claude_args;
  std::string settings;  ///< JSON text or a file path
  bool track_progress = false;
  bool use_sticky_comment = false;
  std::string github_token;  ///< the `github_token` input; empty = the Claude app's token, else GITHUB_TOKEN
  std::string additional_permissions;  ///< `name: read|write` lines for the Claude app's token
  std::string anthropic_api_key;
  std::string claude_code_oauth_token;
  bool use_bedrock = false;
  bool use_vertex = false;
  bool use_commit_signing = false;  ///< commits through GitHub's API, which signs them
  // Ours (claude-code-action has no such inputs).
  bool create_pr = false;
  bool draft_pr = true;
  bool allow_workflow_changes = false;  ///< push commits that touch .github/workflows/
  bool push_to_fork = false;            ///< push to fork PR branches (needs a token that can)
  bool app_token_exchange = true;       ///< without github_token: try the Claude app's token (OIDC)
  bool push_unfinished = true;          ///< a failed or timed-out run still pushes what it changed
  std::string bot_name = "claude[bot]";
  std::string bot_id = "209825114";
};

/// The job's facts from GITHUB_* variables.
struct JobFacts {
  std::string event_name;   ///< GITHUB_EVENT_NAME
  std::string event_path;   ///< GITHUB_EVENT_PATH
  std::string repository;   ///< GITHUB_REPOSITORY (owner/name)
  std::string server_url = "https://github.com";
  std::string api_url = "https://api.github.com";
  std::string run_id;
  std::string actor;        ///< GITHUB_ACTOR
  std::string workspace;    ///< GITHUB_WORKSPACE; empty = the working directory
  std::string output_file;  ///< GITHUB_OUTPUT
  std::string summary_file; ///< GITHUB_STEP_SUMMARY
  std::string runner_temp;  ///< RUNNER_TEMP; empty = TMPDIR or /tmp
  std::string token;        ///< the token the runner uses: the input, else GITHUB_TOKEN (the
                            ///< Claude app's token replaces it after a successful exchange)
  std::string id_token_url;     ///< ACTIONS_ID_TOKEN_REQUEST_URL (with `id-token: write`)
  std::string id_token_bearer;  ///< ACTIONS_ID_TOKEN_REQUEST_TOKEN
  /// Whether the Claude app's token will be asked for: no github_token input, the exchange not
  /// turned off, and an OIDC token available.
  bool wants_app_token = false;

  std::string job_url() const;  ///< `<server>/<repo>/actions/runs/<id>`
};

/// Reads and checks the inputs; a bad boolean (`yes please`) is a usage error naming the input.
runner::base::Result<ActionInputs> ReadInputs(const runner::base::Env& env);
/// Reads the job facts; GITHUB_EVENT_NAME, GITHUB_REPOSITORY and a token are required.
runner::base::Result<JobFacts> ReadJobFacts(const runner::base::Env& env, const ActionInputs& inputs);

/// Splits `claude_args` like a shell would split words (single and double quotes, backslash
/// escapes), with `#` lines as comments; `(`, `)`, `|`, `&`, `;`, `<`, `>` are plain characters
/// so `--allowedTools Bash(git log:*)` stays one word. An unclosed quote is an error.
runner::base::Result<std::vector<std::string>> SplitClaudeArgs(std::string_view text);

/// `a, b ,c` → {a, b, c}; empty entries dropped.
std::vector<std::string> SplitList(std::string_view text);

}  // namespace integrations::github
