#pragma once
/// `--input-format stream-json`: user turns and the SDK control protocol on stdin. A reader
/// thread answers what cannot wait for the turn loop (responses to the runner's own requests,
/// `interrupt`, and once the session is set up every other host request) and queues user turns
/// for it. docs/control-protocol.md describes the protocol for users.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "runner/agent/agent.h"
#include "runner/agent/options.h"
#include "runner/base/cancel.h"
#include "runner/cli/exit_codes.h"
#include "runner/cli/stdin_input.h"
#include "runner/control/control_channel.h"
#include "runner/hooks/hook_config.h"
#include "runner/hooks/hook_runner.h"
#include "runner/mcp/servers.h"
#include "runner/permissions/gate.h"
#include "runner/protocol/stream_input.h"

namespace runner::cli {

/// One queued stdin item for the turn loop.
struct StreamItem {
  enum class Kind { kUser, kControlRequest, kError };
  Kind kind = Kind::kUser;
  protocol::InputMessage message;
  std::string error;  ///< kError: a line that could not be read
};

class StreamInput {
 public:
  /// Answers to the runner's requests go to `channel`; the host's `interrupt` cancels the
  /// running turn through `cancel` (reason kTurnInterrupt).
  StreamInput(control::ControlChannel& channel, base::CancelToken& cancel);
  /// Stops the routing thread (the stdin reader itself is detached: it may sit in read(2)).
  ~StreamInput();

  void Start(int fd);
  /// The next item for the turn loop; nullopt at end of input or on cancellation.
  std::optional<StreamItem> Next(base::CancelToken& cancel);
  /// Puts an item back at the front (after peeking at it).
  void PushFront(StreamItem item);

  /// From now on the reader thread passes host requests (other than interrupt) to `handler`
  /// instead of queueing them; requests queued before stay queued, for the turn loop.
  void SetRequestHandler(std::function<void(const protocol::InputMessage&)> handler);
  /// Whether a turn is running (an `interrupt` between turns cancels nothing).
  void SetTurnRunning(bool running) { turn_running_.store(running); }

 private:
  void Route(const std::string& line);
  void Push(StreamItem item);

  control::ControlChannel& channel_;
  base::CancelToken& cancel_;
  LineQueue lines_;
  base::CancelToken stop_;
  std::thread router_;
  std::atomic<bool> turn_running_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<StreamItem> items_;
  bool eof_ = false;
  std::function<void(const protocol::InputMessage&)> handler_;
};

/// What the host's `initialize` changed, applied before the session's parts are built.
struct InitializeSettings {
  hooks::HookConfig callback_hooks;
};

/// Waits for the first stdin item; when it is an `initialize` request, applies its system
/// prompt, appended prompt, JSON schema and agents to `options`, collects its callback hooks,
/// and returns its request id (the caller answers once the session exists). Otherwise the
/// item stays queued and the result has no id. A malformed initialize is answered with an
/// error at once and gives no id.
struct InitializeRequest {
  std::optional<std::string> request_id;
  InitializeSettings settings;
};
InitializeRequest AwaitInitialize(StreamInput& input, control::ControlChannel& channel,
                                  agent::AgentOptions& options, base::CancelToken& cancel);

/// The session's parts that host requests change.
struct HostControls {
  agent::Agent& agent;
  permissions::Gate& gate;
  hooks::HookRunner* hooks;  ///< may be null
  const base::Env& env;
  const mcp::Servers* mcp = nullptr;  ///< the run's MCP servers, for mcp_status
};

/// Answers one host request (set_permission_mode, set_model, mcp_status, …); kinds we do not
/// support get an error response naming them.
void HandleHostRequest(const protocol::InputMessage& request, control::ControlChannel& channel,
                       HostControls& controls);

/// Runs user turns from `input` with `run_turn` (the user message's content) until end of
/// input or cancellation; returns the exit code of the last turn (a turn the host interrupted
/// counts as success: the host asked for it).
ExitCode RunStreamTurns(StreamInput& input, control::ControlChannel& channel,
                        HostControls& controls, base::CancelToken& cancel,
                        const std::function<ExitCode(const base::Json& content)>& run_turn);

}  // namespace runner::cli
