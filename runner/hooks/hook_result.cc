#include "runner/hooks/hook_result.h"

#include <algorithm>

namespace runner::hooks {
namespace {

constexpr std::string_view kNoStderr = "No stderr output";

bool IsStopEvent(HookEvent event) {
  return event == HookEvent::kStop || event == HookEvent::kSubagentStop;
}

/// Appends `text` on a new line unless `out` is empty or already ends with one.
void AppendLine(std::string& out, std::string_view text) {
  if (!out.empty() && !out.ends_with('\n')) out += '\n';
  out += text;
}

std::string Prefixed(const HookRun& run, std::string_view text) {
  return run.hook_name + " hook error: [" + run.hook.command + "]: " + std::string(text);
}

/// One blocking hook's line of the model's text.
std::string BlockText(HookEvent event, const HookRun& run) {
  const HookOutput& o = run.output;
  if (o.exit_kind == ExitKind::kBlockingError) {
    if (IsStopEvent(event)) return "[" + run.hook.command + "]: " + o.reason;
    return Prefixed(run, o.reason);
  }
  if (!o.reason.empty()) return o.reason;
  if (o.permission == PermissionDecision::kDeny)
    return "Hook " + run.hook_name + " denied this tool";
  return "Blocked by hook";
}

/// What the user sees for a hook that did not succeed, or nullopt.
std::optional<std::string> FailureText(const HookRun& run) {
  std::string stderr_text = run.stderr_data.empty() ? std::string(kNoStderr) : run.stderr_data;
  switch (run.status) {
    case HookRunStatus::kTimedOut:
      return Prefixed(run, "timed out after " + std::to_string(run.hook.timeout_ms) + " ms");
    case HookRunStatus::kCancelled:
      return Prefixed(run, "cancelled");
    case HookRunStatus::kFailedToStart:
      return Prefixed(run, "failed to start: " + run.stderr_data);
    case HookRunStatus::kExited:
      break;
  }
  switch (run.output.exit_kind) {
    case ExitKind::kNonBlockingError:
      return Prefixed(run, "Failed with non-blocking status code: " + stderr_text);
    case ExitKind::kBlockingError:
      if (!run.output.block) return Prefixed(run, stderr_text);
      return std::nullopt;
    case ExitKind::kSuccess:
      return std::nullopt;
  }
  return std::nullopt;
}

/// Folds one run's own fields (everything but the decision-dependent updates).
void Fold(HookEvent event, const HookRun& run, HookResult& r) {
  if (auto text = FailureText(run)) r.user_messages.push_back(*text);
  if (run.status != HookRunStatus::kExited) return;
  const HookOutput& o = run.output;
  for (const std::string& problem : o.problems) r.user_messages.push_back(Prefixed(run, problem));
  if (!o.continue_session && !r.stop) {
    r.stop = true;
    r.stop_reason = o.stop_reason;
  }
  if (!o.system_message.empty()) r.system_messages.push_back(o.system_message);
  if (!o.additional_context.empty()) r.additional_context.push_back(o.additional_context);
  r.decision = std::max(r.decision, o.permission);
  if (o.block) {
    r.blocked = true;
    AppendLine(r.reason, BlockText(event, run));
  }
  r.interrupt = r.interrupt || o.interrupt;
  if (o.updated_tool_output && !r.updated_tool_output)
    r.updated_tool_output = o.updated_tool_output;
}

/// Takes the input and permission updates of the first run whose decision won (never a deny).
void PickUpdates(const std::vector<HookRun>& runs, HookResult& r) {
  if (r.decision == PermissionDecision::kDeny) return;
  for (const HookRun& run : runs) {
    const HookOutput& o = run.output;
    if (run.status != HookRunStatus::kExited || o.permission != r.decision) continue;
    if (r.decision_reason.empty()) r.decision_reason = o.permission_reason;
    if (!r.updated_input && o.updated_input) r.updated_input = o.updated_input;
    if (!r.updated_permissions && o.updated_permissions) {
      r.updated_permissions = o.updated_permissions;
    }
  }
}

}  // namespace

std::string HookName(HookEvent event, std::string_view match_value) {
  std::string name(HookEventName(event));
  if (InfoOf(event).match_field != MatchField::kNone && !match_value.empty()) {
    name += ':';
    name += match_value;
  }
  return name;
}

HookResult AggregateHookRuns(HookEvent event, const std::vector<HookRun>& runs) {
  HookResult r;
  r.hooks_run = static_cast<int>(runs.size());
  for (const HookRun& run : runs) Fold(event, run, r);
  PickUpdates(runs, r);
  if (r.blocked && IsStopEvent(event)) {
    r.reason = std::string(HookEventName(event)) + " hook feedback:\n" + r.reason;
  }
  return r;
}

HookReport StartedReport(HookEvent event, const HookRun& run) {
  HookReport report;
  report.hook_id = run.hook_id;
  report.hook_name = run.hook_name;
  report.hook_event = std::string(HookEventName(event));
  return report;
}

HookReport ResponseReport(HookEvent event, const HookRun& run) {
  HookReport report = StartedReport(event, run);
  report.kind = HookReport::Kind::kResponse;
  report.stdout_data = run.stdout_data;
  report.stderr_data = run.stderr_data;
  report.output = run.stdout_data + run.stderr_data;
  switch (run.status) {
    case HookRunStatus::kExited:
      report.exit_code = run.exit_code;
      report.outcome = run.exit_code == 0 ? "success" : "error";
      break;
    case HookRunStatus::kTimedOut:
    case HookRunStatus::kCancelled:
      report.outcome = "cancelled";
      break;
    case HookRunStatus::kFailedToStart:
      report.outcome = "error";
      break;
  }
  return report;
}

}  // namespace runner::hooks
