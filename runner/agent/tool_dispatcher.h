#pragma once
/// Runs the tool calls of one assistant message: permission check, then the tool, with
/// consecutive read-only calls in parallel (up to the concurrency limit) and results in call order.

#include <memory>
#include <string>
#include <vector>

#include "runner/base/json.h"
#include "runner/hooks/hook_runner.h"
#include "runner/permissions/gate.h"
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
  std::string hook_stop_reason;
};

class ToolDispatcher {
 public:
  /// `tools` are borrowed; `gate` is borrowed.
  /// `hooks` may be null (no hooks configured).
  ToolDispatcher(std::vector<tools::Tool*> tools, const permissions::Gate& gate,
                 tools::ToolContext context, int max_concurrency, hooks::HookRunner* hooks = nullptr);
  /// Runs every tool_use block (each `{"type":"tool_use","id","name","input"}`).
  std::vector<ToolCallOutcome> RunAll(const std::vector<base::Json>& tool_uses);
  tools::Tool* Find(std::string_view name) const;
  /// Replaces the gate (borrowed) for the calls that follow, e.g. for one slash-command turn.
  void SetGate(const permissions::Gate& gate) { gate_ = &gate; }
  const permissions::Gate& gate() const { return *gate_; }
  const std::vector<tools::Tool*>& tools() const { return tools_; }

 private:
  ToolCallOutcome RunOne(const base::Json& tool_use);
  bool CanRunInParallel(const base::Json& tool_use) const;
  /// Runs the PostToolUse/PostToolUseFailure hooks and folds their feedback into `out`.
  void AfterTool(const std::string& name, const base::Json& input, ToolCallOutcome& out,
                 bool failed);

  std::vector<tools::Tool*> tools_;
  const permissions::Gate* gate_;
  tools::ToolContext context_;
  int max_concurrency_;
  hooks::HookRunner* hooks_;
};

}  // namespace runner::agent
