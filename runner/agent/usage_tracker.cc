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
  std::lock_guard<std::mutex> lock(mu_);
  protocol::ModelUsage* mu = &Slot(model);
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

protocol::ModelUsage& UsageTracker::Slot(const std::string& model) {
  for (auto& [name, m] : by_model_) {
    if (name == model) return m;
  }
  settings::ModelInfo info = settings::LookupModel(model);
  by_model_.emplace_back(model, protocol::ModelUsage{});
  protocol::ModelUsage& m = by_model_.back().second;
  m.context_window = info.context_window;
  m.max_output_tokens = info.max_output_tokens;
  return m;
}

void UsageTracker::Absorb(const UsageTracker& child) {
  auto theirs = child.by_model();
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [model, c] : theirs) {
    protocol::ModelUsage& m = Slot(model);
    m.input_tokens += c.input_tokens;
    m.output_tokens += c.output_tokens;
    m.cache_read_input_tokens += c.cache_read_input_tokens;
    m.cache_creation_input_tokens += c.cache_creation_input_tokens;
    m.cache_creation_5m += c.cache_creation_5m;
    m.cache_creation_1h += c.cache_creation_1h;
    m.web_search_requests += c.web_search_requests;
    m.cost_usd += c.cost_usd;
    total_cost_usd_ += c.cost_usd;
  }
}

double UsageTracker::total_cost_usd() const {
  std::lock_guard<std::mutex> lock(mu_);
  return total_cost_usd_;
}

protocol::Usage UsageTracker::last_usage() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_usage_;
}

std::vector<std::pair<std::string, protocol::ModelUsage>> UsageTracker::by_model() const {
  std::lock_guard<std::mutex> lock(mu_);
  return by_model_;
}

protocol::Usage UsageTracker::total_usage() const {
  protocol::Usage u;
  for (const auto& [model, m] : by_model()) {
    u.input_tokens += m.input_tokens;
    u.output_tokens += m.output_tokens;
    u.cache_read_input_tokens += m.cache_read_input_tokens;
    u.cache_creation_input_tokens += m.cache_creation_input_tokens;
    u.cache_creation_5m += m.cache_creation_5m;
    u.cache_creation_1h += m.cache_creation_1h;
    u.web_search_requests += m.web_search_requests;
  }
  return u;
}

int64_t UsageTracker::total_tokens() const {
  protocol::Usage u = total_usage();
  return u.input_tokens + u.output_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
}

}  // namespace runner::agent
