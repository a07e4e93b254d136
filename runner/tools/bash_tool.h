#pragma once
/// Bash: runs a command with `bash -c` through the ProcessRunner, or with `run_in_background`
/// as a task of BackgroundShells. The working directory persists across calls
/// (ToolSession::bash_cwd) unless CLAUDE_BASH_MAINTAIN_PROJECT_WORKING_DIR is set. Limits come
/// from the environment: BASH_DEFAULT_TIMEOUT_MS (120000), BASH_MAX_TIMEOUT_MS (600000),
/// BASH_MAX_OUTPUT_LENGTH (30000). Background commands: 1800000 by default, at most 7200000.

#include <cstddef>
#include <cstdint>

#include "runner/base/env.h"
#include "runner/tools/tool.h"

namespace runner::tools {

struct BashLimits {
  int64_t default_timeout_ms = 120000;
  int64_t max_timeout_ms = 600000;
  size_t max_output_length = 30000;
  int64_t background_default_timeout_ms = 1800000;  ///< time limit of a background command
  int64_t background_max_timeout_ms = 7200000;
};

/// Reads the BASH_* limits; unset, non-numeric or non-positive values keep the defaults.
BashLimits BashLimitsFromEnv(const base::Env* env);

/// The command's timeout: the `timeout` input when positive, else the default, capped at the max.
int64_t ResolveBashTimeout(const base::Json& timeout_input, const BashLimits& limits);
/// The same for a `run_in_background` command, with the background default and max.
int64_t ResolveBackgroundTimeout(const base::Json& timeout_input, const BashLimits& limits);

/// Bytes of each stream the process runner keeps for a foreground command: enough for the
/// head and tail the model is shown, with room for UTF-8 cuts and trailing newlines.
size_t BashCaptureBytes(const BashLimits& limits);

class BashTool : public Tool {
 public:
  std::string_view name() const override { return "Bash"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Needs ctx.processes and ctx.session; `run_in_background` also needs ctx.background, and
  /// returns at once with the task's id and output file (the command keeps the shell's cwd but
  /// cannot change it).
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
