#include "runner/hooks/hook_runner.h"

#include <system_error>
#include <thread>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/base/uuid.h"

namespace runner::hooks {

HookRunner::HookRunner(HookConfig config, exec::ProcessRunner& processes, HookEnv env,
                       HookReporter reporter)
    : config_(std::move(config)),
      processes_(processes),
      env_(std::move(env)),
      reporter_(std::move(reporter)) {}

bool HookRunner::HasHooks(HookEvent event, std::string_view match_value) const {
  return !config_.CommandsFor(event, match_value).empty();
}

void HookRunner::SetPermissionMode(std::string mode) {
  std::lock_guard lock(env_mu_);
  env_.permission_mode = std::move(mode);
}

HookEnv HookRunner::EnvSnapshot() const {
  std::lock_guard lock(env_mu_);
  return env_;
}

exec::CommandSpec HookRunner::SpecFor(const HookEnv& env, const HookCommand& hook,
                                      const std::string& input) const {
  exec::CommandSpec spec;
  spec.argv = {"bash", "-c", hook.command};
  spec.cwd = env.cwd;
  spec.env = env.env;
  spec.env["CLAUDE_PROJECT_DIR"] = env.project_dir.string();
  spec.stdin_data = input;
  spec.timeout_ms = hook.timeout_ms;
  spec.max_output_bytes = kMaxHookOutputBytes;
  return spec;
}

void HookRunner::Execute(HookEvent event, const exec::CommandSpec& spec, base::CancelToken* cancel,
                         HookRun& run) const {
  auto outcome = processes_.Run(spec, cancel);
  if (!outcome) {
    run.status = HookRunStatus::kFailedToStart;
    run.stderr_data = outcome.error().message;
    return;
  }
  run.stdout_data = base::SanitizeUtf8(outcome->stdout_data);
  run.stderr_data = base::SanitizeUtf8(outcome->stderr_data);
  run.duration_ms = outcome->duration_ms;
  if (outcome->timed_out) {
    run.status = HookRunStatus::kTimedOut;
  } else if (outcome->interrupted) {
    run.status = HookRunStatus::kCancelled;
  } else {
    // Killed by a signal we did not send: a non-blocking error, reported like a shell would.
    run.exit_code = outcome->term_signal != 0 ? 128 + outcome->term_signal : outcome->exit_code;
    run.output = ParseHookOutput(event, run.exit_code, run.stdout_data, run.stderr_data);
  }
}

void HookRunner::ExecuteCallback(HookEvent event, const base::Json& input,
                                 base::CancelToken* cancel, HookRun& run) const {
  if (!callbacks_) {
    run.status = HookRunStatus::kFailedToStart;
    run.stderr_data = "hook callback " + run.hook.callback_id + ": no SDK host to call";
    return;
  }
  int64_t start = base::MonotonicMs();
  auto answer = callbacks_->Call(run.hook.callback_id, input, input["tool_use_id"].AsString(),
                                 run.hook.timeout_ms, cancel);
  run.duration_ms = base::MonotonicMs() - start;
  if (!answer) {
    run.stderr_data = answer.error().message;
    if (answer.error().kind == base::ErrorKind::kTimeout) {
      run.status = HookRunStatus::kTimedOut;
    } else if (answer.error().kind == base::ErrorKind::kInterrupted) {
      run.status = HookRunStatus::kCancelled;
    } else {
      run.exit_code = 1;  // a non-blocking error, like a command that failed
      run.output = ParseHookOutput(event, run.exit_code, "", run.stderr_data);
    }
    return;
  }
  run.exit_code = 0;
  run.stdout_data = answer->is_null() ? std::string() : answer->Dump();
  run.output = ParseHookOutput(event, 0, run.stdout_data, "");
}

void HookRunner::ExecuteAll(HookEvent event, const std::vector<exec::CommandSpec>& specs,
                            const base::Json& input, base::CancelToken* cancel,
                            std::vector<HookRun>& runs) const {
  auto execute = [&](size_t i) {
    if (runs[i].hook.callback_id.empty()) {
      Execute(event, specs[i], cancel, runs[i]);
    } else {
      ExecuteCallback(event, input, cancel, runs[i]);
    }
  };
  std::vector<std::jthread> threads;
  for (size_t i = 1; i < specs.size(); ++i) {
    try {
      threads.emplace_back([&, i] { execute(i); });
    } catch (const std::system_error&) {
      execute(i);  // no thread to spare: run it here, in turn
    }
  }
  execute(0);
}  // the jthreads join here

void HookRunner::Report(const HookReport& report) {
  if (!reporter_) return;
  std::lock_guard lock(report_mu_);
  reporter_(report);
}

HookResult HookRunner::Run(HookEvent event, const base::Json& event_fields,
                           std::string_view match_value, base::CancelToken* cancel,
                           const HookCaller& caller) {
  std::vector<HookCommand> hooks = config_.CommandsFor(event, match_value);
  if (hooks.empty()) return {};
  HookEnv env = EnvSnapshot();
  if (!caller.agent_id.empty()) {
    env.agent_id = caller.agent_id;
    env.agent_type = caller.agent_type;
  }
  base::Json input_json = BuildHookInput(event, env, event_fields);
  std::string input = input_json.Dump();
  std::vector<HookRun> runs(hooks.size());
  std::vector<exec::CommandSpec> specs;
  for (size_t i = 0; i < hooks.size(); ++i) {
    runs[i].hook = hooks[i];
    runs[i].hook_id = base::NewUuid();
    runs[i].hook_name = HookName(event, match_value);
    specs.push_back(SpecFor(env, hooks[i], input));
    Report(StartedReport(event, runs[i]));
  }
  ExecuteAll(event, specs, input_json, cancel, runs);
  for (const HookRun& run : runs) Report(ResponseReport(event, run));
  HookResult result = AggregateHookRuns(event, runs);
  for (const std::string& m : result.user_messages) base::log::Warn("{}", m);
  for (const std::string& m : result.system_messages) base::log::Warn("{}", m);
  return result;
}

}  // namespace runner::hooks
