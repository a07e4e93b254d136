#pragma once
/// Model names, aliases and prices. Aliases follow today's Claude Code (sonnet, opus, haiku, fable,
/// plus the ANTHROPIC_DEFAULT_*_MODEL overrides and ANTHROPIC_MODEL).

#include <cstdint>
#include <string>
#include <string_view>

#include "runner/base/env.h"

namespace runner::settings {

struct ModelInfo {
  std::string id;                 ///< canonical id, e.g. claude-opus-5-5
  double input_per_mtok = 0;      ///< USD per million input tokens
  double output_per_mtok = 0;
  double cache_write_5m_per_mtok = 0;
  double cache_write_1h_per_mtok = 0;
  double cache_read_per_mtok = 0;
  int64_t context_window = 200000;
  int64_t max_output_tokens = 32000;
};

/// The default model when neither --model, ANTHROPIC_MODEL nor settings name one.
std::string_view DefaultModel();
/// Resolves `requested` (alias or full id; empty = ANTHROPIC_MODEL or the default).
std::string ResolveModel(std::string_view requested, const base::Env& env);
/// Prices and limits; unknown models get the family's prices by name match, else the default's.
ModelInfo LookupModel(std::string_view model_id);

struct TokenCounts {
  int64_t input = 0, output = 0, cache_write_5m = 0, cache_write_1h = 0, cache_read = 0;
};
double CostUsd(const ModelInfo& model, const TokenCounts& tokens);

}  // namespace runner::settings
