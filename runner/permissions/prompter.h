#pragma once
/// Asking someone outside the run about a call the rules left undecided (`kAsk`). Headless
/// runs have nobody at a terminal; `--permission-prompt-tool stdio` asks the SDK host over the
/// control protocol (`can_use_tool`). The gate itself never asks: the agent calls a Prompter
/// with the gate's Decision when one is configured, and treats "no prompter" as a denial.

#include <string>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/permissions/gate.h"

namespace runner::permissions {

/// One call to decide.
struct PromptRequest {
  std::string tool_name;
  base::Json input;
  std::string tool_use_id;
  std::string agent_id;  ///< empty for the main agent
  Decision decision;     ///< what the gate concluded (behavior kAsk): why approval is needed
};

/// The answer. A deny carries the message the model sees; `interrupt` ends the turn.
struct PromptAnswer {
  bool allow = false;
  base::Json updated_input;  ///< allow only; null = the input as asked
  std::string message;       ///< deny only
  bool interrupt = false;
};

class Prompter {
 public:
  virtual ~Prompter() = default;
  /// Blocks until answered. Errors (the host went away, cancellation, a malformed answer) are
  /// denials the caller reports with the error's message. Must be safe to call from several
  /// threads at once (parallel tool calls, subagents).
  virtual base::Result<PromptAnswer> Ask(const PromptRequest& request, base::CancelToken* cancel) = 0;
};

}  // namespace runner::permissions
