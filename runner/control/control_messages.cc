#include "runner/control/control_messages.h"

#include <filesystem>

namespace runner::control {

using base::Json;

Json SuccessResponse(const std::string& request_id, Json payload) {
  Json response = Json::MakeObject();
  response.Set("subtype", Json("success"));
  response.Set("request_id", Json(request_id));
  if (!payload.is_null()) response.Set("response", std::move(payload));
  Json line = Json::MakeObject();
  line.Set("type", Json("control_response"));
  line.Set("response", std::move(response));
  return line;
}

Json ErrorResponse(const std::string& request_id, const std::string& message) {
  Json response = Json::MakeObject();
  response.Set("subtype", Json("error"));
  response.Set("request_id", Json(request_id));
  response.Set("error", Json(message));
  Json line = Json::MakeObject();
  line.Set("type", Json("control_response"));
  line.Set("response", std::move(response));
  return line;
}

Json CancelRequest(const std::string& request_id) {
  Json line = Json::MakeObject();
  line.Set("type", Json("control_cancel_request"));
  line.Set("request_id", Json(request_id));
  return line;
}

namespace {

bool IsEditTool(const std::string& name) {
  return name == "Edit" || name == "Write" || name == "MultiEdit" || name == "NotebookEdit";
}

/// A short description of the call for the host's prompt, as Claude Code gives one: the
/// Bash description, else the file name, else the main argument.
std::string Describe(const Json& input) {
  if (input["description"].is_string()) return input["description"].AsString();
  for (const char* key : {"file_path", "notebook_path"}) {
    if (input[key].is_string()) {
      return std::filesystem::path(input[key].AsString()).filename().string();
    }
  }
  for (const char* key : {"command", "url", "pattern", "path", "query"}) {
    if (input[key].is_string()) return input[key].AsString();
  }
  return {};
}

/// What the host could approve for the rest of the session instead of this one call.
Json Suggestions(const permissions::PromptRequest& request) {
  Json out = Json::MakeArray();
  Json s = Json::MakeObject();
  if (IsEditTool(request.tool_name)) {
    s.Set("type", Json("setMode"));
    s.Set("mode", Json("acceptEdits"));
  } else {
    Json rule = Json::MakeObject();
    rule.Set("toolName", Json(request.tool_name));
    if (request.tool_name == "Bash" && request.input["command"].is_string()) {
      rule.Set("ruleContent", request.input["command"]);
    }
    s.Set("type", Json("addRules"));
    s.Set("rules", base::JsonArray({std::move(rule)}));
    s.Set("behavior", Json("allow"));
  }
  s.Set("destination", Json("session"));
  out.Push(std::move(s));
  return out;
}

}  // namespace

Json CanUseToolRequest(const permissions::PromptRequest& request) {
  Json r = Json::MakeObject();
  r.Set("subtype", Json("can_use_tool"));
  r.Set("tool_name", Json(request.tool_name));
  r.Set("display_name", Json(request.tool_name));
  r.Set("input", request.input.is_object() ? request.input : Json::MakeObject());
  std::string description = Describe(request.input);
  if (!description.empty()) r.Set("description", Json(description));
  r.Set("permission_suggestions", Suggestions(request));
  const permissions::Decision& d = request.decision;
  std::string_view reason_type = permissions::ReasonTypeName(d.reason_type);
  if (!reason_type.empty()) {
    r.Set("decision_reason_type", Json(std::string(reason_type)));
    if (!d.message.empty()) r.Set("decision_reason", Json(d.message));
  }
  if (d.reason_type == permissions::ReasonType::kRule && d.behavior == permissions::Behavior::kAsk &&
      !d.rule.empty()) {
    Json rule = Json::MakeObject();
    rule.Set("source", Json(d.rule_source));
    rule.Set("tool_name", Json(request.tool_name));
    auto open = d.rule.find('(');
    if (open != std::string::npos && d.rule.back() == ')') {
      rule.Set("rule_content", Json(d.rule.substr(open + 1, d.rule.size() - open - 2)));
    }
    r.Set("matched_ask_rule", std::move(rule));
  }
  r.Set("tool_use_id", Json(request.tool_use_id));
  if (!request.agent_id.empty()) r.Set("agent_id", Json(request.agent_id));
  return r;
}

base::Result<permissions::PromptAnswer> ParsePermissionAnswer(const Json& payload) {
  const Json& behavior = payload["behavior"];
  permissions::PromptAnswer answer;
  if (behavior.is_string() && behavior.AsString() == "allow") {
    answer.allow = true;
    const Json& updated = payload["updatedInput"];
    if (!updated.is_null() && !updated.is_object()) {
      return base::Fail(base::ErrorKind::kParse,
                        "can_use_tool answer: updatedInput must be an object");
    }
    answer.updated_input = updated;
    return answer;
  }
  if (behavior.is_string() && behavior.AsString() == "deny") {
    answer.message = payload["message"].is_string() ? payload["message"].AsString() : "";
    if (answer.message.empty()) answer.message = "Permission denied by the SDK host";
    answer.interrupt = payload["interrupt"].is_bool() && payload["interrupt"].AsBool();
    return answer;
  }
  return base::Fail(base::ErrorKind::kParse,
                    "can_use_tool answer: expected behavior \"allow\" or \"deny\", got " +
                        (payload.is_null() ? std::string("nothing") : payload.Dump()));
}

Json InitializeResponse(const InitializeInfo& info) {
  Json r = Json::MakeObject();
  Json commands = Json::MakeArray();
  for (const std::string& name : info.commands) {
    Json c = Json::MakeObject();
    c.Set("name", Json(name));
    c.Set("description", Json(""));
    c.Set("argumentHint", Json(""));
    commands.Push(std::move(c));
  }
  r.Set("commands", std::move(commands));
  Json agents = Json::MakeArray();
  for (const InitializeInfo::Agent& a : info.agents) {
    Json j = Json::MakeObject();
    j.Set("name", Json(a.name));
    j.Set("description", Json(a.description));
    if (!a.model.empty()) j.Set("model", Json(a.model));
    agents.Push(std::move(j));
  }
  r.Set("agents", std::move(agents));
  r.Set("output_style", Json("default"));
  r.Set("available_output_styles", base::JsonArray({Json("default")}));
  Json models = Json::MakeArray();
  for (const std::string& m : info.models) {
    Json j = Json::MakeObject();
    j.Set("value", Json(m));
    j.Set("displayName", Json(m));
    j.Set("description", Json(""));
    models.Push(std::move(j));
  }
  r.Set("models", std::move(models));
  Json account = Json::MakeObject();
  account.Set("tokenSource", Json("none"));
  account.Set("apiKeySource", Json(info.api_key_source.empty() ? "none" : info.api_key_source));
  account.Set("apiProvider", Json("firstParty"));
  r.Set("account", std::move(account));
  r.Set("claude_code_version", Json(info.version));
  r.Set("current_permission_mode", Json(info.permission_mode));
  r.Set("hooks_applied", Json(true));
  return r;
}

}  // namespace runner::control
