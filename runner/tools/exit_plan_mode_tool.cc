#include "runner/tools/exit_plan_mode_tool.h"

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

/// The validation message for the model, or empty when `input` fits ExitPlanModeInput.
std::string Validate(const Json& input) {
  if (!input.is_object()) return "The input must be an object";
  if (input.Contains("plan") && !input["plan"].is_string()) {
    return "The parameter `plan` must be a string";
  }
  if (!input.Contains("allowedPrompts")) return "";
  const Json& prompts = input["allowedPrompts"];
  if (!prompts.is_array()) return "The parameter `allowedPrompts` must be an array";
  for (size_t i = 0; i < prompts.size(); ++i) {
    const Json& p = prompts.at(i);
    if (p["tool"].AsString() != "Bash" || !p["prompt"].is_string() || p.size() != 2) {
      return "`allowedPrompts[" + std::to_string(i) +
             "]` must be {\"tool\": \"Bash\", \"prompt\": string}";
    }
  }
  return "";
}

std::string Content(bool has_plan) {
  std::string text = has_plan ? "The plan is recorded." : "No plan text came with this call.";
  return text +
         " This is a non-interactive run: nobody can review or approve the plan, so do not "
         "start carrying it out and do not change any files. Stop here and end your turn with "
         "the complete plan as your final answer.";
}

}  // namespace

std::string ExitPlanModeTool::description() const {
  return "Call this when you are in plan mode and have finished planning an implementation, "
         "to present the plan for approval. Pass the plan as markdown in `plan`.\n"
         "- Use it only for tasks that need code changes, not for research or questions.\n"
         "- Settle open questions before calling it; the plan should be complete and concrete.\n"
         "- In a non-interactive run the plan cannot be approved: after this call, end your turn "
         "with the plan as your final answer and make no changes.";
}

Json ExitPlanModeTool::input_schema() const {
  static const Json kSchema = *Json::Parse(R"({
    "type": "object",
    "properties": {
      "allowedPrompts": {
        "type": "array",
        "description": "Deprecated and ignored",
        "items": {
          "type": "object",
          "properties": {
            "tool": {"type": "string", "enum": ["Bash"], "description": "The tool the prompt is for"},
            "prompt": {"type": "string", "description": "What the action does, e.g. \"run tests\""}
          },
          "required": ["tool", "prompt"],
          "additionalProperties": false
        }
      }
    },
    "additionalProperties": true
  })");
  return kSchema;
}

ToolResult ExitPlanModeTool::Run(const Json& input, ToolContext& ctx) {
  if (std::string error = Validate(input); !error.empty()) {
    return ToolResult::Error(
        "InputValidationError: ExitPlanMode failed due to the following "
        "issue:\n" +
        error);
  }
  std::optional<std::string> plan;
  if (input["plan"].is_string() && !base::Trim(input["plan"].AsString()).empty()) {
    plan = input["plan"].AsString();
    std::lock_guard lock(mu_);
    last_plan_ = plan;
  }
  ToolResult result;
  result.content = Content(plan.has_value());
  result.structured = base::JsonObject({{"plan", plan ? Json(*plan) : Json()}, {"isAgent", false}});
  return result;
}

std::optional<std::string> ExitPlanModeTool::last_plan() const {
  std::lock_guard lock(mu_);
  return last_plan_;
}

}  // namespace runner::tools
