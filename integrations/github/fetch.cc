#include "integrations/github/fetch.h"

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::Json;
using runner::base::Result;

namespace {

std::string Login(const Json& user) {
  std::string login = user["login"].AsString();
  return login.empty() ? "ghost" : login;
}

std::optional<int64_t> OptInt(const Json& v) {
  if (v.is_int()) return v.AsInt();
  return std::nullopt;
}

/// ISO 8601 times from GitHub all have the form 2026-11-21T10:00:00Z, so they order as text.
bool Before(const std::string& t, std::string_view limit) { return limit.empty() || t < limit; }

}  // namespace

std::string TriggerTime(const GithubEvent& e) {
  const Json& p = e.payload;
  switch (e.kind) {
    case EventKind::kIssueComment:
    case EventKind::kPullRequestReviewComment:
      return p["comment"]["created_at"].AsString();
    case EventKind::kPullRequestReview:
      return p["review"]["submitted_at"].AsString();
    case EventKind::kIssues:
    case EventKind::kPullRequest: {
      const Json& entity = e.kind == EventKind::kIssues ? p["issue"] : p["pull_request"];
      return e.action == "opened" ? entity["created_at"].AsString() : entity["updated_at"].AsString();
    }
    default:
      return "";
  }
}

void DropLateItems(EntityContext& entity, std::string_view limit) {
  std::erase_if(entity.comments, [&](const IssueComment& c) {
    return !Before(c.created_at, limit) || !Before(c.updated_at, limit);
  });
  std::erase_if(entity.reviews, [&](const Review& r) { return !Before(r.submitted_at, limit); });
  std::erase_if(entity.inline_comments, [&](const InlineComment& c) {
    return !Before(c.created_at, limit) || !Before(c.updated_at, limit);
  });
}

Result<EntityContext> FetchEntity(GithubApi& api, std::string_view repo, const GithubEvent& event) {
  EntityContext ctx;
  ctx.number = event.number;
  ctx.is_pr = event.is_pr;
  ctx.title = event.title;
  ctx.body = event.body;

  Json issue = TRY(api.GetIssue(repo, event.number));
  ctx.author = Login(issue["user"]);
  ctx.state = issue["state"].AsString();
  ctx.html_url = issue["html_url"].AsString();
  for (const Json& l : issue["labels"].items()) {
    std::string name = l.is_string() ? l.AsString() : l["name"].AsString();
    if (!name.empty()) ctx.labels.push_back(name);
  }
  // Title and body stay as the event had them, even when empty: what is there now may have
  // been written after the trigger.

  Json comments = TRY(api.ListIssueComments(repo, event.number));
  for (const Json& c : comments.items()) {
    ctx.comments.push_back({c["id"].AsInt(), Login(c["user"]), c["user"]["type"].AsString(),
                            c["body"].AsString(), c["created_at"].AsString(), c["updated_at"].AsString(),
                            c["html_url"].AsString()});
  }

  if (ctx.is_pr) {
    Json pr = TRY(api.GetPull(repo, event.number));
    ctx.merged = pr["merged"].AsBool();
    ctx.draft = pr["draft"].AsBool();
    ctx.head_ref = pr["head"]["ref"].AsString();
    ctx.head_sha = pr["head"]["sha"].AsString();
    ctx.head_repo = pr["head"]["repo"]["full_name"].AsString();
    ctx.base_ref = pr["base"]["ref"].AsString();
    ctx.base_sha = pr["base"]["sha"].AsString();
    ctx.from_fork = ctx.head_repo != std::string(repo);
    ctx.additions = pr["additions"].AsInt();
    ctx.deletions = pr["deletions"].AsInt();
    ctx.commit_count = pr["commits"].AsInt();
    if (ctx.state.empty()) ctx.state = pr["state"].AsString();

    Json files = TRY(api.ListPullFiles(repo, event.number));
    for (const Json& f : files.items()) {
      ctx.files.push_back({f["filename"].AsString(), f["previous_filename"].AsString(), f["status"].AsString(),
                           f["additions"].AsInt(), f["deletions"].AsInt(), f["patch"].AsString()});
    }
    Json reviews = TRY(api.ListReviews(repo, event.number));
    for (const Json& r : reviews.items()) {
      ctx.reviews.push_back({r["id"].AsInt(), Login(r["user"]), r["state"].AsString(), r["body"].AsString(),
                             r["submitted_at"].AsString()});
    }
    Json inline_comments = TRY(api.ListReviewComments(repo, event.number));
    for (const Json& c : inline_comments.items()) {
      InlineComment ic;
      ic.id = c["id"].AsInt();
      ic.review_id = c["pull_request_review_id"].AsInt();
      ic.author = Login(c["user"]);
      ic.body = c["body"].AsString();
      ic.path = c["path"].AsString();
      ic.line = OptInt(c["line"]);
      ic.side = c["side"].AsString();
      ic.diff_hunk = c["diff_hunk"].AsString();
      ic.in_reply_to = OptInt(c["in_reply_to_id"]);
      ic.created_at = c["created_at"].AsString();
      ic.updated_at = c["updated_at"].AsString();
      ctx.inline_comments.push_back(std::move(ic));
    }
  }
  DropLateItems(ctx, TriggerTime(event));
  return ctx;
}

bool ActorListed(const std::vector<std::string>& list, std::string_view login) {
  for (const std::string& entry : list) {
    if (entry == "*[bot]" && login.ends_with("[bot]")) return true;
    if (runner::base::IEquals(entry, login)) return true;
  }
  return false;
}

void FilterCommentsByActor(EntityContext& entity, const std::vector<std::string>& include,
                           const std::vector<std::string>& exclude) {
  auto dropped = [&](const std::string& author) {
    if (ActorListed(exclude, author)) return true;
    return !include.empty() && !ActorListed(include, author);
  };
  std::erase_if(entity.comments, [&](const IssueComment& c) { return dropped(c.author); });
  std::erase_if(entity.reviews, [&](const Review& r) { return dropped(r.author); });
  std::erase_if(entity.inline_comments, [&](const InlineComment& c) { return dropped(c.author); });
}

}  // namespace integrations::github
