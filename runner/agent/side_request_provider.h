#pragma once
/// Tools make requests of their own (WebFetch asks a small model about a page, WebSearch runs
/// the server-side search). This wrapper forwards them and adds their usage to the run's cost,
/// so `total_cost_usd` and `modelUsage` include every token the run spent.

#include "runner/agent/usage_tracker.h"
#include "runner/providers/provider.h"

namespace runner::agent {

class SideRequestProvider : public providers::Provider {
 public:
  /// Both borrowed; `inner` may be null (then every Send fails).
  SideRequestProvider(providers::Provider* inner, UsageTracker& usage) : inner_(inner), usage_(usage) {}
  base::Result<protocol::AssistantReply> Send(const providers::ModelRequest& request,
                                              providers::StreamObserver& observer,
                                              base::CancelToken& cancel) override {
    if (!inner_) return base::Fail(base::ErrorKind::kInternal, "no model provider for side requests");
    auto reply = inner_->Send(request, observer, cancel);
    if (reply) usage_.Add(reply->model.empty() ? request.model : reply->model, reply->usage);
    return reply;
  }
  std::string ApiKeySource() const override { return inner_ ? inner_->ApiKeySource() : "none"; }

 private:
  providers::Provider* inner_;
  UsageTracker& usage_;
};

}  // namespace runner::agent
