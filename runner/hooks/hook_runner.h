#pragma once
/// The hooks module owns Claude Code's hooks for a session: the `hooks` settings snapshot
/// (hook_config.h), matchers (matcher.h), the stdin JSON of every event (hook_input.h), reading
/// a hook's exit code and output (hook_output.h), folding several hooks into one decision
/// (hook_result.h) and running them (this file). It decides nothing about tools or prompts
/// itself: the agent calls Run() at each event and acts on the HookResult (docs/hooks.md).

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/exec/process.h"
#include "runner/hooks/hook_callbacks.h"
#include "runner/hooks/hook_config.h"
#include "runner/hooks/hook_event.h"
#include "runner/hooks/hook_input.h"
#include "runner/hooks/hook_result.h"

namespace runner::hooks {

/// Receives `hook_started` / `hook_response` reports (for --include-hook-events). Calls are
/// serialized by the runner: never two at once, even when Run() is called from several threads.
using HookReporter = std::function<void(const HookReport&)>;

/// Hook stdout/stderr kept per stream (head and tail; exec/output_capture.h).
inline constexpr size_t kMaxHookOutputBytes = 1024 * 1024;

/// Who fires an event: the main agent (empty) or a subagent, whose hooks then read its
/// `agent_id` and `agent_type` among the common input fields.
struct HookCaller {
  std::string agent_id;
  std::string agent_type;
};

class HookRunner {
 public:
  /// `config` is the snapshot taken at startup (copied in: later settings edits never reach
  /// this runner). `processes` is borrowed and must outlive the runner. `reporter` may be empty.
  HookRunner(HookConfig config, exec::ProcessRunner& processes, HookEnv env,
             HookReporter reporter = {});

  /// True when some hook would run for this occurrence (lets the agent skip building input).
  bool HasHooks(HookEvent event, std::string_view match_value) const;

  /// Runs the matching hooks of one event occurrence, each command string once, all in
  /// parallel, each `bash -c <command>` in HookEnv::cwd with HookEnv::env plus
  /// CLAUDE_PROJECT_DIR, the input JSON on stdin, and its own timeout (default 60 s); then folds
  /// their results in config order. Blocks until every hook ended, was killed at its timeout,
  /// or `cancel` (may be null) fired. Never fails: a hook that cannot start, hangs or prints
  /// garbage becomes a user message in the result. The result's user and system messages are
  /// also logged (stderr). Thread-safe. No hooks: a default result and no reports.
  HookResult Run(HookEvent event, const base::Json& event_fields, std::string_view match_value,
                 base::CancelToken* cancel, const HookCaller& caller = {});

  /// Typed form: `Run(PreToolUseInput{"Bash", input, id}, cancel)`.
  template <class EventInput>
  HookResult Run(const EventInput& input, base::CancelToken* cancel,
                 const HookCaller& caller = {}) {
    return Run(EventInput::kEvent, input.Fields(), input.MatchValue(), cancel, caller);
  }

  /// The mode reported in later inputs' `permission_mode` (set_permission_mode, plan exit).
  void SetPermissionMode(std::string mode);

  /// Where callback hooks (HookCommand::callback_id) are sent; borrowed, may be null (then a
  /// callback hook fails like a command that cannot start). Set before the first Run().
  void SetCallbacks(HookCallbacks* callbacks) { callbacks_ = callbacks; }

  const HookConfig& config() const { return config_; }
  /// The session transcript the inputs name (empty when none is written).
  const std::string& transcript_path() const { return env_.transcript_path; }

 private:
  HookEnv EnvSnapshot() const;
  exec::CommandSpec SpecFor(const HookEnv& env, const HookCommand& hook,
                            const std::string& input) const;
  void Execute(HookEvent event, const exec::CommandSpec& spec, base::CancelToken* cancel,
               HookRun& run) const;
  /// A callback hook: asks the SDK host; its JSON answer is read like a hook's stdout.
  void ExecuteCallback(HookEvent event, const base::Json& input, base::CancelToken* cancel,
                       HookRun& run) const;
  void ExecuteAll(HookEvent event, const std::vector<exec::CommandSpec>& specs,
                  const base::Json& input, base::CancelToken* cancel,
                  std::vector<HookRun>& runs) const;
  void Report(const HookReport& report);

  const HookConfig config_;
  exec::ProcessRunner& processes_;
  mutable std::mutex env_mu_;  // guards env_.permission_mode
  HookEnv env_;
  std::mutex report_mu_;  // serializes reporter_ calls
  HookReporter reporter_;
  HookCallbacks* callbacks_ = nullptr;
};

}  // namespace runner::hooks
