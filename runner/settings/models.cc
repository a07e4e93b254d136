#include "runner/settings/models.h"

#include <array>
#include <optional>

#include "runner/base/strings.h"

namespace runner::settings {
namespace {

constexpr std::string_view kDefaultModel = "claude-opus-5-5";
constexpr std::string_view kLongContextSuffix = "[1m]";

/// One alias: its name, the env var that overrides it, and today's target.
struct Alias {
  std::string_view name;
  std::string_view override_env;
  std::string_view target;
};

constexpr std::array<Alias, 6> kAliases = {{
    {"opus", "ANTHROPIC_DEFAULT_OPUS_MODEL", "claude-opus-5-5"},
    {"default", "ANTHROPIC_DEFAULT_OPUS_MODEL", "claude-opus-5-5"},
    {"opusplan", "ANTHROPIC_DEFAULT_OPUS_MODEL", "claude-opus-5-5"},
    {"sonnet", "ANTHROPIC_DEFAULT_SONNET_MODEL", "claude-sonnet-5-5"},
    {"haiku", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-5-5"},
    {"fable", "ANTHROPIC_DEFAULT_FABLE_MODEL", "claude-fable-5-2"},
}};

/// One price row. `match` is a substring of the model id; the first matching row wins, so more
/// specific rows come first. Prices are USD per million tokens.
struct PriceRow {
  std::string_view match;
  double input;
  double output;
  int64_t context_window;
  int64_t max_output_tokens;
};

constexpr std::array<PriceRow, 21> kPrices = {{
    {"claude-opus-5-5", 4, 20, 1000000, 128000},
    {"claude-fable-5-2", 8, 40, 1000000, 128000},
    {"claude-sonnet-5-5", 2, 10, 1000000, 64000},
    {"claude-haiku-5-5", 0.10, 0.50, 200000, 64000},
    {"opus-4-5", 5, 25, 200000, 64000},
    {"opus-4-6", 5, 25, 200000, 128000},
    {"opus-4-7", 5, 25, 200000, 128000},
    {"opus-4-8", 5, 25, 200000, 128000},
    {"opus-4", 15, 75, 200000, 32000},
    {"sonnet-4", 3, 15, 200000, 64000},
    {"haiku-4-5", 1, 5, 200000, 64000},
    {"3-7-sonnet", 3, 15, 200000, 64000},
    {"3-5-sonnet", 3, 15, 200000, 8192},
    {"3-5-haiku", 0.8, 4, 200000, 8192},
    {"3-opus", 15, 75, 200000, 4096},
    {"3-haiku", 0.25, 1.25, 200000, 4096},
    // Family fallbacks for ids we do not know: today's model of that family.
    {"fable", 8, 40, 1000000, 128000},
    {"opus", 4, 20, 1000000, 128000},
    {"sonnet", 2, 10, 1000000, 64000},
    {"haiku", 0.10, 0.50, 200000, 64000},
    {"", 4, 20, 1000000, 128000},  // anything else: the default model's prices
}};

std::string_view StripLongContext(std::string_view id) {
  if (id.ends_with(kLongContextSuffix)) id.remove_suffix(kLongContextSuffix.size());
  return id;
}

/// The alias target for `name` (lower case, without suffix), or nullopt for a full model id.
std::optional<std::string> ExpandAlias(std::string_view name, const base::Env& env) {
  for (const Alias& alias : kAliases) {
    if (name != alias.name) continue;
    std::string over(base::Trim(env.GetOr(alias.override_env, "")));
    return over.empty() ? std::string(alias.target) : over;
  }
  return std::nullopt;
}

std::string ResolveNonEmpty(std::string_view requested, const base::Env& env) {
  bool long_context = requested.ends_with(kLongContextSuffix);
  std::string base_name = base::ToLower(StripLongContext(requested));
  std::optional<std::string> target = ExpandAlias(base_name, env);
  if (!target) return std::string(requested);
  if (long_context && !target->ends_with(kLongContextSuffix)) *target += kLongContextSuffix;
  return *target;
}

}  // namespace

std::string_view DefaultModel() { return kDefaultModel; }

std::string ResolveModel(std::string_view requested, const base::Env& env) {
  std::string name(base::Trim(requested));
  if (name.empty()) name = base::Trim(env.GetOr("ANTHROPIC_MODEL", ""));
  if (name.empty()) name = "default";
  return ResolveNonEmpty(name, env);
}

ModelInfo LookupModel(std::string_view model_id) {
  bool long_context = model_id.ends_with(kLongContextSuffix);
  std::string id = base::ToLower(StripLongContext(model_id));
  ModelInfo info;
  info.id = std::string(StripLongContext(model_id));
  for (const PriceRow& row : kPrices) {
    if (id.find(row.match) == std::string::npos) continue;
    info.input_per_mtok = row.input;
    info.output_per_mtok = row.output;
    info.cache_write_5m_per_mtok = row.input * 1.25;
    info.cache_write_1h_per_mtok = row.input * 2;
    info.cache_read_per_mtok = row.input * 0.1;
    info.context_window = long_context ? 1000000 : row.context_window;
    info.max_output_tokens = row.max_output_tokens;
    break;
  }
  return info;
}

double CostUsd(const ModelInfo& model, const TokenCounts& tokens) {
  // Sum token·price first and divide once, so whole-number prices give exact decimal results
  // (12451 input + 6 output tokens on opus-5-5 is exactly 0.049924, as Claude Code reports).
  double micro_usd = static_cast<double>(tokens.input) * model.input_per_mtok +
                     static_cast<double>(tokens.output) * model.output_per_mtok +
                     static_cast<double>(tokens.cache_write_5m) * model.cache_write_5m_per_mtok +
                     static_cast<double>(tokens.cache_write_1h) * model.cache_write_1h_per_mtok +
                     static_cast<double>(tokens.cache_read) * model.cache_read_per_mtok;
  return micro_usd / 1e6;
}

}  // namespace runner::settings
