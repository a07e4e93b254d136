#include "integrations/github/workspace.h"

#include <cstdio>

#include <filesystem>

#include "integrations/github/branch_name.h"
#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Result;

const std::vector<std::string>& ConfigPathsFromBase() {
  static const std::vector<std::string> kPaths = {".claude", ".mcp.json", ".claude.json", ".gitmodules",
                                                  ".ripgreprc", "CLAUDE.md", "CLAUDE.local.md", ".husky"};
  return kPaths;
}

namespace {

std::string Tracking(std::string_view branch) {
  return "+refs/heads/" + std::string(branch) + ":refs/remotes/origin/" + std::string(branch);
}

// actions/checkout leaves the job token in .git/config as an Authorization header (unless
// persist-credentials: false), where the agent could read it in a form redaction does not know
// (base64). The runner authenticates by itself, so the header goes.
constexpr const char* kCheckoutCredentials = "^http\\..*\\.extraheader$";

}  // namespace

Result<void> Workspace::TakeConfigFromBase(const std::string& base_ref) {
  TRY_VOID(repo_.Fetch("origin", {Tracking(base_ref)}, auth_));
  restored_ = ConfigPathsFromBase();
  return repo_.RestorePathsFrom("origin/" + base_ref, restored_);
}

Result<void> Workspace::ProtectConfig(const EntityContext& pull) {
  plan_.removed_credentials = TRY(repo_.RemoveLocalConfig(kCheckoutCredentials));
  return TakeConfigFromBase(pull.base_ref);
}

Result<WorkspacePlan> Workspace::Prepare(const GithubEvent& event, const EntityContext* entity,
                                         const ActionInputs& inputs, std::string_view repo_full_name,
                                         std::string_view default_branch, std::string_view run_id, std::time_t now) {
  plan_.removed_credentials = TRY(repo_.RemoveLocalConfig(kCheckoutCredentials));
  push_url_ = TRY(repo_.RemoteUrl("origin"));
  bool open_pr = entity && entity->is_pr && entity->state == "open" && !entity->merged && !entity->head_ref.empty();
  if (open_pr) {
    plan_.base_branch = entity->base_ref;
    if (entity->from_fork) {
      // The fork's branch: fetched read-only through the base repository's pull ref, or with
      // push_to_fork from the fork itself (same host, the fork's owner/name in the path).
      std::string local = "pr-" + std::to_string(entity->number);
      std::string fork_url;
      if (size_t at = push_url_.rfind("/" + std::string(repo_full_name)); inputs.push_to_fork && at != std::string::npos && !entity->head_repo.empty()) {
        fork_url = push_url_.substr(0, at) + "/" + entity->head_repo + push_url_.substr(at + 1 + repo_full_name.size());
      }
      if (!fork_url.empty()) {
        TRY_VOID(repo_.Fetch(fork_url, {"+refs/heads/" + entity->head_ref + ":refs/remotes/fork/" + local}, auth_));
        TRY_VOID(repo_.CreateBranchAndCheckout(local, "fork/" + local));
        push_url_ = fork_url;
        push_branch_ = entity->head_ref;
        plan_.push_repo = entity->head_repo;
      } else {
        TRY_VOID(repo_.Fetch("origin", {"+refs/pull/" + std::to_string(entity->number) + "/head:refs/remotes/origin/" + local}, auth_));
        TRY_VOID(repo_.CreateBranchAndCheckout(local, "origin/" + local));
        plan_.can_push = false;
        plan_.no_push_reason = inputs.push_to_fork
                                   ? "the fork's address could not be derived from the checkout's remote; changes are not pushed"
                                   : "the pull request comes from a fork; changes are not pushed (set push_to_fork to allow)";
      }
      plan_.branch = local;
    } else {
      TRY_VOID(repo_.Fetch("origin", {Tracking(entity->head_ref)}, auth_));
      TRY_VOID(repo_.CheckoutBranch(entity->head_ref));
      plan_.branch = entity->head_ref;
    }
    TRY_VOID(TakeConfigFromBase(entity->base_ref));
  } else {
    plan_.base_branch = !inputs.base_branch.empty() ? inputs.base_branch : std::string(default_branch);
    if (plan_.base_branch.empty()) return Fail(ErrorKind::kConfig, "cannot tell the base branch: set the base_branch input");
    TRY_VOID(repo_.Fetch("origin", {Tracking(plan_.base_branch)}, auth_));
    std::string kind = entity ? (entity->is_pr ? "pr" : "issue") : "run";
    int64_t number = entity ? entity->number : runner::base::ParseInt(run_id).value_or(0);
    BranchTemplateValues values{inputs.branch_prefix, kind, number, now,
                                TRY(repo_.ResolveSha("origin/" + plan_.base_branch)),
                                entity && !entity->labels.empty() ? entity->labels.front() : "",
                                entity ? entity->title : ""};
    std::string name = TemplateBranchName(inputs.branch_name_template, values);
    if (!IsValidBranchName(name)) {
      return Fail(ErrorKind::kConfig, "branch name '" + name + "' is not valid; check branch_prefix and branch_name_template");
    }
    std::string candidate = name;
    for (int attempt = 2; TRY(repo_.RemoteBranchExists("origin", candidate, auth_)); ++attempt) {
      if (attempt > 20) return Fail(ErrorKind::kConfig, "every branch name like " + name + " is taken");
      candidate = NextBranchCandidate(name, attempt);
    }
    TRY_VOID(repo_.CreateBranchAndCheckout(candidate, "origin/" + plan_.base_branch));
    plan_.branch = candidate;
    plan_.new_branch = true;
  }
  (void)event;
  if (push_branch_.empty()) push_branch_ = plan_.branch;
  plan_.push_branch = push_branch_;
  if (plan_.push_repo.empty()) plan_.push_repo = std::string(repo_full_name);
  start_sha_ = TRY(repo_.HeadSha());
  config_snapshot_ = runner::base::ReadFile(repo_.gitdir() / "config").value_or("");
  return plan_;
}

namespace {

/// A git file mode as the API writes it ("100644").
std::string Octal(int mode) {
  char text[16];
  std::snprintf(text, sizeof text, "%o", mode);
  return text;
}

}  // namespace

Result<PushOutcome> Workspace::Finish(const std::string& message, const runner::git::Identity& bot,
                                      bool allow_workflow_changes, runner::base::CancelToken* cancel,
                                      GithubApi* signed_api) {
  PushOutcome out;
  // Whatever the agent did to .git/config (remotes, url rewrites, helpers) is undone before
  // the runner commits and pushes with the token.
  std::filesystem::path config = repo_.gitdir() / "config";
  if (runner::base::ReadFile(config).value_or("") != config_snapshot_) {
    TRY_VOID(runner::base::WriteFileAtomic(config, config_snapshot_));
    out.config_restored = true;
  }
  // The branch prepared for the run is what gets committed to, checked and pushed.
  std::string current = TRY(repo_.CurrentBranch());
  if (current != plan_.branch) {
    return Fail(ErrorKind::kConfig, "the agent left the branch " + plan_.branch + " (HEAD is " +
                                        (current.empty() ? "detached" : current) + "); nothing was pushed");
  }
  std::vector<std::string> exclude = restored_;
  if (!allow_workflow_changes) {
    exclude.push_back(".github/workflows/");
    exclude.push_back(".github/actions/");
  }
  // Credential files cloud login actions leave in the checkout (google-github-actions/auth
  // writes gha-creds-*.json) are never committed.
  for (const std::string& p : TRY(repo_.ChangedPaths())) {
    std::string name = std::filesystem::path(p).filename().string();
    if (name.starts_with("gha-creds-") && name.ends_with(".json")) exclude.push_back(p);
  }
  auto committed = TRY(repo_.CommitAll(message, bot, bot, exclude));
  if (committed) out.commit_sha = *committed;
  out.commits = TRY(repo_.CommitsAhead(start_sha_, "HEAD"));
  if (out.commits == 0) return out;
  for (const std::string& p : TRY(repo_.PathsChangedBetween(start_sha_, "HEAD"))) {
    if (!allow_workflow_changes && (p.starts_with(".github/workflows/") || p.starts_with(".github/actions/"))) {
      return Fail(ErrorKind::kConfig, "the commits change " + p +
                                          "; workflow files are not pushed unless allow_workflow_changes is true");
    }
    std::string name = std::filesystem::path(p).filename().string();
    if (name.starts_with("gha-creds-") && name.ends_with(".json")) {
      return Fail(ErrorKind::kConfig, "the commits add " + p + ", a cloud login's credentials file; not pushed");
    }
    for (const std::string& r : restored_) {
      if (p == r || p.starts_with(r + "/")) {
        return Fail(ErrorKind::kConfig, "the commits change " + p +
                                            ", Claude's configuration, which on pull requests comes from the base "
                                            "branch; not pushed");
      }
    }
  }
  if (!plan_.can_push) return out;
  if (signed_api) {
    // One commit with the run's net change, on the commit the run started from. History the
    // agent rewrote is refused, as a git push would refuse it (not a fast-forward).
    if (!TRY(repo_.Descends("HEAD", start_sha_))) {
      return Fail(ErrorKind::kConfig, "the branch no longer contains the commit the run started from; not pushed");
    }
    constexpr int64_t kMaxFileBytes = 50 << 20;
    std::vector<GithubApi::TreeChange> changes;
    for (const runner::git::Repo::Delta& d : TRY(repo_.DiffTrees(start_sha_, "HEAD"))) {
      constexpr int kSubmodule = 0160000;
      GithubApi::TreeChange change;
      change.path = d.path;
      int mode = d.new_mode != 0 ? d.new_mode : d.old_mode;
      change.mode = Octal(mode);
      change.type = mode == kSubmodule ? "commit" : "blob";
      if (d.new_mode == kSubmodule) {
        change.sha = d.new_sha;
      } else if (d.new_mode != 0) {
        auto file = TRY(repo_.FileAt("HEAD", d.path));
        if (!file) return Fail(ErrorKind::kIo, d.path + " is missing from the commit");
        if (static_cast<int64_t>(file->content.size()) > kMaxFileBytes) {
          return Fail(ErrorKind::kConfig, d.path + " is larger than 50 MiB; not committed through the API");
        }
        change.sha = TRY(signed_api->CreateBlob(plan_.push_repo, file->content));
      }
      changes.push_back(std::move(change));
    }
    if (changes.empty()) return out;  // the commits cancel out
    std::string tree = TRY(signed_api->CreateTree(plan_.push_repo, TRY(repo_.TreeSha(start_sha_)), changes));
    std::string commit = TRY(signed_api->CreateCommit(plan_.push_repo, message, tree, start_sha_));
    TRY_VOID(signed_api->SetBranch(plan_.push_repo, push_branch_, commit, plan_.new_branch));
    out.signed_commit_sha = commit;
    out.pushed = true;
    return out;
  }
  runner::git::RemoteAuth auth = auth_;
  auth.cancel = cancel;
  TRY_VOID(repo_.Push(push_url_, plan_.branch, push_branch_, auth));
  out.pushed = true;
  return out;
}

}  // namespace integrations::github
