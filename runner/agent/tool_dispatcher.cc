#include "runner/agent/tool_dispatcher.h"

#include <thread>

#include "runner/agent/hook_permission.h"
#include "runner/base/log.h"
#include "runner/protocol/messages.h"
#include "runner/tools/file_tracking.h"

namespace runner::agent {

using base::Json;

namespace {

ToolCallOutcome ErrorOutcome(const Json& tool_use, const std::string& message, bool wrap) {
  ToolCallOutcome out;
  out.tool_use_id = tool_use["id"].AsString();
  out.tool_name = tool_use["name"].AsString();
  out.tool_input = tool_use["input"];
  std::string content = wrap ? "<tool_use_error>" + message + "</tool_use_error>" : message;
  out.result_block = protocol::ToolResultBlock(out.tool_use_id, Json(content), true);
  out.tool_use_result = Json("Error: " + message);
  return out;
}

}  // namespace

ToolDispatcher::ToolDispatcher(std::vector<tools::Tool*> tools, const permissions::Gate& gate,
                               tools::ToolContext context, int max_concurrency,
                               hooks::HookRunner* hooks, hooks::HookCaller caller,
                               permissions::Prompter* prompter)
    : tools_(std::move(tools)),
      gate_(&gate),
      context_(context),
      max_concurrency_(max_concurrency < 1 ? 1 : max_concurrency),
      hooks_(hooks),
      caller_(std::move(caller)),
      prompter_(prompter) {}

void ToolDispatcher::AskPrompter(std::string_view tool_name, const std::string& tool_use_id,
                                 PermissionCheck& check) {
  permissions::PromptRequest request{std::string(tool_name), check.input, tool_use_id,
                                     caller_.agent_id, check.decision};
  auto answer = prompter_->Ask(request, context_.cancel);
  permissions::Decision out;
  if (!answer) {
    out.behavior = permissions::Behavior::kDeny;
    out.message = "Permission prompt failed: " + answer.error().message;
  } else if (answer->allow) {
    out.allowed = true;
    out.behavior = permissions::Behavior::kAllow;
    if (!answer->updated_input.is_null()) check.input = answer->updated_input;
  } else {
    out.behavior = permissions::Behavior::kDeny;
    out.message = answer->message;
    check.prompt_interrupt = answer->interrupt;
  }
  check.decision = std::move(out);
}

namespace {
/// Adds a note for the model after a tool's result (string or block-array content).
void AppendNote(Json& content, const std::string& note) {
  if (content.is_array()) {
    content.Push(protocol::TextBlock(note));
  } else {
    content = Json(content.AsString() + "\n\n" + note);
  }
}

/// A call that did not get permission: the model reads `message`, permission_denials lists it.
ToolCallOutcome Denied(const Json& tool_use, const Json& input, const std::string& message) {
  ToolCallOutcome out = ErrorOutcome(tool_use, message, false);
  out.tool_input = input;
  out.denied = true;
  out.denial_message = message;
  return out;
}

/// The PreToolUse hooks' additionalContext, for the model after the call's result.
void AddContext(ToolCallOutcome& out, const std::vector<std::string>& context) {
  for (const std::string& c : context) AppendNote(out.result_block.Slot("content"), c);
}
}  // namespace

void ToolDispatcher::AfterTool(const std::string& name, const Json& input, ToolCallOutcome& out,
                               bool failed) {
  hooks::HookResult post =
      failed ? hooks_->Run(hooks::PostToolUseFailureInput{name, input, out.tool_use_id,
                                                          out.tool_use_result.Dump(), std::nullopt,
                                                          std::nullopt},
                           context_.cancel, caller_)
             : hooks_->Run(hooks::PostToolUseInput{name, input, out.tool_use_result,
                                                   out.tool_use_id, std::nullopt},
                           context_.cancel, caller_);
  Json& content = out.result_block.Slot("content");
  if (post.updated_tool_output) out.tool_use_result = *post.updated_tool_output;
  if (post.blocked && !post.reason.empty()) AppendNote(content, post.reason);
  for (const std::string& c : post.additional_context) AppendNote(content, c);
  if (post.stop) {
    out.hook_stop = true;
    out.hook_stop_reason = post.stop_reason;
  }
}

tools::Tool* ToolDispatcher::Find(std::string_view name) const {
  for (tools::Tool* t : tools_) {
    if (t->name() == name) return t;
  }
  return nullptr;
}

bool ToolDispatcher::CanRunInParallel(const Json& tool_use) const {
  tools::Tool* tool = Find(tool_use["name"].AsString());
  return tool && tool->IsReadOnly(tool_use["input"]);
}

ToolCallOutcome ToolDispatcher::RunOne(const Json& tool_use) {
  const std::string& name = tool_use["name"].AsString();
  Json input = tool_use["input"];
  tools::Tool* tool = Find(name);
  if (!tool) return ErrorOutcome(tool_use, "No such tool available: " + name, true);
  hooks::HookResult pre;
  if (hooks_) {
    // PreToolUse runs before the permission check: its deny wins in every mode, its
    // updatedInput replaces the input, and its allow or ask joins the gate's decision.
    pre = hooks_->Run(hooks::PreToolUseInput{name, input, tool_use["id"].AsString()},
                      context_.cancel, caller_);
    if (pre.updated_input && !pre.blocked) input = *pre.updated_input;
  }
  return CheckAndRun(*tool, tool_use, std::move(input), pre);
}

ToolCallOutcome ToolDispatcher::CheckAndRun(tools::Tool& tool, const Json& tool_use,
                                            Json input, const hooks::HookResult& pre) {
  const std::string& name = tool_use["name"].AsString();
  if (pre.stop || pre.blocked || pre.decision == hooks::PermissionDecision::kDeny) {
    ToolCallOutcome out = pre.stop ? ErrorOutcome(tool_use, pre.stop_reason, false)
                                   : Denied(tool_use, tool_use["input"], pre.reason);
    out.hook_stop = pre.stop;
    out.hook_stop_reason = pre.stop_reason;
    AddContext(out, pre.additional_context);
    return out;
  }
  if (context_.cancel && context_.cancel->cancelled()) {
    ToolCallOutcome out = ErrorOutcome(tool_use, "Interrupted before the tool ran", false);
    out.interrupted = true;
    return out;
  }
  PermissionCheck check =
      CheckPermission(tool, tool_use["id"].AsString(), std::move(input), pre);
  if (!check.decision.allowed) {
    ToolCallOutcome out = Denied(tool_use, check.input, check.decision.message);
    out.hook_stop = check.interrupt;
    out.hook_stop_reason = check.interrupt ? check.decision.message : "";
    out.prompt_interrupt = check.prompt_interrupt;
    AddContext(out, pre.additional_context);
    return out;
  }
  base::log::Debug("tool {} ({})", name, tool_use["id"].AsString());
  tools::ToolContext call_context = context_;  // per call: parallel calls must not share it
  call_context.tool_use_id = tool_use["id"].AsString();
  tools::ToolResult r = tool.Run(check.input, call_context);
  ToolCallOutcome out;
  out.tool_use_id = tool_use["id"].AsString();
  out.tool_name = name;
  out.tool_input = std::move(check.input);
  out.result_block = protocol::ToolResultBlock(out.tool_use_id, r.content, r.is_error);
  out.tool_use_result = r.structured.is_null() ? r.content : r.structured;
  out.interrupted = context_.cancel && context_.cancel->cancelled();
  AddContext(out, pre.additional_context);
  if (hooks_ && !out.interrupted) AfterTool(name, out.tool_input, out, r.is_error);
  return out;
}

ToolDispatcher::PermissionCheck ToolDispatcher::CheckPermission(const tools::Tool& tool,
                                                                const std::string& tool_use_id,
                                                                Json input,
                                                                const hooks::HookResult& pre) {
  std::string_view name = tool.name();
  // Relative paths and Bash redirect targets resolve against where the shell is now.
  permissions::Decision gate =
      gate_->Check(name, tools::PermissionKindOf(tool, input), input, tools::CurrentDir(context_).string());
  PermissionCheck check{
      JoinPreToolUseDecision(gate, pre.decision, pre.decision_reason, name, gate_->mode()),
      std::move(input)};
  if (check.decision.behavior == permissions::Behavior::kAsk) {
    AskPermissionRequestHooks(name, check);
  }
  // Still kAsk: no hook decided. The permission prompt tool (the SDK host) may.
  if (check.decision.behavior == permissions::Behavior::kAsk && prompter_) {
    AskPrompter(name, tool_use_id, check);
  }
  return check;
}

void ToolDispatcher::AskPermissionRequestHooks(std::string_view tool_name, PermissionCheck& check) {
  if (!hooks_) return;
  hooks::HookResult r = hooks_->Run(
      hooks::PermissionRequestInput{std::string(tool_name), check.input, Json()}, context_.cancel,
      caller_);
  check.decision = JoinPermissionRequestResult(check.decision, r, tool_name);
  if (check.decision.allowed && r.updated_input) check.input = *r.updated_input;
  check.interrupt = !check.decision.allowed && (r.interrupt || r.stop);
}

std::vector<ToolCallOutcome> ToolDispatcher::RunAll(const std::vector<Json>& tool_uses) {
  std::vector<ToolCallOutcome> outcomes(tool_uses.size());
  size_t i = 0;
  while (i < tool_uses.size()) {
    // A batch is one non-read-only call, or a run of consecutive read-only calls.
    size_t end = i + 1;
    if (CanRunInParallel(tool_uses[i])) {
      while (end < tool_uses.size() && end - i < static_cast<size_t>(max_concurrency_) &&
             CanRunInParallel(tool_uses[end]))
        ++end;
    }
    if (end - i == 1) {
      outcomes[i] = RunOne(tool_uses[i]);
    } else {
      std::vector<std::thread> threads;
      for (size_t k = i; k < end; ++k) {
        threads.emplace_back([&, k] { outcomes[k] = RunOne(tool_uses[k]); });
      }
      for (auto& t : threads) t.join();
    }
    i = end;
  }
  return outcomes;
}

}  // namespace runner::agent
