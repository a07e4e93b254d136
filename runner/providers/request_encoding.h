#pragma once
/// Encodes a ModelRequest as the Messages API JSON body (`stream: true`), with the prompt
/// caching breakpoints Claude Code sets. Pure.

#include <cstdint>
#include <optional>

#include "runner/base/json.h"
#include "runner/providers/provider.h"

namespace runner::providers {

enum class PromptCaching { kEnabled, kDisabled };

struct EncodeOptions {
  PromptCaching caching = PromptCaching::kEnabled;
  std::optional<int64_t> max_tokens_override;  ///< CLAUDE_CODE_MAX_OUTPUT_TOKENS
};

/// `{model, max_tokens, system?, messages, tools?, …extra, stream: true}`. `system` and `tools`
/// are left out when empty; `extra` members are copied (replacing same-named ones). With caching
/// enabled, `cache_control: {"type":"ephemeral"}` goes on the last system block and on the last
/// content block of the last message (string content becomes one text block for that); empty
/// text and thinking blocks, which cannot carry it, are left alone.
base::Json EncodeRequestBody(const ModelRequest& request, const EncodeOptions& options);

}  // namespace runner::providers
