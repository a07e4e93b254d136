#pragma once
/// Token and cost accounting across a run, per model (for `modelUsage` and budgets).

#include <string>
#include <utility>
#include <vector>

#include "runner/protocol/events.h"

namespace runner::agent {

class UsageTracker {
 public:
  /// Adds one API response's usage for `model`; returns that response's cost in USD.
  double Add(const std::string& model, const protocol::Usage& usage);
  double total_cost_usd() const { return total_cost_usd_; }
  const protocol::Usage& last_usage() const { return last_usage_; }
  const std::vector<std::pair<std::string, protocol::ModelUsage>>& by_model() const {
    return by_model_;
  }

 private:
  double total_cost_usd_ = 0;
  protocol::Usage last_usage_;
  std::vector<std::pair<std::string, protocol::ModelUsage>> by_model_;
};

}  // namespace runner::agent
