#pragma once
/// Gathers the environment facts for the system prompt (cwd, OS, date, git snapshot).

#include "runner/agent/options.h"
#include "runner/base/env.h"
#include "runner/exec/process.h"

namespace runner::cli {

agent::EnvironmentFacts GatherFacts(const std::filesystem::path& cwd,
                                    const std::vector<std::filesystem::path>& add_dirs,
                                    const base::Env& env, exec::ProcessRunner& processes);

/// The environment of the agent's commands when CLAUDE_CODE_SUBPROCESS_ENV_SCRUB is set: the
/// runner's own environment without model, cloud and forge credentials (ANTHROPIC_*, AWS keys,
/// CLAUDE_CODE_OAUTH_TOKEN, GITHUB_TOKEN, GH_TOKEN, ACTIONS_*, INPUT_*, …). Otherwise a copy.
base::Env SubprocessEnv(const base::Env& env);

}  // namespace runner::cli
