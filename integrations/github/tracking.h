#pragma once
/// The tracking comment: created as soon as a run starts (a threaded reply when a review comment
/// triggered the run, else an issue comment; with `use_sticky_comment` an earlier tracking comment
/// of the runner on the same pull request is reused), updated by the agent through its tool, and
/// given its final header by the runner whatever happens. Every body posted is secret-redacted.
/// Thread-safe (the agent's tool calls come from tool threads).

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "integrations/github/api.h"

namespace integrations::github {

class TrackingComment {
 public:
  TrackingComment(GithubApi& api, std::string repo, int64_t number, std::vector<std::string> secrets)
      : api_(&api), repo_(std::move(repo)), number_(number), secrets_(std::move(secrets)) {}

  /// Posts `body`. `reply_to` (a review comment id, 0 = none) makes it a threaded reply on the
  /// pull request; if that fails it falls back to an issue comment. `sticky` reuses the newest
  /// earlier tracking comment on the issue or pull request.
  runner::base::Result<void> Create(const std::string& body, int64_t reply_to, bool sticky);
  /// Replaces the body (redacted; the tracking marker is kept).
  runner::base::Result<void> Update(const std::string& body);
  /// The agent's own content: the last body it set through its tool (empty when it never did).
  void SetAgentBody(const std::string& body);
  std::string agent_body() const;

  bool exists() const { return id_ != 0; }
  int64_t id() const { return id_; }
  const std::string& html_url() const { return html_url_; }
  std::string Redact(std::string_view text) const;
  /// Sends later calls through `api` (the final update uses a client that a cancelled job's
  /// token does not stop).
  void UseApi(GithubApi& api) {
    std::lock_guard lock(mu_);
    api_ = &api;
  }

 private:
  GithubApi* api_;
  std::string repo_;
  int64_t number_;
  std::vector<std::string> secrets_;
  mutable std::mutex mu_;
  int64_t id_ = 0;
  bool review_comment_ = false;  ///< lives in the review-comment API (a threaded reply)
  std::string html_url_;
  std::string agent_body_;
};

}  // namespace integrations::github
