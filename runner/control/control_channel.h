#pragma once
/// The control module owns the runner's side of the Agent SDK's control protocol: requests the
/// runner sends to the SDK host (`can_use_tool`, `hook_callback`) and waits for, and the
/// messages that answer the host's own requests (`initialize`, `interrupt`, …). Which host
/// requests exist and what they change is decided by the composition root (cli/); this module
/// only speaks the protocol (docs/control-protocol.md).

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/hooks/hook_callbacks.h"
#include "runner/permissions/prompter.h"

namespace runner::control {

/// Sends one control message (a whole stdout line) to the host. Must be thread-safe and must
/// not interleave with other output lines.
using Writer = std::function<void(base::Json message)>;

/// Requests to the host and their answers. The stdin reader hands every `control_response`
/// line to Deliver(); Close() at end of input makes every waiting and later request fail.
class ControlChannel : public permissions::Prompter, public hooks::HookCallbacks {
 public:
  explicit ControlChannel(Writer writer);

  /// Sends `{"type":"control_request","request_id":…,"request":request}` and waits for the
  /// matching response's payload. `timeout_ms` <= 0: no limit. On timeout or cancellation the
  /// host is told with a `control_cancel_request`. Errors: kTimeout, kInterrupted (cancel),
  /// kIo (input closed), kApi (the host answered with an error; its text is the message).
  base::Result<base::Json> Request(base::Json request, int64_t timeout_ms,
                                   base::CancelToken* cancel);

  /// A `control_response` line from the host. False when nobody waits for its request_id
  /// (already timed out, or never sent).
  bool Deliver(const base::Json& line);

  /// The input ended: pending and later requests fail with `why`.
  void Close(std::string why);

  /// Answers the host's request `request_id` with success and `payload` (may be null).
  void Respond(const std::string& request_id, base::Json payload);
  /// Answers the host's request `request_id` with an error.
  void RespondError(const std::string& request_id, const std::string& message);

  /// permissions::Prompter: a `can_use_tool` request; the host's answer decides the call.
  base::Result<permissions::PromptAnswer> Ask(const permissions::PromptRequest& request,
                                              base::CancelToken* cancel) override;

  /// hooks::HookCallbacks: a `hook_callback` request; its payload is the hook's JSON output.
  base::Result<base::Json> Call(const std::string& callback_id, const base::Json& input,
                                const std::string& tool_use_id, int64_t timeout_ms,
                                base::CancelToken* cancel) override;

 private:
  struct Pending {
    std::optional<base::Result<base::Json>> answer;
  };

  Writer writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Pending*> pending_;
  std::optional<std::string> closed_;
};

}  // namespace runner::control
