#include "runner/agent/agent.h"

#include "runner/agent/background_agent.h"
#include "runner/agent/stream_relay.h"
#include "runner/agent/system_prompt.h"
#include "runner/base/clock.h"
#include "runner/base/log.h"
#include "runner/base/scope.h"
#include "runner/base/uuid.h"
#include "runner/hooks/hook_runner.h"
#include "runner/memory/memory_text.h"
#include "runner/memory/nested_memory.h"
#include "runner/protocol/api_message.h"
#include "runner/settings/models.h"
#include "runner/tools/registry.h"

namespace runner::agent {

using base::Json;
using protocol::AssistantReply;

namespace {

constexpr int kMaxStructuredOutputRetries = 3;
constexpr int kMaxOutputTokenRecoveries = 3;
constexpr int kMaxStopHookRounds = 8;  // a Stop hook that always blocks must not loop forever
constexpr const char kCutOffNote[] =
    "Your response above was cut off mid-stream. Resume directly from where it stops — no "
    "apology, no recap. If none of it survived, answer the request from the start.";
constexpr const char kMaxTokensNote[] =
    "Output token limit hit. Resume directly from where you stopped — no apology, no recap. "
    "Break remaining work into smaller pieces.";
constexpr const char kStructuredNote[] =
    "You must call the StructuredOutput tool with your final answer before finishing.";

std::vector<tools::Tool*> WithExtras(std::vector<tools::Tool*> tools,
                                     std::initializer_list<tools::Tool*> extras) {
  for (tools::Tool* t : extras) {
    if (t) tools.insert(t->name() == "Task" ? tools.begin() : tools.end(), t);
  }
  return tools;
}

/// Puts `text` first in the first user message (memory is sent, never stored).
void PrependToFirstUserMessage(std::vector<protocol::Message>& messages, const std::string& text) {
  for (protocol::Message& m : messages) {
    if (m.role != "user") continue;
    Json blocks = m.content.is_string() ? base::JsonArray({protocol::TextBlock(m.content.AsString())})
                                        : m.content;
    blocks.items().insert(blocks.items().begin(), protocol::TextBlock(text));
    m.content = std::move(blocks);
    return;
  }
}

tools::ToolContext WithProvider(tools::ToolContext ctx, providers::Provider* provider) {
  ctx.provider = provider;
  return ctx;
}

std::string ErrorCategory(const base::Error& e) {
  if (e.kind == base::ErrorKind::kAuth) return "authentication_failed";
  if (e.http_status == 429) return "rate_limit";
  if (e.http_status >= 500) return "server_error";
  if (e.http_status == 400 || e.http_status == 413) return "invalid_request";
  return "unknown";
}

std::string ApiErrorText(const base::Error& e) {
  if (e.kind == base::ErrorKind::kNetwork) return "API Error: Connection error. " + e.message;
  std::string text = "API Error: ";
  if (e.http_status) text += std::to_string(e.http_status) + " ";
  text += e.message;
  if (e.kind == base::ErrorKind::kAuth && e.message.find("ANTHROPIC_") == std::string::npos) {
    text += " · Check ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN (or your gateway's credentials).";
  }
  return text;
}

}  // namespace

struct Agent::TurnState {
  int64_t start_ms = base::MonotonicMs();
  int64_t api_ms = 0;
  int num_turns = 0;
  int structured_retries = 0;
  int max_token_recoveries = 0;
  int stop_hook_rounds = 0;
  std::string hook_stop_reason;
  std::string last_text;
  std::string last_stop_reason;
  protocol::RunResult result;
  std::optional<int> api_error_status;
};

Agent::Agent(AgentOptions options, EnvironmentFacts facts, providers::Provider& provider,
             std::vector<tools::Tool*> tools, const permissions::Gate& gate,
             tools::ToolContext tool_context, protocol::EventSink& sink,
             base::CancelToken& cancel)
    : options_(std::move(options)),
      facts_(std::move(facts)),
      provider_(provider),
      sink_(sink),
      raw_tool_provider_(tool_context.provider),
      side_provider_(tool_context.provider, usage_),
      base_tools_(std::move(tools)),
      gate_(gate),
      tool_context_(WithProvider(tool_context, tool_context.provider ? &side_provider_ : nullptr)),
      structured_tool_(options_.json_schema
                           ? std::make_unique<StructuredOutputTool>(*options_.json_schema)
                           : nullptr),
      task_tool_(options_.enable_subagents
                     ? std::make_unique<TaskTool>(
                           WithAgentOverrides(LoadAgentDefinitions(options_.agent_dirs),
                                              options_.extra_agents),
                           [this](const Json& input, tools::ToolContext& ctx) {
                             return RunSubagent(input, ctx);
                           })
                     : nullptr),
      dispatcher_(WithExtras(base_tools_, {structured_tool_.get(), task_tool_.get()}), gate,
                  tool_context_, options_.max_tool_concurrency, options_.hooks, Caller(),
                  options_.prompter),
      cancel_(cancel),
      model_(options_.model) {
  std::vector<std::string> names;
  tool_defs_ = Json::MakeArray();
  for (tools::Tool* t : dispatcher_.tools()) {
    names.emplace_back(t->name());
    tool_defs_.Push(tools::ToolDefinition(*t));
  }
  system_ = BuildSystemPrompt(options_, facts_, names);
}

void Agent::LoadHistory(std::vector<protocol::Message> messages) { messages_ = std::move(messages); }

void Agent::EndSession() {
  if (options_.hooks) options_.hooks->Run(hooks::SessionEndInput{}, nullptr);
}

bool Agent::RunPromptHooks(Json& content, std::string& block_reason) {
  const Json& view = content;  // read-only: the mutable items() is for arrays only
  std::string text = view.is_string() ? view.AsString() : "";
  for (const Json& b : view.items()) text += b["text"].AsString();
  hooks::HookResult r = options_.hooks->Run(hooks::UserPromptSubmitInput{text}, &cancel_);
  if (r.stop || r.blocked) {
    block_reason = r.stop ? r.stop_reason : r.reason;
    return false;
  }
  std::vector<std::string> extra = std::move(session_context_);
  session_context_.clear();
  extra.insert(extra.end(), r.additional_context.begin(), r.additional_context.end());
  if (!extra.empty() && content.is_string()) content = base::JsonArray({protocol::TextBlock(content.AsString())});
  for (const std::string& c : extra) content.Push(protocol::TextBlock(c));
  return true;
}

hooks::HookCaller Agent::Caller() const { return {options_.agent_id, options_.agent_type}; }

bool Agent::RunStopHooks(bool already_continued, const std::string& last_text) {
  hooks::HookResult r =
      options_.agent_id.empty()
          ? options_.hooks->Run(hooks::StopInput{already_continued, last_text}, &cancel_)
          : options_.hooks->Run(
                hooks::SubagentStopInput{already_continued, options_.agent_id,
                                         options_.hooks->transcript_path(), options_.agent_type,
                                         last_text},
                &cancel_, Caller());
  if (!r.blocked || r.stop) return false;
  AddSyntheticUserText(r.reason);
  return true;
}

void Agent::RunStopFailureHooks(const base::Error& error, const std::string& last_text) {
  if (!options_.hooks || !options_.agent_id.empty()) return;
  hooks::StopFailureInput input{ErrorCategory(error), ApiErrorText(error), std::nullopt};
  if (!last_text.empty()) input.last_assistant_message = last_text;
  options_.hooks->Run(input, &cancel_);  // the output is ignored, as in Claude Code
}

void Agent::EmitInit(bool resumed) {
  protocol::InitEvent init;
  init.session_id = options_.session_id;
  init.cwd = facts_.cwd.string();
  init.model = model_;
  init.permission_mode = options_.permission_mode;
  init.api_key_source = options_.api_key_source;
  for (tools::Tool* t : dispatcher_.tools()) init.tools.emplace_back(t->name());
  init.slash_commands = options_.slash_commands;
  init.mcp_servers = options_.mcp_servers;
  for (const auto& d : facts_.additional_dirs) init.additional_directories.push_back(d.string());
  init.uuid = base::NewUuid();
  sink_.Emit(init);
  if (options_.hooks) {
    hooks::HookResult r = options_.hooks->Run(
        hooks::SessionStartInput{resumed ? "resume" : "startup", model_}, &cancel_);
    session_context_ = r.additional_context;
  }
}

void Agent::AddSyntheticUserText(const std::string& text, Json leading_blocks) {
  Json content = leading_blocks.is_array() ? std::move(leading_blocks) : Json::MakeArray();
  content.Push(protocol::TextBlock(text));
  protocol::Message m{"user", std::move(content)};
  protocol::UserEvent ev;
  ev.message = m.ToJson();
  ev.uuid = base::NewUuid();
  ev.timestamp = base::IsoTimestamp();
  ev.is_synthetic = true;
  sink_.Emit(ev);
  messages_.push_back(std::move(m));
}

const std::vector<AgentDefinition>& Agent::agent_definitions() const {
  static const std::vector<AgentDefinition> kNone;
  return task_tool_ ? task_tool_->agents() : kNone;
}

void Agent::SetModel(std::string model) {
  std::lock_guard lock(model_mu_);
  requested_model_ = std::move(model);
}

base::Result<AssistantReply> Agent::CallModel(TurnState& st) {
  {
    std::lock_guard lock(model_mu_);
    if (requested_model_) {
      model_ = std::move(*requested_model_);
      requested_model_.reset();
    }
  }
  providers::ModelRequest req;
  req.model = model_;
  req.system = system_;
  req.messages = messages_;
  if (!options_.memory_context.empty()) PrependToFirstUserMessage(req.messages, options_.memory_context);
  req.tools = tool_defs_;
  settings::ModelInfo info = settings::LookupModel(model_);
  req.max_tokens = options_.max_output_tokens > 0 ? options_.max_output_tokens
                                                  : std::min<int64_t>(32000, info.max_output_tokens);
  req.session_id = options_.session_id;
  req.agent_id = options_.agent_id;
  req.parent_agent_id = options_.parent_agent_id;
  req.betas = options_.betas;
  sink_.Emit(protocol::StatusEvent{"requesting", base::NewUuid()});
  StreamRelay relay(sink_);
  int64_t t0 = base::MonotonicMs();
  auto reply = provider_.Send(req, relay, cancel_);
  st.api_ms += base::MonotonicMs() - t0;
  bool overloaded = !reply && (reply.error().http_status == 529 ||
                               reply.error().api_type == "overloaded_error");
  if (overloaded && !options_.fallback_model.empty() && model_ != options_.fallback_model) {
    base::log::Warn("model {} is overloaded; switching to fallback model {}", model_,
                    options_.fallback_model);
    model_ = options_.fallback_model;
    return CallModel(st);
  }
  return reply;
}

TurnOutcome Agent::RejectTurn(const std::string& error) {
  TurnState st;
  st.last_text = error;
  return Finish(st, Outcome::kSetupFailed, "error_during_execution", "turn_setup_failed", {error});
}

TurnOutcome Agent::RunTurn(const Json& user_content, const TurnOverrides& overrides) {
  std::string session_model = model_;
  if (overrides.model) model_ = *overrides.model;
  if (overrides.gate) dispatcher_.SetGate(*overrides.gate);
  base::Defer restore([&] {
    model_ = session_model;
    dispatcher_.SetGate(gate_);
  });
  TurnState st;
  Json content = user_content;
  std::string block_reason;
  bool main_agent = options_.agent_id.empty();
  if (options_.hooks && main_agent && !RunPromptHooks(content, block_reason)) {
    return Finish(st, Outcome::kHookStopped, "error_during_execution", "hook_stopped",
                  {"Prompt blocked by a UserPromptSubmit hook: " + block_reason});
  }
  protocol::Message prompt{"user", content};
  protocol::UserEvent ev;
  ev.message = prompt.ToJson();
  ev.uuid = base::NewUuid();
  ev.timestamp = base::IsoTimestamp();
  ev.is_prompt = true;
  sink_.Emit(ev);
  messages_.push_back(std::move(prompt));
  if (structured_tool_) structured_tool_->Reset();

  while (true) {
    if (cancel_.cancelled()) return FinishCancelled(st, false);
    DeliverBackgroundResults(/*wait=*/false);
    if (options_.max_turns > 0 && st.num_turns >= options_.max_turns) {
      ++st.num_turns;  // the turn we refuse to start counts, as in Claude Code
      return Finish(st, Outcome::kMaxTurns, "error_max_turns", "max_turns",
                    {"Reached maximum number of turns (" + std::to_string(options_.max_turns) + ")"});
    }
    if (options_.max_budget_usd > 0 && usage_.total_cost_usd() >= options_.max_budget_usd) {
      return Finish(st, Outcome::kBudget, "error_max_budget_usd", "budget_exhausted",
                    {fmt::format("Reached maximum budget (${})", options_.max_budget_usd)});
    }
    auto reply = CallModel(st);
    if (!reply) {
      if (reply.error().kind == base::ErrorKind::kInterrupted ||
          reply.error().kind == base::ErrorKind::kTimeout) {
        if (cancel_.cancelled()) return FinishCancelled(st, false);
      }
      return FinishApiError(st, reply.error());
    }
    ++st.num_turns;
    usage_.Add(model_, reply->usage);
    st.last_stop_reason = reply->stop_reason;
    if (!reply->content.empty()) messages_.push_back({"assistant", reply->content});
    std::string text = reply->Text();
    if (!text.empty()) st.last_text = text;

    if (reply->cut_off) {
      // Tool calls that arrived before the break never ran; answer them so the API accepts
      // the history, and ask the model to carry on.
      Json unanswered = Json::MakeArray();
      for (const Json& use : reply->ToolUses()) {
        unanswered.Push(protocol::ToolResultBlock(
            use["id"].AsString(), Json("The response was cut off before this tool ran."), true));
      }
      AddSyntheticUserText(kCutOffNote, std::move(unanswered));
      continue;
    }
    std::vector<Json> tool_uses = reply->ToolUses();
    if (tool_uses.empty()) {
      if (reply->stop_reason == "max_tokens" && st.max_token_recoveries < kMaxOutputTokenRecoveries) {
        ++st.max_token_recoveries;
        AddSyntheticUserText(kMaxTokensNote);
        continue;
      }
      if (DeliverBackgroundResults(/*wait=*/true)) continue;  // let the model read them
      if (options_.hooks && st.stop_hook_rounds < kMaxStopHookRounds &&
          RunStopHooks(st.stop_hook_rounds > 0, text)) {
        ++st.stop_hook_rounds;
        continue;
      }
      if (cancel_.cancelled()) return FinishCancelled(st, false);
      if (structured_tool_ && !structured_tool_->value()) {
        if (st.structured_retries >= kMaxStructuredOutputRetries) {
          return Finish(st, Outcome::kStructuredOutputFailed, "error_max_structured_output_retries",
                        "structured_output_retry_exhausted",
                        {"The model did not provide structured output matching the schema"});
        }
        ++st.structured_retries;
        AddSyntheticUserText(kStructuredNote);
        continue;
      }
      return Finish(st, Outcome::kSuccess, "success", "completed", {});
    }
    HandleToolUses(st, *reply);
    if (cancel_.cancelled()) return FinishCancelled(st, true);
    if (!st.hook_stop_reason.empty()) {
      return Finish(st, Outcome::kHookStopped, "error_during_execution", "hook_stopped",
                    {st.hook_stop_reason});
    }
    if (structured_tool_ && structured_tool_->value()) {
      return Finish(st, Outcome::kSuccess, "success", "completed", {});
    }
  }
}

void Agent::HandleToolUses(TurnState& st, const AssistantReply& reply) {
  std::vector<ToolCallOutcome> outcomes = dispatcher_.RunAll(reply.ToolUses());
  Json blocks = Json::MakeArray();
  for (ToolCallOutcome& o : outcomes) {
    if (o.denied) {
      sink_.Emit(protocol::PermissionDeniedEvent{o.tool_name, o.tool_use_id, o.denial_message,
                                                 base::NewUuid()});
      st.result.permission_denials.Push(base::JsonObject(
          {{"tool_name", o.tool_name}, {"tool_use_id", o.tool_use_id}, {"tool_input", o.tool_input}}));
    }
    protocol::UserEvent ev;
    ev.message = base::JsonObject({{"role", "user"}, {"content", base::JsonArray({o.result_block})}});
    ev.tool_use_result = o.tool_use_result;
    ev.uuid = base::NewUuid();
    ev.timestamp = base::IsoTimestamp();
    sink_.Emit(ev);
    if (o.prompt_interrupt) cancel_.Cancel(base::CancelReason::kTurnInterrupt);
    if (o.hook_stop) st.hook_stop_reason = o.hook_stop_reason.empty() ? "Stopped by a hook" : o.hook_stop_reason;
    blocks.Push(std::move(o.result_block));
  }
  for (std::string& note : NestedMemoryNotes(outcomes)) blocks.Push(protocol::TextBlock(std::move(note)));
  messages_.push_back({"user", std::move(blocks)});
}

std::vector<std::string> Agent::NestedMemoryNotes(const std::vector<ToolCallOutcome>& outcomes) {
  std::vector<std::string> notes;
  if (!options_.nested_memory) return notes;
  for (const ToolCallOutcome& o : outcomes) {
    if (o.tool_name != "Read" || o.denied || o.result_block["is_error"].AsBool()) continue;
    std::filesystem::path path(o.tool_input["file_path"].AsString());
    if (path.empty()) continue;
    if (path.is_relative()) path = facts_.cwd / path;
    for (const memory::MemoryFile& f : options_.nested_memory->ForRead(path)) {
      notes.push_back(memory::NestedReminder(f));
    }
  }
  return notes;
}

TurnOutcome Agent::Finish(TurnState& st, Outcome outcome, std::string subtype,
                          std::string terminal_reason, std::vector<std::string> errors) {
  protocol::RunResult& r = st.result;
  r.subtype = std::move(subtype);
  r.is_error = outcome != Outcome::kSuccess;
  r.duration_ms = base::MonotonicMs() - st.start_ms;
  r.duration_api_ms = st.api_ms;
  r.num_turns = st.num_turns;
  r.result = st.last_text;
  r.session_id = options_.session_id;
  r.total_cost_usd = usage_.total_cost_usd();
  r.usage = usage_.last_usage();
  r.model_usage = usage_.by_model();
  r.terminal_reason = std::move(terminal_reason);
  r.errors = std::move(errors);
  r.stop_reason = st.last_stop_reason;
  r.api_error_status = st.api_error_status;
  if (structured_tool_ && structured_tool_->value()) r.structured_output = structured_tool_->value();
  r.uuid = base::NewUuid();
  sink_.Emit(protocol::ResultEvent{r});
  return {outcome, r};
}

TurnOutcome Agent::FinishCancelled(TurnState& st, bool during_tools) {
  base::CancelReason why = cancel_.reason();
  Outcome outcome = why == base::CancelReason::kDeadline    ? Outcome::kTimeout
                    : why == base::CancelReason::kTerminate ? Outcome::kTerminated
                                                            : Outcome::kInterrupted;
  std::string message = outcome == Outcome::kTimeout      ? "Run timed out (--timeout reached)"
                        : outcome == Outcome::kTerminated ? "Run terminated by SIGTERM"
                        : why == base::CancelReason::kTurnInterrupt
                            ? "Turn interrupted by the SDK host"
                            : "Run interrupted by SIGINT";
  return Finish(st, outcome, "error_during_execution",
                during_tools ? "aborted_tools" : "aborted_streaming", {message});
}

TurnOutcome Agent::FinishApiError(TurnState& st, const base::Error& error) {
  std::string text = ApiErrorText(error);
  protocol::AssistantEvent ev;
  ev.message = protocol::ApiErrorMessageJson(text);
  ev.uuid = base::NewUuid();
  ev.timestamp = base::IsoTimestamp();
  if (error.http_status) ev.api_error_status = error.http_status;
  ev.error = ErrorCategory(error);
  ev.api_error_type = error.api_type.empty() ? "api_error" : error.api_type;
  sink_.Emit(ev);
  RunStopFailureHooks(error, st.last_text);
  st.last_text = text;
  if (error.http_status) st.api_error_status = error.http_status;
  // Claude Code reports an API failure as subtype "success" with is_error set.
  Outcome outcome = error.kind == base::ErrorKind::kAuth ? Outcome::kAuthError : Outcome::kApiError;
  return Finish(st, outcome, "success", "api_error", {});
}

}  // namespace runner::agent
