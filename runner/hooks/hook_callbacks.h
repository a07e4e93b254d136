#pragma once
/// Hooks that are functions in the SDK host rather than shell commands: the host registers
/// them in its `initialize` request (callback ids per matcher group) and the runner calls each
/// back with a `hook_callback` control request. The hooks module only sees this interface; the
/// control protocol implements it.

#include <cstdint>
#include <string>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::hooks {

class HookCallbacks {
 public:
  virtual ~HookCallbacks() = default;
  /// Calls the host's callback `callback_id` with the event's input JSON and waits for its
  /// answer (a hook's JSON output: continue, decision, hookSpecificOutput, …) at most
  /// `timeout_ms`. Errors: kTimeout when the time ran out, kInterrupted on cancellation, others
  /// when the host went away or answered with an error. Thread-safe.
  virtual base::Result<base::Json> Call(const std::string& callback_id, const base::Json& input,
                                        const std::string& tool_use_id, int64_t timeout_ms,
                                        base::CancelToken* cancel) = 0;
};

}  // namespace runner::hooks
