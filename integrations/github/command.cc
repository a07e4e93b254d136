#include "integrations/github/command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "integrations/github/api.h"
#include "integrations/github/app_token.h"
#include "integrations/github/images.h"
#include "integrations/github/branch_name.h"
#include "integrations/github/comment_format.h"
#include "integrations/github/event.h"
#include "integrations/github/execution_log.h"
#include "integrations/github/fetch.h"
#include "integrations/github/forge_tools.h"
#include "integrations/github/inputs.h"
#include "integrations/github/outputs.h"
#include "integrations/github/prompt.h"
#include "integrations/github/redact.h"
#include "integrations/github/sanitize.h"
#include "integrations/github/summary.h"
#include "integrations/github/tracking.h"
#include "integrations/github/trigger.h"
#include "integrations/github/workspace.h"
#include "runner/base/clock.h"
#include "runner/base/env.h"
#include "runner/base/files.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;
using runner::base::JsonObject;
using runner::base::Result;

namespace {

constexpr const char* kHelp =
    "Usage: claude-runner github\n"
    "\n"
    "Runs one GitHub Actions step: reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and the action's\n"
    "INPUT_* variables, decides whether the event asks for Claude, checks who asked, posts a\n"
    "tracking comment, runs the agent on the issue or pull request, pushes its commits, opens a\n"
    "pull request when create_pr is set, and writes GITHUB_OUTPUT and the job summary.\n"
    "See docs/github.md.\n";

template <class... Args>
void Say(fmt::format_string<Args...> format, Args&&... args) {
  std::string line = fmt::format(format, std::forward<Args>(args)...);
  std::fprintf(stderr, "[claude-runner github] %s\n", line.c_str());
}

/// What the final comment says about how the agent's session ended.
FinalReport::Outcome OutcomeOf(int code) {
  if (code == 0) return FinalReport::Outcome::kSuccess;
  if (code == 5) return FinalReport::Outcome::kTimedOut;
  if (code == 130 || code == 143) return FinalReport::Outcome::kCancelled;
  return FinalReport::Outcome::kFailure;
}

std::string ServerHost(const std::string& server_url) {
  std::string host = server_url;
  if (size_t p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
  if (size_t p = host.find('/'); p != std::string::npos) host = host.substr(0, p);
  return host;
}

std::string NoreplyDomain(const std::string& server_url) {
  std::string host = ServerHost(server_url);
  return host == "github.com" || host.empty() ? "users.noreply.github.com" : "users.noreply." + host;
}

/// Whether `list` (allowed_bots) names bot `login`: `*`, or the name with or without `[bot]`.
bool BotListed(const std::vector<std::string>& list, std::string_view login) {
  std::string bare(login);
  if (bare.ends_with("[bot]")) bare.resize(bare.size() - 5);
  for (std::string entry : list) {
    if (entry.ends_with("[bot]")) entry.resize(entry.size() - 5);
    if (entry == "*" || runner::base::IEquals(entry, bare)) return true;
  }
  return false;
}

/// Whether `list` (allowed_non_write_users) names user `login` exactly, or is `*`.
bool UserListed(const std::vector<std::string>& list, std::string_view login) {
  for (const std::string& entry : list) {
    if (entry == "*" || runner::base::IEquals(entry, login)) return true;
  }
  return false;
}

/// Who may start a run: bots only when listed in allowed_bots (and nothing else lets a bot
/// through, so the runner's own comments cannot start it again); users with write, maintain or
/// admin permission; users in allowed_non_write_users only together with a github_token input
/// (then `scrub` is set).
Result<void> CheckActor(GithubApi& api, const std::string& repo, const ActionInputs& inputs,
                        const std::string& login, bool is_bot, bool& scrub) {
  if (is_bot || login.ends_with("[bot]")) {
    if (BotListed(inputs.allowed_bots, login)) return {};
    return Fail(ErrorKind::kUsage, "the actor " + login + " is a bot and is not listed in allowed_bots");
  }
  if (UserListed(inputs.allowed_non_write_users, login)) {
    if (inputs.github_token.empty()) {
      Say("allowed_non_write_users lists {} but is ignored without a github_token input", login);
    } else {
      Say("warning: {} may trigger without write access (allowed_non_write_users); secrets are "
          "removed from the environment of the agent's commands", login);
      scrub = true;
      return {};
    }
  }
  auto permission = api.CollaboratorPermission(repo, login);
  if (!permission) {
    if (permission.error().http_status == 404) {
      // Apps acting as themselves (Copilot, …) are not users; they count as bots.
      if (BotListed(inputs.allowed_bots, login)) return {};
      return Fail(ErrorKind::kUsage, "the actor " + login + " is not a user of this repository (" +
                                         permission.error().message + ")");
    }
    return std::unexpected(permission.error());
  }
  if (*permission == "admin" || *permission == "write" || *permission == "maintain") return {};
  return Fail(ErrorKind::kUsage, "the actor " + login + " has '" + *permission +
                                     "' permission on " + repo + "; write or admin is needed to trigger Claude");
}

/// One line of progress on stderr per tool call and for the result (secrets redacted).
void ReportProgress(const Json& message, const std::vector<std::string>& secrets) {
  std::string type = message["type"].AsString();
  if (type == "assistant") {
    for (const Json& block : message["message"]["content"].items()) {
      if (block["type"].AsString() != "tool_use") continue;
      std::string input = block["input"].Dump();
      for (const char* key : {"command", "file_path", "pattern", "path", "body"}) {
        if (block["input"][key].is_string()) {
          input = block["input"][key].AsString();
          break;
        }
      }
      std::string line = runner::base::Utf8Prefix(input.substr(0, input.find('\n')), 160);
      Say("tool {}: {}", block["name"].AsString(), RedactForPosting(line, secrets));
    }
  } else if (type == "result") {
    Say("agent finished: {} after {} turns, {:.1f} s, ${:.4f}", message["subtype"].AsString(),
        message["num_turns"].AsInt(), message["duration_ms"].AsDouble() / 1000.0,
        message["total_cost_usd"].AsDouble());
  }
}

std::string TriggerText(const GithubEvent& e) {
  switch (e.kind) {
    case EventKind::kIssueComment:
    case EventKind::kPullRequestReviewComment:
      return e.comment_body;
    case EventKind::kPullRequestReview:
      return e.review_body;
    default:
      return e.title + "\n\n" + e.body;
  }
}

/// A short header naming the repository and the issue or pull request, for automation prompts.
std::string AutomationHeader(const std::string& repo, const EntityContext* entity) {
  std::string h = "Repository: " + repo + ".";
  if (entity) {
    h += entity->is_pr ? " Pull request #" : " Issue #";
    h += std::to_string(entity->number) + ": " + SanitizeForgeText(entity->title) + ".";
    if (entity->is_pr) h += " Base branch: " + entity->base_ref + ", head branch: " + entity->head_ref + ".";
  }
  return h;
}

void SetEnv(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }

class Command {
 public:
  explicit Command(CommandDeps deps) : deps_(std::move(deps)) {}
  int Run();

 private:
  int Skip(const std::string& reason);
  int Refuse(const std::string& reason);
  int Finish(int agent_code, const std::string& error);
  /// Images pasted into the issue or PR, its comments and the trigger: downloaded for Read.
  void DownloadConversationImages();
  /// Ends the Claude app's token, when the run got one.
  void RevokeAppToken();
  std::vector<std::string> AgentArgs() const;
  std::string CoAuthorLine();
  std::string CommitMessage(const std::string& co_author) const;
  void WriteOutputs(const std::string& conclusion);
  /// The checkout (GITHUB_WORKSPACE, else the working directory) with the job's token.
  Result<std::unique_ptr<Workspace>> OpenWorkspace() const;
  /// "\n\nCloses #n" (or "Follows up on #n" for a pull request); empty without an entity.
  std::string IssueLink() const;

  CommandDeps deps_;
  runner::base::Env env_ = runner::base::Env::FromProcess();
  ActionInputs inputs_;
  JobFacts facts_;
  GithubEvent event_;
  bool tag_ = false;
  Mode decision_mode_ = Mode::kNone;
  bool scrub_ = false;
  int64_t start_ms_ = runner::base::MonotonicMs();
  std::vector<std::string> secrets_;
  std::unique_ptr<GithubApi> api_;
  std::unique_ptr<TrackingComment> tracking_;
  std::unique_ptr<ExecutionLog> log_;
  std::filesystem::path temp_dir_;  // RUNNER_TEMP, else TMPDIR or /tmp
  bool app_token_ = false;           // facts_.token is the Claude app's token: revoke it at the end
  std::string workflow_token_;       // the job's GITHUB_TOKEN when the app's token replaced it
  std::unique_ptr<GithubApi> ci_api_;  // the CI tools' API (the job's token reads Actions)
  std::string trigger_text_;           // the triggering comment or body (image links made local)
  std::vector<std::string> image_paths_;
  std::optional<EntityContext> entity_;
  std::unique_ptr<Workspace> workspace_;
  std::unique_ptr<ReviewDraft> review_;
  runner::git::Identity bot_;
  Json agent_settings_;
  std::string commit_message_;
  std::vector<std::string> user_args_;  ///< claude_args, split
  // Results for the outputs.
  std::string branch_name_;
  std::string pr_url_;
};

int Command::Skip(const std::string& reason) {
  Say("nothing to do: {}", reason);
  WriteOutputs("skipped");
  return 0;
}

int Command::Refuse(const std::string& reason) {
  Say("not running: {}", reason);
  WriteOutputs("failure");
  if (api_) RevokeAppToken();
  return kExitNotAllowed;
}

void Command::DownloadConversationImages() {
  std::string repo = "/repos/" + facts_.repository;
  std::vector<ImageText> texts;
  texts.push_back({repo + "/issues/" + std::to_string(entity_->number), &entity_->body});
  if (event_.comment_id > 0 && event_.kind == EventKind::kIssueComment) {
    texts.push_back({repo + "/issues/comments/" + std::to_string(event_.comment_id), &trigger_text_});
  } else if (event_.comment_id > 0 && event_.kind == EventKind::kPullRequestReviewComment) {
    texts.push_back({repo + "/pulls/comments/" + std::to_string(event_.comment_id), &trigger_text_});
  } else {
    texts.push_back({"", &trigger_text_});  // the body (already listed) or a review: links only
  }
  for (IssueComment& c : entity_->comments) texts.push_back({repo + "/issues/comments/" + std::to_string(c.id), &c.body});
  for (InlineComment& c : entity_->inline_comments) {
    texts.push_back({repo + "/pulls/comments/" + std::to_string(c.id), &c.body});
  }
  image_paths_ = DownloadImages(*api_, *deps_.http, texts, facts_.server_url, (temp_dir_ / "github-images").string(),
                                ImageLimits{}, [this](const std::string& line) { Say("{}", line); });
  if (!image_paths_.empty()) Say("downloaded {} image(s) for the agent", image_paths_.size());
}

void Command::RevokeAppToken() {
  // The app's token is valid for an hour: it ends with the run (as claude-code-action's post
  // step), with its own few seconds even when the job is being cancelled.
  if (!app_token_) return;
  app_token_ = false;
  runner::base::CancelToken cancel;
  cancel.SetDeadlineMs(runner::base::MonotonicMs() + 5000);
  ApiOptions options{facts_.api_url, facts_.token};
  options.max_attempts = 1;
  GithubApi api(*deps_.http, options, &cancel);
  if (auto revoked = api.RevokeInstallationToken(); !revoked) {
    Say("could not revoke the Claude GitHub App's token: {}", revoked.error().message);
  }
}

void Command::WriteOutputs(const std::string& conclusion) {
  if (facts_.output_file.empty()) return;
  std::vector<std::pair<std::string, std::string>> values = {{"conclusion", conclusion}};
  if (log_) {
    values.push_back({"execution_file", log_->path().string()});
    Json result = log_->last_result();
    if (!result.is_null()) {
      values.push_back({"session_id", result["session_id"].AsString()});
      values.push_back({"total_cost_usd", fmt::format("{}", result["total_cost_usd"].AsDouble())});
      values.push_back({"num_turns", std::to_string(result["num_turns"].AsInt())});
      if (result.Contains("structured_output")) values.push_back({"structured_output", result["structured_output"].Dump()});
    }
  }
  values.push_back({"branch_name", branch_name_});
  values.push_back({"pr_url", pr_url_});
  if (auto ok = AppendGithubOutput(facts_.output_file, values); !ok) Say("cannot write GITHUB_OUTPUT: {}", ok.error().message);
}

Result<std::unique_ptr<Workspace>> Command::OpenWorkspace() const {
  std::filesystem::path dir = !facts_.workspace.empty() ? std::filesystem::path(facts_.workspace)
                                                        : std::filesystem::current_path();
  runner::git::Repo repo = TRY(runner::git::Repo::Open(dir));
  return std::make_unique<Workspace>(std::move(repo), runner::git::RemoteAuth{"x-access-token", facts_.token, deps_.cancel});
}

std::string Command::IssueLink() const {
  if (!entity_) return "";
  return std::string("\n\n") + (entity_->is_pr ? "Follows up on #" : "Closes #") + std::to_string(entity_->number);
}

std::string Command::CoAuthorLine() {
  std::string login = event_.actor_login.empty() ? facts_.actor : event_.actor_login;
  if (login.empty()) return "";
  std::string name = login;
  auto user = api_->GetUser(login);
  if (user && !(*user)["name"].AsString().empty()) name = (*user)["name"].AsString();
  int64_t id = event_.payload["sender"]["id"].AsInt();
  if (id == 0 && user) id = (*user)["id"].AsInt();
  std::string email = (id ? std::to_string(id) + "+" : "") + login + "@" + NoreplyDomain(facts_.server_url);
  return "Co-authored-by: " + name + " <" + email + ">";
}

std::vector<std::string> Command::AgentArgs() const {
  std::vector<std::string> args;
  auto user_gave = [&](std::string_view flag) {
    return std::find(user_args_.begin(), user_args_.end(), flag) != user_args_.end();
  };
  if (tag_) {
    std::string allowed = "Glob,Grep,LS,Read,TodoWrite," + std::string(kUpdateCommentTool) +
                          ",Bash(git status:*),Bash(git diff:*),Bash(git log:*),Bash(git show:*)";
    if (review_) {
      for (const char* tool : {kInlineCommentTool, kCiStatusTool, kCiRunDetailsTool, kCiJobLogTool}) {
        allowed += "," + std::string(tool);
      }
    }
    args = {"--allowedTools", allowed};
    if (!user_gave("--permission-mode") && !user_gave("--dangerously-skip-permissions")) {
      args.insert(args.end(), {"--permission-mode", "acceptEdits"});
    }
  }
  if (workspace_) {
    // The runner pushes with the job's token at the end: the agent may not change where that
    // goes (remotes, url rewrites) or what runs (hooks).
    args.insert(args.end(), {"--disallowedTools",
                             "Edit(/.git/**),Write(/.git/**),MultiEdit(/.git/**),NotebookEdit(/.git/**)"});
  }
  if (!inputs_.settings.empty()) {
    args.push_back("--settings");
    args.push_back(inputs_.settings);
  }
  return args;
}

std::string Command::CommitMessage(const std::string& co_author) const {
  std::string subject;
  if (entity_) {
    subject = runner::base::Utf8Prefix(
        "Claude: " + std::string(runner::base::Trim(SanitizeForgeText(entity_->title))) + " (#" +
            std::to_string(entity_->number) + ")",
        72);
  } else {
    subject = "Claude: changes from workflow run " + facts_.run_id;
  }
  std::string body = "Made by Claude in " + facts_.job_url() + ".";
  if (!co_author.empty()) body += "\n\n" + co_author;
  return subject + "\n\n" + body + "\n";
}

int Command::Finish(int agent_code, const std::string& agent_error) {
  // The final steps must run even when the job is being cancelled: they get their own token,
  // with a short deadline after a signal (GitHub kills a cancelled step a few seconds later).
  runner::base::CancelToken final_cancel;
  bool signalled = deps_.cancel->cancelled() && deps_.cancel->reason() != runner::base::CancelReason::kDeadline;
  final_cancel.SetDeadlineMs(runner::base::MonotonicMs() + (signalled ? 6000 : 60000));
  ApiOptions final_options{facts_.api_url, facts_.token};
  final_options.max_attempts = 2;
  final_options.backoff_ms = 500;
  GithubApi final_api(*deps_.http, final_options, &final_cancel);
  if (tracking_) tracking_->UseApi(final_api);

  bool before_agent = agent_code < 0;
  if (before_agent) Say("{}", RedactForPosting(agent_error, secrets_));
  FinalReport::Outcome outcome = before_agent ? FinalReport::Outcome::kFailure : OutcomeOf(agent_code);
  int exit_code = before_agent ? kExitForgeFailed : agent_code;
  if (before_agent && signalled) {  // cancelled while preparing (a fetch, the context)
    outcome = FinalReport::Outcome::kCancelled;
    exit_code = deps_.cancel->reason() == runner::base::CancelReason::kTerminate ? 143 : 130;
  }
  std::string error = agent_error;
  Json result = log_ ? log_->last_result() : Json();
  std::string result_text = result["result"].AsString();
  const std::string posted_result = RedactForPosting(result_text, secrets_);
  auto fail = [&](const std::string& message) {
    Say("{}", RedactForPosting(message, secrets_));
    outcome = FinalReport::Outcome::kFailure;
    if (error.empty()) error = message;
    if (exit_code == 0) exit_code = kExitForgeFailed;
  };

  std::string branch_url, compare_url, note;
  // A run that failed or timed out keeps what it did on its branch (as claude-code-action's
  // agent, which pushes as it goes, does); no pull request is opened for it. Not after a cancel:
  // the few seconds left belong to the final comment.
  const bool finished = outcome == FinalReport::Outcome::kSuccess;
  // Only for a run cut short by a limit or the API (exit 3-8): not after a hook stopped it (9,
  // often a guard) or an internal error (1), whose state nobody vouches for.
  const bool keep_unfinished = !before_agent && inputs_.push_unfinished && agent_code >= 3 && agent_code <= 8;
  if (workspace_ && (finished || keep_unfinished)) {
    const WorkspacePlan& plan = workspace_->plan();
    // Half-done work says so in its subject.
    std::string message = commit_message_;
    if (!finished) message.insert(message.find('\n'), " (unfinished)");
    auto pushed = workspace_->Finish(message, bot_, inputs_.allow_workflow_changes, &final_cancel,
                                     inputs_.use_commit_signing ? &final_api : nullptr);
    if (!pushed) {
      fail("pushing the changes failed: " + pushed.error().message);
      if (plan.new_branch) branch_name_.clear();
    } else if (pushed->pushed) {
      if (pushed->config_restored) Say("the agent changed .git/config; it was put back as it was before pushing");
      if (!pushed->signed_commit_sha.empty()) {
        Say("committed the changes to {} through GitHub's API (signed): {}", plan.push_branch, pushed->signed_commit_sha);
      } else {
        Say("pushed {} commit(s) to {}", pushed->commits, plan.branch);
      }
      branch_url = facts_.server_url + "/" + plan.push_repo + "/tree/" + plan.push_branch;
      branch_name_ = plan.push_branch;
      if (!finished) {
        note = "The run did not finish; the changes it made so far were pushed to " + plan.push_branch +
               (plan.new_branch ? " (no pull request was opened)." : ".");
      } else if (plan.new_branch) {
        std::string title = entity_ ? "Claude: " + std::string(runner::base::Trim(SanitizeForgeText(entity_->title)))
                                    : "Claude: changes from workflow run " + facts_.run_id;
        std::string body = runner::base::Utf8Prefix(posted_result, 4000) + IssueLink();
        body += "\n\n---\nOpened by claude-runner ([job run](" + facts_.job_url() + ")).";
        if (inputs_.create_pr) {
          auto pr = final_api.CreatePull(facts_.repository, title, plan.branch, plan.base_branch, body, inputs_.draft_pr);
          if (pr) {
            pr_url_ = (*pr)["html_url"].AsString();
            Say("opened pull request {}", pr_url_);
          } else {
            fail("opening the pull request failed: " + pr.error().message);
          }
        } else {
          // The link carries a shorter body: long URLs are refused.
          std::string link_body = runner::base::Utf8Prefix(posted_result, 800) + IssueLink();
          compare_url = CompareUrl(facts_.server_url, facts_.repository, plan.base_branch, plan.branch, title, link_body);
        }
      }
    } else {
      if (pushed->commits > 0 && !plan.can_push) note = plan.no_push_reason;
      if (plan.new_branch) branch_name_.clear();  // never reached the remote
    }
  } else if (workspace_) {
    auto changed = workspace_->repo().ChangedPaths();
    if (changed && !changed->empty()) {
      note = "Changes the agent made were not committed or pushed, because the run did not finish.";
    }
    if (workspace_->plan().new_branch) branch_name_.clear();
  }

  // Inline comments the agent queued are posted even when it did not finish (a review bot that
  // hits --max-turns has still found what it found).
  if (review_) {
    std::vector<DraftReviewComment> comments = review_->comments();
    if (!comments.empty()) {
      for (DraftReviewComment& c : comments) c.body = RedactForPosting(c.body, secrets_);
      std::string head_sha = entity_ ? entity_->head_sha : "";
      auto review = final_api.CreateReview(facts_.repository, event_.number, head_sha,
                                           posted_result, comments);
      if (review) {
        Say("posted a review with {} inline comment(s)", comments.size());
      } else {
        fail("posting the review failed: " + review.error().message);
      }
    }
  }

  if (tracking_) {
    FinalReport report;
    report.outcome = outcome;
    report.trigger_user = event_.actor_login.empty() ? facts_.actor : event_.actor_login;
    report.duration_ms = result.Contains("duration_ms") ? result["duration_ms"].AsInt()
                                                        : runner::base::MonotonicMs() - start_ms_;
    report.cost_usd = result["total_cost_usd"].AsDouble();
    report.turns = result["num_turns"].AsInt();
    report.job_url = facts_.job_url();
    report.branch = branch_url.empty() ? "" : branch_name_;
    report.branch_url = branch_url;
    report.pr_url = pr_url_;
    report.compare_url = compare_url;
    report.error = RedactForPosting(error, secrets_);
    std::string content = tracking_->agent_body();
    if (content.empty() && outcome == FinalReport::Outcome::kSuccess) content = result_text;
    if (!note.empty()) content += "\n\n_" + note + "_";
    if (auto ok = tracking_->Update(FinalCommentBody(content, report)); !ok) {
      Say("cannot update the tracking comment: {}", ok.error().message);
      if (exit_code == 0) exit_code = kExitForgeFailed;
    }
  }

  std::string conclusion = outcome == FinalReport::Outcome::kSuccess ? "success" : "failure";
  WriteOutputs(conclusion);
  if (!facts_.summary_file.empty() && log_) {
    SummaryFacts sf;
    sf.conclusion = conclusion;
    sf.branch = branch_name_;
    sf.branch_url = branch_url;
    sf.pr_url = pr_url_;
    sf.job_url = facts_.job_url();
    sf.error = error;
    sf.known_secrets = secrets_;
    if (auto ok = AppendStepSummary(facts_.summary_file, JobSummaryMarkdown(log_->messages(), sf)); !ok) {
      Say("cannot write the job summary: {}", ok.error().message);
    }
  }
  RevokeAppToken();
  Say("done: {} (exit {})", conclusion, exit_code);
  return exit_code;
}

int Command::Run() {
  auto inputs = ReadInputs(env_);
  if (!inputs) {
    std::fprintf(stderr, "Error: %s\n", inputs.error().message.c_str());
    return 2;
  }
  inputs_ = std::move(*inputs);
  auto user_args = SplitClaudeArgs(inputs_.claude_args);
  if (!user_args) {
    std::fprintf(stderr, "Error: %s\n", user_args.error().message.c_str());
    return 2;
  }
  user_args_ = std::move(*user_args);
  if (!inputs_.claude_code_oauth_token.empty() && inputs_.anthropic_api_key.empty()) {
    std::fprintf(stderr, "Error: claude_code_oauth_token (a Claude subscription token) is not "
                         "supported yet; set anthropic_api_key\n");
    return 2;
  }
  auto facts = ReadJobFacts(env_, inputs_);
  if (!facts) {
    std::fprintf(stderr, "Error: %s\n", facts.error().message.c_str());
    return 2;
  }
  facts_ = std::move(*facts);
  std::string payload;
  if (!facts_.event_path.empty()) {
    auto text = runner::base::ReadFile(facts_.event_path);
    if (!text) {
      std::fprintf(stderr, "Error: cannot read GITHUB_EVENT_PATH %s: %s\n", facts_.event_path.c_str(),
                   text.error().message.c_str());
      return 2;
    }
    payload = std::move(*text);
  }
  auto event = ParseEventText(facts_.event_name, payload);
  if (!event) {
    std::fprintf(stderr, "Error: %s\n", event.error().message.c_str());
    return 2;
  }
  event_ = std::move(*event);

  TriggerInputs trigger{inputs_.prompt, inputs_.trigger_phrase, inputs_.assignee_trigger, inputs_.label_trigger};
  TriggerDecision decision = DecideTrigger(event_, trigger);
  if (decision.mode == Mode::kNone) return Skip(decision.reason);
  bool entity_event = event_.number > 0;
  tag_ = decision.mode == Mode::kTag || (inputs_.track_progress && entity_event);
  decision_mode_ = decision.mode;
  Say("{} mode: {}", tag_ ? "tag" : "automation", decision.reason);

  if (facts_.wants_app_token) {
    AppTokenRequest request{facts_.id_token_url, facts_.id_token_bearer,
                            env_.GetOr("CLAUDE_RUNNER_APP_TOKEN_EXCHANGE_URL", kAppTokenExchangeUrl),
                            inputs_.additional_permissions};
    auto app = ExchangeForAppToken(*deps_.http, request, deps_.cancel);
    if (app) {
      workflow_token_ = facts_.token;
      facts_.token = *app;
      app_token_ = true;
      Say("using the Claude GitHub App's token (from the job's OIDC token)");
    } else if (facts_.token.empty()) {
      Say("{}; no github_token input or GITHUB_TOKEN to fall back on", app.error().message);
      WriteOutputs("failure");
      return kExitForgeFailed;
    } else {
      Say("{}; using GITHUB_TOKEN instead (comments come from github-actions[bot], and its pushes do "
          "not start workflows)", app.error().message);
    }
  }

  secrets_ = KnownSecretsFromEnv([this](std::string_view n) { return env_.GetOr(n, ""); });
  secrets_.push_back(facts_.token);
  if (!workflow_token_.empty()) secrets_.push_back(workflow_token_);
  if (!inputs_.anthropic_api_key.empty()) secrets_.push_back(inputs_.anthropic_api_key);
  if (!inputs_.claude_code_oauth_token.empty()) secrets_.push_back(inputs_.claude_code_oauth_token);
  api_ = std::make_unique<GithubApi>(*deps_.http, ApiOptions{facts_.api_url, facts_.token}, deps_.cancel);

  // Who may trigger: everyone behind an issue or pull request event, and both the job's actor
  // and the upstream run's actor for workflow_run. Dispatches and schedules need write access
  // on GitHub's side already.
  if (entity_event || event_.kind == EventKind::kWorkflowRun) {
    std::vector<std::pair<std::string, bool>> actors;
    std::string actor = !facts_.actor.empty() ? facts_.actor : event_.actor_login;
    actors.push_back({actor, actor == event_.actor_login && event_.actor_is_bot()});
    if (event_.kind == EventKind::kWorkflowRun && !event_.workflow_run_actor.empty()) {
      actors.push_back({event_.workflow_run_actor, false});
    }
    for (const auto& [login, is_bot] : actors) {
      if (auto ok = CheckActor(*api_, facts_.repository, inputs_, login, is_bot, scrub_); !ok) {
        if (ok.error().kind != ErrorKind::kUsage) {
          Say("cannot check the actor's permission: {}", ok.error().message);
          WriteOutputs("failure");
          RevokeAppToken();
          return kExitForgeFailed;
        }
        return Refuse(ok.error().message);
      }
    }
  }

  // The tracking comment first, so the requester sees at once that the job started.
  if (tag_ && entity_event) {
    tracking_ = std::make_unique<TrackingComment>(*api_, facts_.repository, event_.number, secrets_);
    int64_t reply_to = event_.kind == EventKind::kPullRequestReviewComment ? event_.comment_id : 0;
    bool sticky = inputs_.use_sticky_comment && event_.is_pr;
    if (auto ok = tracking_->Create(InitialCommentBody(facts_.job_url()), reply_to, sticky); !ok) {
      Say("cannot post the tracking comment: {}", ok.error().message);
      tracking_.reset();
      WriteOutputs("failure");
      RevokeAppToken();
      return kExitForgeFailed;
    }
    Say("tracking comment {} posted {} ms after start", tracking_->id(), runner::base::MonotonicMs() - start_ms_);
  }

  temp_dir_ = !facts_.runner_temp.empty() ? facts_.runner_temp : env_.GetOr("TMPDIR", "/tmp");
  auto log = ExecutionLog::Create(temp_dir_ / "claude-execution-output.json");
  if (!log) return Finish(-1, log.error().message);
  log_ = std::move(*log);

  // Context.
  if (entity_event) {
    auto entity = FetchEntity(*api_, facts_.repository, event_);
    if (!entity) return Finish(-1, "fetching the " + std::string(event_.is_pr ? "pull request" : "issue") + " failed: " + entity.error().message);
    entity_ = std::move(*entity);
    FilterCommentsByActor(*entity_, inputs_.include_comments_by_actor, inputs_.exclude_comments_by_actor);
    trigger_text_ = TriggerText(event_);
    if (tag_) DownloadConversationImages();  // only the tag-mode prompt shows the conversation
    if (entity_->is_pr) review_ = std::make_unique<ReviewDraft>(entity_->files);
  }

  // Git.
  bot_ = {inputs_.bot_name, inputs_.bot_id + "+" + inputs_.bot_name + "@" + NoreplyDomain(facts_.server_url)};
  bool pr_run = entity_ && entity_->is_pr && !entity_->base_ref.empty();
  if (!(tag_ || inputs_.create_pr) && pr_run) {
    // An automation run on a pull request commits nothing, but the PR's author must not
    // configure Claude (hooks, MCP servers, settings): that comes from the base branch.
    auto guard = OpenWorkspace();
    if (!guard) return Finish(-1, "the workspace is not a git checkout, so Claude's configuration cannot be taken from the base branch: " + guard.error().message);
    if (auto ok = (*guard)->ProtectConfig(*entity_); !ok) return Finish(-1, "taking Claude's configuration from the base branch failed: " + ok.error().message);
  }
  if (tag_ || inputs_.create_pr) {
    auto workspace = OpenWorkspace();
    if (!workspace) return Finish(-1, "the workspace is not a git checkout: " + workspace.error().message);
    workspace_ = std::move(*workspace);
    std::string default_branch = event_.payload["repository"]["default_branch"].AsString();
    if (default_branch.empty() && inputs_.base_branch.empty()) {
      auto repo_info = api_->GetRepo(facts_.repository);
      if (repo_info) default_branch = (*repo_info)["default_branch"].AsString();
    }
    auto plan = workspace_->Prepare(event_, entity_ ? &*entity_ : nullptr, inputs_, facts_.repository, default_branch, facts_.run_id, std::time(nullptr));
    if (!plan) return Finish(-1, "preparing the branch failed: " + plan.error().message);
    branch_name_ = plan->branch;
    if (plan->removed_credentials > 0) {
      Say("removed the checkout's stored credentials (http.*.extraheader) from .git/config; the runner pushes with the token itself");
    }
    Say("working on branch {} (base {}{})", plan->branch, plan->base_branch, plan->new_branch ? ", new" : "");
  }

  // The agent.
  std::string co_author = tag_ || inputs_.create_pr ? CoAuthorLine() : "";
  runner::agent::EmbeddedRun run;
  run.cancel = deps_.cancel;
  run.print_output = false;  // the result text is printed below, redacted
  run.args = AgentArgs();
  run.args.insert(run.args.end(), user_args_.begin(), user_args_.end());
  if (tag_ && entity_) {
    PromptInputs in;
    in.event = &event_;
    in.entity = &*entity_;
    in.repository = facts_.repository;
    in.trigger_phrase = inputs_.trigger_phrase;
    in.trigger_user = event_.actor_login;
    in.trigger_display_name = event_.actor_login;
    // With track_progress on an automation event, the workflow's prompt is the request.
    bool automation_request = decision_mode_ == Mode::kAutomation;
    in.trigger_text = automation_request ? inputs_.prompt : (entity_ ? trigger_text_ : TriggerText(event_));
    in.image_paths = image_paths_;
    in.tracking_comment_id = tracking_ ? tracking_->id() : 0;
    if (workspace_) {
      in.branch = workspace_->plan().branch;
      in.base_branch = workspace_->plan().base_branch;
      in.pushes_to_pr_branch = !workspace_->plan().new_branch && workspace_->plan().can_push;
    }
    in.can_post_inline_comments = review_ != nullptr;
    in.create_pr = inputs_.create_pr;
    in.custom_prompt = automation_request ? "" : inputs_.prompt;
    in.co_author_line = co_author;
    BuiltPrompt built = BuildTagPrompt(in);
    run.prompt_content = Json::MakeArray();
    run.prompt_content.Push(JsonObject({{"type", "text"}, {"text", built.context}}));
    if (!built.request.empty()) run.prompt_content.Push(JsonObject({{"type", "text"}, {"text", built.request}}));
  } else {
    run.prompt_content = Json::MakeArray();
    run.prompt_content.Push(JsonObject({{"type", "text"}, {"text", AutomationHeader(facts_.repository, entity_ ? &*entity_ : nullptr)}}));
    run.prompt_content.Push(JsonObject({{"type", "text"}, {"text", inputs_.prompt}}));
  }
  if (tracking_) {
    TrackingComment* t = tracking_.get();
    run.tools.push_back(UpdateCommentTool([t](const std::string& body) -> Result<void> {
      TRY_VOID(t->Update(body));
      t->SetAgentBody(body);
      return {};
    }));
  }
  if (review_) {
    run.tools.push_back(InlineCommentTool(*review_));
    // Like claude-code-action, the CI tools read with the job's own token when the app's token
    // replaced it: the app may not be granted `actions: read`.
    GithubApi* ci_api = api_.get();
    if (!workflow_token_.empty()) {
      ci_api_ = std::make_unique<GithubApi>(*deps_.http, ApiOptions{facts_.api_url, workflow_token_}, deps_.cancel);
      ci_api = ci_api_.get();
    }
    for (auto& tool : CiTools(*ci_api, {facts_.repository, entity_->number, (temp_dir_ / "github-ci-logs").string()})) {
      run.tools.push_back(std::move(tool));
    }
  }
  std::vector<std::string> secrets = secrets_;
  ExecutionLog* log_ptr = log_.get();
  run.on_message = [log_ptr, secrets](const Json& m) {
    log_ptr->Append(m);
    ReportProgress(m, secrets);
  };

  // The agent's environment: credentials from the inputs, the bot as git identity, and no way
  // to mint OIDC tokens.
  if (!inputs_.anthropic_api_key.empty()) SetEnv("ANTHROPIC_API_KEY", inputs_.anthropic_api_key);
  if (inputs_.use_bedrock) SetEnv("CLAUDE_CODE_USE_BEDROCK", "1");
  if (inputs_.use_vertex) SetEnv("CLAUDE_CODE_USE_VERTEX", "1");
  SetEnv("GIT_AUTHOR_NAME", bot_.name);
  SetEnv("GIT_AUTHOR_EMAIL", bot_.email);
  SetEnv("GIT_COMMITTER_NAME", bot_.name);
  SetEnv("GIT_COMMITTER_EMAIL", bot_.email);
  SetEnv("CLAUDE_CODE_ACTION", "1");
  if (scrub_) SetEnv("CLAUDE_CODE_SUBPROCESS_ENV_SCRUB", "1");
  unsetenv("ACTIONS_ID_TOKEN_REQUEST_URL");
  unsetenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN");

  Say("starting the agent");
  int code = deps_.run_agent(run);
  agent_settings_ = run.settings;
  if (std::string text = log_->last_result()["result"].AsString(); !text.empty()) {
    deps_.print(RedactForPosting(text, secrets_) + "\n");
  }
  std::string error;
  if (code != 0) {
    Json result = log_->last_result();
    error = result["result"].AsString();
    if (error.empty() && result["errors"].is_array() && result["errors"].size() > 0) error = result["errors"].at(0).AsString();
    if (error.empty()) error = "the agent stopped with exit code " + std::to_string(code) + " (see the job log)";
  }
  // The co-author trailer is the settings' choice (includeCoAuthoredBy, default true).
  if (!agent_settings_["includeCoAuthoredBy"].AsBool(true)) co_author.clear();
  commit_message_ = CommitMessage(co_author);
  return Finish(code, error);
}

}  // namespace

int RunCommand(int argc, const char* const* argv, CommandDeps deps) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      deps.print(kHelp);
      return 0;
    }
    std::fprintf(stderr, "Error: claude-runner github takes no arguments (got '%s'); it reads the "
                         "action's inputs from INPUT_* variables\n", argv[i]);
    return 2;
  }
  Command command(std::move(deps));
  return command.Run();
}

}  // namespace integrations::github
