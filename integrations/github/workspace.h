#pragma once
/// The git side of a run, with libgit2 and the job's token (never written to .git/config):
/// - an open pull request of the same repository: its head branch is fetched and checked out,
///   and the runner pushes there; a fork's pull request is checked out read-only unless
///   `push_to_fork` is set;
/// - an issue, a closed pull request or an automation run with `create_pr`: a new branch
///   `<prefix><issue|pr|run>-<n>-<yyyymmdd-hhmm>` from the base branch (a name taken on the
///   remote gets `-2`, `-3`, …); it reaches the remote only if it gets commits, so no empty
///   branches are left behind;
/// - on pull requests, Claude's configuration (.claude/, .mcp.json, CLAUDE.md, …) is taken from
///   the base branch, not from the PR head, before the agent starts; those paths are never
///   committed by the runner;
/// - at the end, changes the agent left are committed with the bot identity (and
///   `Co-authored-by:` the requester when includeCoAuthoredBy allows), and the branch is pushed;
///   commits touching .github/workflows/ are refused unless `allow_workflow_changes`.

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "integrations/github/api.h"
#include "integrations/github/context.h"
#include "integrations/github/event.h"
#include "integrations/github/inputs.h"
#include "runner/git/repo.h"

namespace integrations::github {

/// Paths a pull request may not change for the runner's own configuration.
const std::vector<std::string>& ConfigPathsFromBase();

struct WorkspacePlan {
  std::string branch;       ///< the branch the agent works on and the runner pushes
  std::string base_branch;  ///< what the work is compared against
  bool new_branch = false;
  bool can_push = true;
  std::string no_push_reason;  ///< why not, for the final comment
  int removed_credentials = 0;  ///< http.*.extraheader entries actions/checkout left, removed
  std::string push_repo;    ///< `owner/name` pushed to (the fork's for push_to_fork)
  std::string push_branch;  ///< the branch's name there
};

struct PushOutcome {
  bool pushed = false;
  bool config_restored = false;  ///< .git/config had changed during the run and was put back
  std::string commit_sha;  ///< the runner's own commit of leftovers; empty when none
  int commits = 0;         ///< commits on the branch from this run
  std::string signed_commit_sha;  ///< use_commit_signing: the commit made through the API
};

class Workspace {
 public:
  Workspace(runner::git::Repo repo, runner::git::RemoteAuth auth) : repo_(std::move(repo)), auth_(std::move(auth)) {}

  /// Fetches and checks out the branch to work on; for pull requests restores configuration
  /// from the base. `entity` may be null (automation without an issue or PR).
  runner::base::Result<WorkspacePlan> Prepare(const GithubEvent& event, const EntityContext* entity,
                                              const ActionInputs& inputs, std::string_view repo_full_name,
                                              std::string_view default_branch, std::string_view run_id,
                                              std::time_t now);

  /// Only the trust boundary, for runs that do not commit (automation on a pull request): the
  /// checkout's stored credentials go and Claude's configuration is taken from the base branch.
  runner::base::Result<void> ProtectConfig(const EntityContext& pull);

  /// Commits what the agent left and pushes. `message` is the full commit message. With
  /// `signed_api` (use_commit_signing) nothing is pushed with git: the run's changes become one
  /// commit made through GitHub's git data API, which GitHub signs, and the branch is set to it.
  /// `cancel` bounds the push (the run's own token may already have fired, e.g. at --timeout).
  runner::base::Result<PushOutcome> Finish(const std::string& message, const runner::git::Identity& bot,
                                           bool allow_workflow_changes, runner::base::CancelToken* cancel,
                                           GithubApi* signed_api = nullptr);

  const WorkspacePlan& plan() const { return plan_; }
  /// The commit the run started from (the remote branch's head, or the base's for a new branch).
  const std::string& start_sha() const { return start_sha_; }
  runner::git::Repo& repo() { return repo_; }

 private:
  /// Fetches `base_ref` and puts Claude's configuration paths back to its version.
  runner::base::Result<void> TakeConfigFromBase(const std::string& base_ref);

  runner::git::Repo repo_;
  runner::git::RemoteAuth auth_;
  WorkspacePlan plan_;
  /// Where the branch is pushed: the URL read before the agent ran (so nothing the agent
  /// changes in .git/config redirects the token), the fork's for a fork PR with push_to_fork.
  std::string push_url_;
  std::string push_branch_;  ///< the branch name on that remote
  /// .git/config as it was before the agent ran; put back before committing and pushing.
  std::string config_snapshot_;
  std::string start_sha_;
  std::vector<std::string> restored_;
};

}  // namespace integrations::github
