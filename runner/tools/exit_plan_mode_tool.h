#pragma once
/// ExitPlanMode: the model's signal that its plan is ready for approval. A headless run has no
/// one to approve it, so the tool records the plan (the `plan` string when the input carries
/// one; the schema is ExitPlanModeInput, which allows extra keys) and tells the model to stop
/// and give the plan as its final answer without making changes. Read-only.

#include <mutex>
#include <optional>
#include <string>

#include "runner/tools/tool.h"

namespace runner::tools {

class ExitPlanModeTool : public Tool {
 public:
  std::string_view name() const override { return "ExitPlanMode"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;

  /// The plan from the latest call that carried one.
  std::optional<std::string> last_plan() const;

 private:
  mutable std::mutex mu_;
  std::optional<std::string> last_plan_;
};

}  // namespace runner::tools
