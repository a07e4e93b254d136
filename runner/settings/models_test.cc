#include "runner/settings/models.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace runner::settings {
namespace {

using base::Env;
using Vars = std::map<std::string, std::string>;

TEST(ResolveModel, ExpandsTodaysAliases) {
  Env env;
  EXPECT_EQ(ResolveModel("opus", env), "claude-opus-5-5");
  EXPECT_EQ(ResolveModel("default", env), "claude-opus-5-5");
  EXPECT_EQ(ResolveModel("opusplan", env), "claude-opus-5-5");
  EXPECT_EQ(ResolveModel("sonnet", env), "claude-sonnet-5-5");
  EXPECT_EQ(ResolveModel("haiku", env), "claude-haiku-5-5");
  EXPECT_EQ(ResolveModel("fable", env), "claude-fable-5-2");
  EXPECT_EQ(ResolveModel("Sonnet", env), "claude-sonnet-5-5");
}

TEST(ResolveModel, PassesFullIdsThrough) {
  Env env;
  EXPECT_EQ(ResolveModel("claude-sonnet-4-5-20250929", env), "claude-sonnet-4-5-20250929");
  EXPECT_EQ(ResolveModel("  my-gateway-alias ", env), "my-gateway-alias");
}

TEST(ResolveModel, HonoursPerFamilyOverrides) {
  Env env({{"ANTHROPIC_DEFAULT_OPUS_MODEL", "gw-opus"},
           {"ANTHROPIC_DEFAULT_SONNET_MODEL", "gw-sonnet"},
           {"ANTHROPIC_DEFAULT_HAIKU_MODEL", "gw-haiku"},
           {"ANTHROPIC_DEFAULT_FABLE_MODEL", "gw-fable"}});
  EXPECT_EQ(ResolveModel("opus", env), "gw-opus");
  EXPECT_EQ(ResolveModel("sonnet", env), "gw-sonnet");
  EXPECT_EQ(ResolveModel("haiku", env), "gw-haiku");
  EXPECT_EQ(ResolveModel("fable", env), "gw-fable");
  EXPECT_EQ(ResolveModel("", env), "gw-opus");
}

TEST(ResolveModel, EmptyRequestUsesAnthropicModelThenDefault) {
  EXPECT_EQ(ResolveModel("", Env()), "claude-opus-5-5");
  EXPECT_EQ(ResolveModel("", Env(Vars{{"ANTHROPIC_MODEL", "claude-haiku-4-5"}})),
            "claude-haiku-4-5");
  EXPECT_EQ(ResolveModel("", Env(Vars{{"ANTHROPIC_MODEL", "sonnet"}})), "claude-sonnet-5-5");
  EXPECT_EQ(ResolveModel("", Env(Vars{{"ANTHROPIC_MODEL", ""}})), "claude-opus-5-5");
  EXPECT_EQ(ResolveModel("haiku", Env(Vars{{"ANTHROPIC_MODEL", "sonnet"}})), "claude-haiku-5-5");
}

TEST(ResolveModel, KeepsLongContextSuffix) {
  Env env;
  EXPECT_EQ(ResolveModel("sonnet[1m]", env), "claude-sonnet-5-5[1m]");
  EXPECT_EQ(ResolveModel("opus[1m]", Env(Vars{{"ANTHROPIC_DEFAULT_OPUS_MODEL", "gw"}})), "gw[1m]");
  EXPECT_EQ(ResolveModel("claude-sonnet-4-5[1m]", env), "claude-sonnet-4-5[1m]");
}

TEST(DefaultModel, IsOpus55) { EXPECT_EQ(DefaultModel(), "claude-opus-5-5"); }

TEST(LookupModel, KnowsTodaysModels) {
  ModelInfo opus = LookupModel("claude-opus-5-5");
  EXPECT_EQ(opus.id, "claude-opus-5-5");
  EXPECT_EQ(opus.input_per_mtok, 4);
  EXPECT_EQ(opus.output_per_mtok, 20);
  EXPECT_EQ(opus.cache_write_5m_per_mtok, 5);
  EXPECT_EQ(opus.cache_write_1h_per_mtok, 8);
  EXPECT_DOUBLE_EQ(opus.cache_read_per_mtok, 0.4);
  EXPECT_EQ(opus.context_window, 1000000);
  EXPECT_EQ(opus.max_output_tokens, 128000);
  EXPECT_EQ(LookupModel("claude-fable-5-2").input_per_mtok, 8);
  EXPECT_EQ(LookupModel("claude-fable-5-2").output_per_mtok, 40);
  EXPECT_EQ(LookupModel("claude-sonnet-5-5").input_per_mtok, 2);
  EXPECT_EQ(LookupModel("claude-sonnet-5-5").output_per_mtok, 10);
  EXPECT_DOUBLE_EQ(LookupModel("claude-haiku-5-5").input_per_mtok, 0.10);
  EXPECT_DOUBLE_EQ(LookupModel("claude-haiku-5-5").output_per_mtok, 0.50);
}

TEST(LookupModel, KnowsOlderModels) {
  EXPECT_EQ(LookupModel("claude-opus-4-1-20250805").input_per_mtok, 15);
  EXPECT_EQ(LookupModel("claude-opus-4-20250514").output_per_mtok, 75);
  EXPECT_EQ(LookupModel("claude-opus-4-5-20251101").input_per_mtok, 5);
  EXPECT_EQ(LookupModel("claude-opus-4-7").output_per_mtok, 25);
  EXPECT_EQ(LookupModel("claude-sonnet-4-5-20250929").input_per_mtok, 3);
  EXPECT_EQ(LookupModel("claude-sonnet-4-20250514").output_per_mtok, 15);
  EXPECT_EQ(LookupModel("claude-haiku-4-5").input_per_mtok, 1);
  EXPECT_EQ(LookupModel("claude-haiku-4-5").output_per_mtok, 5);
  EXPECT_DOUBLE_EQ(LookupModel("claude-3-5-haiku-20241022").input_per_mtok, 0.8);
  EXPECT_EQ(LookupModel("claude-3-5-haiku-20241022").output_per_mtok, 4);
  EXPECT_EQ(LookupModel("us.anthropic.claude-opus-4-1-20250805-v1:0").input_per_mtok, 15);
}

TEST(LookupModel, UnknownIdsFallBackToFamilyThenDefault) {
  EXPECT_EQ(LookupModel("claude-sonnet-9-9").input_per_mtok, 2);
  EXPECT_EQ(LookupModel("gateway-opus-latest").input_per_mtok, 4);
  EXPECT_DOUBLE_EQ(LookupModel("HAIKU-next").output_per_mtok, 0.5);
  EXPECT_EQ(LookupModel("fable-preview").output_per_mtok, 40);
  ModelInfo other = LookupModel("mystery-model");
  EXPECT_EQ(other.id, "mystery-model");
  EXPECT_EQ(other.input_per_mtok, 4);
  EXPECT_EQ(other.output_per_mtok, 20);
}

TEST(LookupModel, LongContextSuffixGivesMillionTokenWindow) {
  ModelInfo info = LookupModel("claude-sonnet-4-5[1m]");
  EXPECT_EQ(info.id, "claude-sonnet-4-5");
  EXPECT_EQ(info.context_window, 1000000);
  EXPECT_EQ(info.input_per_mtok, 3);
}

TEST(CostUsd, MatchesClaudeCodeSampleExactly) {
  // From the recorded result line: 12451 input + 6 output tokens on opus-5-5.
  double cost = CostUsd(LookupModel("claude-opus-5-5"), {.input = 12451, .output = 6});
  EXPECT_EQ(cost, 0.049924);
  EXPECT_EQ(CostUsd(LookupModel("claude-opus-5-5"), {.input = 12458, .output = 20}), 0.050232);
}

TEST(CostUsd, PricesCacheWritesAndReads) {
  ModelInfo sonnet = LookupModel("claude-sonnet-4-5");  // $3 input
  TokenCounts t{.cache_write_5m = 1000000, .cache_write_1h = 1000000, .cache_read = 1000000};
  EXPECT_DOUBLE_EQ(CostUsd(sonnet, t), 3.75 + 6 + 0.3);
}

}  // namespace
}  // namespace runner::settings
