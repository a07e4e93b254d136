#pragma once
/// Runs the tool calls of one assistant message: PreToolUse hooks, the permission check (with
/// PermissionRequest hooks when approval is needed), the tool, then PostToolUse hooks, with
/// consecutive read-only calls in parallel (up to the concurrency limit) and results in call order.

#include <memory>
#include <string>
#include <vector>

#include "runner/base/json.h"
#include "runner/hooks/hook_runner.h"
#include "runner/permissions/gate.h"
#include "runner/permissions/prompter.h"
#include "runner/tools/tool.h"

namespace runner::agent {

struct ToolCallOutcome {
  std::string tool_use_id;
  std::string tool_name;
  base::Json result_block;     ///< the tool_result block for the API
  base::Json tool_use_result;  ///< structured result for stream-json / transcript
  bool denied = false;
  std::string denial_message;
  base::Json tool_input;
  bool interrupted = false;
  bool hook_stop = false;  ///< a hook said continue:false: end the turn after this call
  bool prompt_interrupt = false;  ///< the permission prompt's deny asked to end the turn
  std::string hook_stop_reason;
};

class ToolDispatcher {
 public:
  /// `tools` are borrowed; `gate` is borrowed.
  /// `hooks` may be null (no hooks configured); `caller` names the subagent whose calls these
  /// are (empty for the main agent); `prompter` (may be null) decides calls the gate and the
  /// PermissionRequest hooks leave undecided.
  ToolDispatcher(std::vector<tools::Tool*> tools, const permissions::Gate& gate,
                 tools::ToolContext context, int max_concurrency, hooks::HookRunner* hooks = nullptr,
                 hooks::HookCaller caller = {}, permissions::Prompter* prompter = nullptr);
  /// Runs every tool_use block (each `{"type":"tool_use","id","name","input"}`).
  std::vector<ToolCallOutcome> RunAll(const std::vector<base::Json>& tool_uses);
  tools::Tool* Find(std::string_view name) const;
  /// Replaces the gate (borrowed) for the calls that follow, e.g. for one slash-command turn.
  void SetGate(const permissions::Gate& gate) { gate_ = &gate; }
  const permissions::Gate& gate() const { return *gate_; }
  const std::vector<tools::Tool*>& tools() const { return tools_; }

 private:
  /// One call's way through the permission steps.
  struct PermissionCheck {
    permissions::Decision decision;
    base::Json input;        ///< what the tool runs with (a hook may have replaced it)
    bool interrupt = false;  ///< a PermissionRequest hook denied with interrupt: end the turn
    bool prompt_interrupt = false;  ///< the permission prompt's deny asked to end the turn
  };

  ToolCallOutcome RunOne(const base::Json& tool_use);
  /// Everything after PreToolUse: its block, the permission check, the tool, PostToolUse.
  ToolCallOutcome CheckAndRun(tools::Tool& tool, const base::Json& tool_use,
                              base::Json input, const hooks::HookResult& pre);
  bool CanRunInParallel(const base::Json& tool_use) const;
  /// The gate on `input`, joined with the PreToolUse hooks' allow or ask; then, when approval
  /// is needed, whoever may give it.
  PermissionCheck CheckPermission(const tools::Tool& tool, const std::string& tool_use_id,
                                  base::Json input, const hooks::HookResult& pre);
  /// Still kAsk after the hooks: asks the prompter (allow, maybe with a new input, or deny).
  void AskPrompter(std::string_view tool_name, const std::string& tool_use_id,
                   PermissionCheck& check);
  /// Approval needed (kAsk): the PermissionRequest hooks may grant it (maybe with a new input)
  /// or deny it. Without a decision the call stays kAsk.
  void AskPermissionRequestHooks(std::string_view tool_name, PermissionCheck& check);
  /// Runs the PostToolUse/PostToolUseFailure hooks and folds their feedback into `out`.
  void AfterTool(const std::string& name, const base::Json& input, ToolCallOutcome& out,
                 bool failed);

  std::vector<tools::Tool*> tools_;
  const permissions::Gate* gate_;
  tools::ToolContext context_;
  int max_concurrency_;
  hooks::HookRunner* hooks_;
  hooks::HookCaller caller_;
  permissions::Prompter* prompter_;
};

}  // namespace runner::agent
