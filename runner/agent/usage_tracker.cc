#include "runner/agent/usage_tracker.h"

#include "runner/settings/models.h"

namespace runner::agent {

double UsageTracker::Add(const std::string& model, const protocol::Usage& u) {
  settings::ModelInfo info = settings::LookupModel(model);
  int64_t cache_5m = u.cache_creation_5m + u.cache_creation_1h == 0 ? u.cache_creation_input_tokens
                                                                    : u.cache_creation_5m;
  double cost = settings::CostUsd(info, {.input = u.input_tokens,
                                         .output = u.output_tokens,
                                         .cache_write_5m = cache_5m,
                                         .cache_write_1h = u.cache_creation_1h,
                                         .cache_read = u.cache_read_input_tokens});
  protocol::ModelUsage* mu = nullptr;
  for (auto& [name, m] : by_model_) {
    if (name == model) mu = &m;
  }
  if (!mu) {
    by_model_.emplace_back(model, protocol::ModelUsage{});
    mu = &by_model_.back().second;
    mu->context_window = info.context_window;
    mu->max_output_tokens = info.max_output_tokens;
  }
  mu->input_tokens += u.input_tokens;
  mu->output_tokens += u.output_tokens;
  mu->cache_read_input_tokens += u.cache_read_input_tokens;
  mu->cache_creation_input_tokens += u.cache_creation_input_tokens;
  mu->cache_creation_5m += u.cache_creation_5m;
  mu->cache_creation_1h += u.cache_creation_1h;
  mu->web_search_requests += u.web_search_requests;
  mu->cost_usd += cost;
  total_cost_usd_ += cost;
  last_usage_ = u;
  return cost;
}

}  // namespace runner::agent
