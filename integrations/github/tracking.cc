#include "integrations/github/tracking.h"

#include "integrations/github/comment_format.h"
#include "integrations/github/redact.h"
#include "runner/base/log.h"

namespace integrations::github {

using runner::base::Json;
using runner::base::Result;

std::string TrackingComment::Redact(std::string_view text) const { return RedactForPosting(text, secrets_); }

Result<void> TrackingComment::Create(const std::string& body, int64_t reply_to, bool sticky) {
  std::string text = Redact(body);
  if (sticky) {
    auto comments = api_->ListIssueComments(repo_, number_);
    if (comments) {
      for (auto it = comments->items().rbegin(); it != comments->items().rend(); ++it) {
        if ((*it)["user"]["type"].AsString() != "Bot" || !IsTrackingComment((*it)["body"].AsString())) continue;
        auto updated = api_->UpdateIssueComment(repo_, (*it)["id"].AsInt(), text);
        if (!updated) break;
        std::lock_guard lock(mu_);
        id_ = (*updated)["id"].AsInt();
        html_url_ = (*updated)["html_url"].AsString();
        return {};
      }
    }
  }
  if (reply_to != 0) {
    auto reply = api_->ReplyToReviewComment(repo_, number_, reply_to, text);
    if (reply) {
      std::lock_guard lock(mu_);
      id_ = (*reply)["id"].AsInt();
      review_comment_ = true;
      html_url_ = (*reply)["html_url"].AsString();
      return {};
    }
    runner::base::log::Warn("replying in the review thread failed ({}); posting an issue comment instead",
                            reply.error().message);
  }
  Json created = TRY(api_->CreateIssueComment(repo_, number_, text));
  std::lock_guard lock(mu_);
  id_ = created["id"].AsInt();
  html_url_ = created["html_url"].AsString();
  return {};
}

Result<void> TrackingComment::Update(const std::string& body) {
  int64_t id;
  bool review;
  GithubApi* api;
  {
    std::lock_guard lock(mu_);
    id = id_;
    review = review_comment_;
    api = api_;
  }
  if (id == 0) return runner::base::Fail(runner::base::ErrorKind::kInternal, "there is no tracking comment");
  std::string text = Redact(body);
  if (!IsTrackingComment(text)) text = AddTrackingMarker(text);
  if (review) {
    TRY(api->UpdateReviewComment(repo_, id, text));
  } else {
    TRY(api->UpdateIssueComment(repo_, id, text));
  }
  return {};
}

void TrackingComment::SetAgentBody(const std::string& body) {
  std::lock_guard lock(mu_);
  agent_body_ = body;
}

std::string TrackingComment::agent_body() const {
  std::lock_guard lock(mu_);
  return agent_body_;
}

}  // namespace integrations::github
