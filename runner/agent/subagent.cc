// The Agent's subagent support (the Task tool's work): foreground and background subagents.
#include <atomic>
#include <thread>

#include "runner/agent/agent.h"
#include "runner/agent/background_agent.h"
#include "runner/base/clock.h"
#include "runner/base/uuid.h"
#include "runner/hooks/hook_runner.h"
#include "runner/protocol/result_json.h"
#include "runner/settings/models.h"

namespace runner::agent {

using base::Json;

Agent::~Agent() {
  // Background subagents watch the same cancel token; wait for them so none outlives us.
  std::lock_guard<std::mutex> lock(background_mu_);
  for (auto& b : background_) {
    if (b->thread.joinable()) b->thread.join();
  }
}

namespace {

constexpr const char kSubagentRole[] =
    "You are a subagent started by another agent through the Task tool. Work on the task you "
    "are given on your own, using the tools available, then reply with one final message that "
    "contains everything the other agent needs: findings, file paths, what you changed. That "
    "message is all it will see.";

const AgentDefinition* FindDefinition(const std::vector<AgentDefinition>& defs,
                                      const std::string& name) {
  for (const AgentDefinition& d : defs) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

int CountToolUses(const std::vector<protocol::Message>& messages) {
  int n = 0;
  for (const protocol::Message& m : messages) {
    if (m.role != "assistant") continue;
    for (const Json& b : m.content.items()) n += b["type"].AsString() == "tool_use";
  }
  return n;
}

}  // namespace

tools::ToolResult Agent::RunSubagent(const Json& input, tools::ToolContext& ctx) {
  std::string type = input["subagent_type"].StringOr("general-purpose");
  if (!FindDefinition(task_tool_->agents(), type)) {
    std::string names;
    for (const AgentDefinition& d : task_tool_->agents()) names += (names.empty() ? "" : ", ") + d.name;
    return tools::ToolResult::Error("Agent type '" + type + "' not found. Available agents: " + names);
  }
  std::string agent_id = "agent_" + base::NewUuid().substr(0, 8);
  const permissions::Gate& gate = dispatcher_.gate();  // this turn's (a command may widen it)
  if (!input["run_in_background"].AsBool()) return RunSubagentNow(input, ctx.tool_use_id, agent_id, gate);
  auto bg = std::make_unique<BackgroundAgent>();
  bg->id = agent_id;
  bg->description = input["description"].AsString();
  BackgroundAgent* raw = bg.get();
  std::string tool_use_id = ctx.tool_use_id;
  const permissions::Gate* turn_gate = &gate;
  raw->thread = std::thread([this, raw, input, tool_use_id, turn_gate] {
    raw->result = RunSubagentNow(input, tool_use_id, raw->id, *turn_gate);
    raw->done = true;
  });
  {
    std::lock_guard<std::mutex> lock(background_mu_);
    background_.push_back(std::move(bg));
  }
  tools::ToolResult r;
  r.content = Json("Started background agent " + agent_id + " (" + raw->description +
                   "). Its final report will be delivered to you when it finishes; continue "
                   "with other work meanwhile.");
  r.structured = base::JsonObject({{"status", "async_launched"},
                                   {"isAsync", true},
                                   {"agentId", agent_id},
                                   {"description", raw->description},
                                   {"prompt", input["prompt"]}});
  return r;
}

tools::ToolResult Agent::RunSubagentNow(const Json& input, const std::string& tool_use_id,
                                        const std::string& agent_id, const permissions::Gate& gate) {
  int64_t start = base::MonotonicMs();
  const AgentDefinition& def =
      *FindDefinition(task_tool_->agents(), input["subagent_type"].StringOr("general-purpose"));
  AgentOptions o;
  std::string model = input["model"].StringOr(def.model);
  o.model = model.empty() || model == "inherit" ? model_ : settings::ResolveModel(model, options_.env);
  o.session_id = options_.session_id;
  o.system_prompt = std::nullopt;
  o.append_system_prompt = std::string(kSubagentRole) + (def.system_prompt.empty() ? "" : "\n\n" + def.system_prompt);
  o.max_tool_concurrency = options_.max_tool_concurrency;
  o.betas = options_.betas;
  o.api_key_source = options_.api_key_source;
  o.permission_mode = options_.permission_mode;
  o.agent_id = agent_id;
  o.agent_type = def.name;
  o.parent_agent_id = options_.agent_id;
  o.enable_subagents = false;  // subagents do not start subagents
  o.env = options_.env;
  o.hooks = options_.hooks;  // tool hooks apply to the subagent's calls too
  o.prompter = options_.prompter;  // and the host decides its undecided calls
  o.memory_context = options_.memory_context;  // subagents follow CLAUDE.md too
  o.nested_memory = options_.nested_memory;
  std::vector<tools::Tool*> tools;
  for (tools::Tool* t : base_tools_) {
    bool wanted = !def.tools || std::find(def.tools->begin(), def.tools->end(), t->name()) != def.tools->end();
    if (wanted) tools.push_back(t);
  }
  SubagentSink sink(sink_, tool_use_id);
  tools::ToolContext child_context = tool_context_;
  child_context.provider = raw_tool_provider_;  // the child counts its own side requests
  Agent child(std::move(o), facts_, provider_, tools, gate, child_context, sink, cancel_);
  Json prompt = input["prompt"];
  std::vector<std::string> context = RunSubagentStartHooks(agent_id, def.name);
  if (!context.empty()) {
    prompt = base::JsonArray({protocol::TextBlock(prompt.AsString())});
    for (const std::string& c : context) prompt.Push(protocol::TextBlock(c));
  }
  TurnOutcome out = child.RunTurn(prompt);
  usage_.Absorb(child.usage());

  tools::ToolResult r;
  std::string text = out.result.result.empty() ? "(the agent gave no final message)" : out.result.result;
  if (out.outcome != Outcome::kSuccess) {
    text = "The agent stopped early (" + out.result.subtype + "): " +
           (out.result.errors.empty() ? text : out.result.errors.front());
    r.is_error = true;
  }
  r.content = base::JsonArray({protocol::TextBlock(text)});
  r.structured = base::JsonObject({{"agentId", agent_id},
                                   {"agentType", def.name},
                                   {"content", base::JsonArray({protocol::TextBlock(text)})},
                                   {"resolvedModel", child.model_},
                                   {"totalToolUseCount", CountToolUses(child.messages())},
                                   {"totalDurationMs", base::MonotonicMs() - start},
                                   {"totalTokens", child.usage().total_tokens()},
                                   {"usage", protocol::ResultUsageJson(child.usage().total_usage())},
                                   {"status", "completed"},
                                   {"prompt", input["prompt"]}});
  return r;
}

std::vector<std::string> Agent::RunSubagentStartHooks(const std::string& agent_id,
                                                     const std::string& agent_type) {
  if (!options_.hooks) return {};
  hooks::HookResult r =
      options_.hooks->Run(hooks::SubagentStartInput{agent_id, agent_type}, &cancel_, Caller());
  return r.additional_context;  // SubagentStart cannot block; its context reaches the subagent
}

bool Agent::DeliverBackgroundResults(bool wait) {
  std::vector<BackgroundAgent*> ready;
  {
    std::lock_guard<std::mutex> lock(background_mu_);
    for (auto& b : background_) {
      if (b->delivered) continue;
      while (wait && !b->done && !cancel_.cancelled()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (b->done) {
        b->thread.join();
        b->delivered = true;
        ready.push_back(b.get());
      }
    }
  }
  for (BackgroundAgent* b : ready) {
    std::string text;
    for (const Json& block : b->result.content.items()) text += block["text"].AsString();
    AddSyntheticUserText("<task-notification>\nBackground agent " + b->id + " (" + b->description +
                         ") " + (b->result.is_error ? "failed" : "finished") + ":\n" + text +
                         "\n</task-notification>");
  }
  return !ready.empty();
}

}  // namespace runner::agent
