#pragma once
/// Turns a finished Bash command (exec::ProcessOutcome) into the tool result: the text the
/// model sees and the BashOutput-shaped `tool_use_result` (see sdk-tools.d.ts).

#include <cstddef>
#include <cstdint>
#include <string>

#include "runner/exec/process.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/tool.h"

namespace runner::tools {

struct BashResultOptions {
  int64_t timeout_ms = 0;            ///< for the "timed out after" note
  size_t max_output_length = 30000;  ///< per stream, middle-truncated beyond this
  std::string note;                  ///< an extra line for the model (e.g. cwd reset); may be empty
};

/// Content: stdout and stderr (trailing newlines trimmed, each cut in the middle to
/// max_output_length, counting what the capture already dropped), then
/// `Command timed out after Ns`, an abort note, or `Exit code N` (128+signal for a signal
/// death); is_error for all three. Structured: {stdout, stderr, interrupted, isImage,
/// noOutputExpected}; `interrupted` is true for timeouts and cancellation.
ToolResult FormatBashResult(const exec::ProcessOutcome& outcome, const BashResultOptions& options);

/// A command just started with `run_in_background`. Content: its task id, its output file
/// (to Read), how to stop it and its time limit, then `note` if any. Structured: BashOutput
/// with empty streams and `backgroundTaskId`.
ToolResult FormatBackgroundStart(const BackgroundTask& task, int64_t timeout_ms,
                                 const std::string& note);

/// `120s`, `1.5s`: a timeout in seconds for messages.
std::string FormatSeconds(int64_t ms);

}  // namespace runner::tools
