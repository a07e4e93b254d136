#pragma once
/// Gathers the environment facts for the system prompt (cwd, OS, date, git snapshot).

#include "runner/agent/options.h"
#include "runner/base/env.h"
#include "runner/exec/process.h"

namespace runner::cli {

agent::EnvironmentFacts GatherFacts(const std::filesystem::path& cwd,
                                    const std::vector<std::filesystem::path>& add_dirs,
                                    const base::Env& env, exec::ProcessRunner& processes);

}  // namespace runner::cli
