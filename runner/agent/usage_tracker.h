#pragma once
/// Token and cost accounting across a run, per model (for `modelUsage` and budgets).

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "runner/protocol/events.h"

namespace runner::agent {

/// Thread-safe: subagents running in parallel add to their parent's tracker.
class UsageTracker {
 public:
  /// Adds one API response's usage for `model`; returns that response's cost in USD.
  double Add(const std::string& model, const protocol::Usage& usage);
  /// Adds a finished subagent's totals (its last usage does not become ours).
  void Absorb(const UsageTracker& child);
  double total_cost_usd() const;
  protocol::Usage last_usage() const;
  std::vector<std::pair<std::string, protocol::ModelUsage>> by_model() const;
  /// Usage summed over every model (AgentOutput.usage).
  protocol::Usage total_usage() const;
  /// Sum of all tokens over every model (AgentOutput.totalTokens).
  int64_t total_tokens() const;

 private:
  protocol::ModelUsage& Slot(const std::string& model);
  mutable std::mutex mu_;
  double total_cost_usd_ = 0;
  protocol::Usage last_usage_;
  std::vector<std::pair<std::string, protocol::ModelUsage>> by_model_;
};

}  // namespace runner::agent
