#pragma once
/// The default system prompt (our own words) with environment facts.

#include <string>
#include <vector>

#include "runner/agent/options.h"
#include "runner/base/json.h"

namespace runner::agent {

/// The system prompt as an array of text blocks for the Messages API.
base::Json BuildSystemPrompt(const AgentOptions& options, const EnvironmentFacts& facts,
                             const std::vector<std::string>& tool_names);

}  // namespace runner::agent
