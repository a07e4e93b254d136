#include "runner/tools/mcp_permission_prompter.h"

#include "runner/base/log.h"

namespace runner::tools {
namespace {

using base::ErrorKind;
using base::Fail;

constexpr const char* kNotText =
    "Permission prompt tool returned an invalid result. Expected a single text block with "
    "type=\"text\" and a string text value.";
constexpr const char* kBadDecision =
    "Permission prompt tool returned an invalid decision. Expected {\"behavior\": \"allow\", "
    "\"updatedInput\"?: object} or {\"behavior\": \"deny\", \"message\": string}.";

}  // namespace

base::Result<permissions::PromptAnswer> ParsePermissionToolResult(const Json& result) {
  const Json& first = result["content"].at(0);
  if (first["type"].AsString() != "text" || !first["text"].is_string()) {
    return Fail(ErrorKind::kParse, kNotText);
  }
  if (result["isError"].AsBool()) {
    return Fail(ErrorKind::kApi, "the permission prompt tool failed: " + first["text"].AsString());
  }
  auto decision = Json::Parse(first["text"].AsString());
  if (!decision || !decision->is_object()) return Fail(ErrorKind::kParse, kBadDecision);
  permissions::PromptAnswer answer;
  const std::string& behavior = (*decision)["behavior"].AsString();
  if (behavior == "allow") {
    const Json& updated = (*decision)["updatedInput"];
    if (!updated.is_null() && !updated.is_object()) return Fail(ErrorKind::kParse, kBadDecision);
    answer.allow = true;
    if (updated.is_object() && !updated.empty()) {
      answer.updated_input = updated;
    } else {
      base::log::Debug("permission prompt tool: updatedInput is missing or empty; using the input as asked");
    }
    return answer;
  }
  if (behavior == "deny" && (*decision)["message"].is_string()) {
    answer.message = (*decision)["message"].AsString();
    answer.interrupt = (*decision)["interrupt"].AsBool();
    return answer;
  }
  return Fail(ErrorKind::kParse, kBadDecision);
}

base::Result<permissions::PromptAnswer> McpPermissionPrompter::Ask(
    const permissions::PromptRequest& request, base::CancelToken* cancel) {
  Json arguments = base::JsonObject({{"tool_name", request.tool_name},
                                     {"input", request.input.is_object() ? request.input : Json::MakeObject()},
                                     {"tool_use_id", request.tool_use_id}});
  Json result = TRY(tool_.Call(arguments, request.tool_use_id, cancel));
  return ParsePermissionToolResult(result);
}

}  // namespace runner::tools
