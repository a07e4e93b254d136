#pragma once
/// The agent module owns the turn loop: system prompt, provider calls, tool dispatch
/// (permissions → tool), budgets and limits, and the final result of every user turn.
/// It reports everything as protocol events and never prints.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runner/agent/options.h"
#include "runner/agent/serialized_sink.h"
#include "runner/agent/side_request_provider.h"
#include "runner/agent/structured_output.h"
#include "runner/agent/task_tool.h"
#include "runner/agent/tool_dispatcher.h"
#include "runner/agent/usage_tracker.h"
#include "runner/base/cancel.h"
#include "runner/permissions/gate.h"
#include "runner/protocol/events.h"
#include "runner/providers/provider.h"

namespace runner::agent {

/// Why a turn ended; cli/ maps it to an exit code.
enum class Outcome {
  kSuccess,
  kMaxTurns,
  kBudget,
  kStructuredOutputFailed,
  kTimeout,      ///< the --timeout deadline
  kInterrupted,  ///< SIGINT
  kTerminated,   ///< SIGTERM
  kAuthError,
  kApiError,
  kHookStopped,  ///< a hook blocked the prompt or said continue:false
  kSetupFailed,  ///< the turn could not start (a slash command could not be expanded)
};

/// What a custom slash command changes for the one turn it runs in.
struct TurnOverrides {
  std::optional<std::string> model;         ///< the model for this turn
  const permissions::Gate* gate = nullptr;  ///< borrowed, outlives the Agent; the turn's gate
};

struct TurnOutcome {
  Outcome outcome = Outcome::kSuccess;
  protocol::RunResult result;
};

class Agent {
 public:
  /// All references are borrowed and must outlive the Agent.
  Agent(AgentOptions options, EnvironmentFacts facts, providers::Provider& provider,
        std::vector<tools::Tool*> tools, const permissions::Gate& gate,
        tools::ToolContext tool_context, protocol::EventSink& sink, base::CancelToken& cancel);
  ~Agent();

  /// Seeds the conversation (resume / continue).
  void LoadHistory(std::vector<protocol::Message> messages);
  /// Emits system/init, then runs the SessionStart hooks (`resumed`: source "resume").
  void EmitInit(bool resumed = false);
  /// Runs the SessionEnd hooks (call once, on every way out).
  void EndSession();
  /// Runs one user turn (content: a string or an array of blocks) until the model finishes or a
  /// limit stops it. Emits events and the final result, which it also returns.
  TurnOutcome RunTurn(const base::Json& user_content, const TurnOverrides& overrides = {});
  /// Ends a turn that could not start, without calling the model: emits an error result whose
  /// `result` and `errors` hold `error` (terminal_reason "turn_setup_failed").
  TurnOutcome RejectTurn(const std::string& error);
  /// Uses `model` from the next model request on (the SDK host's `set_model`). Thread-safe.
  void SetModel(std::string model);
  const std::vector<protocol::Message>& messages() const { return messages_; }
  const UsageTracker& usage() const { return usage_; }
  /// The subagent types the Task tool offers (empty when subagents are off).
  const std::vector<AgentDefinition>& agent_definitions() const;

 private:
  struct BackgroundAgent;
  struct TurnState;
  base::Result<protocol::AssistantReply> CallModel(TurnState& st);
  TurnOutcome Finish(TurnState& st, Outcome outcome, std::string subtype,
                     std::string terminal_reason, std::vector<std::string> errors);
  TurnOutcome FinishCancelled(TurnState& st, bool during_tools);
  TurnOutcome FinishApiError(TurnState& st, const base::Error& error);
  /// Appends (and reports) a runner-written user message: `leading_blocks` then `text`.
  void AddSyntheticUserText(const std::string& text, base::Json leading_blocks = {});
  void HandleToolUses(TurnState& st, const protocol::AssistantReply& reply);
  /// The `<system-reminder>` blocks of CLAUDE.md files that the successful Reads in `outcomes`
  /// bring in (see memory::NestedMemory).
  std::vector<std::string> NestedMemoryNotes(const std::vector<ToolCallOutcome>& outcomes);
  /// The Task tool's work: a foreground subagent, or one started in the background.
  tools::ToolResult RunSubagent(const base::Json& input, tools::ToolContext& ctx);
  tools::ToolResult RunSubagentNow(const base::Json& input, const std::string& tool_use_id,
                                   const std::string& agent_id, const permissions::Gate& gate);
  /// Feeds finished background agents' results to the model; with `wait`, first waits for
  /// every one still running (or the cancel token). Returns true when something was fed.
  bool DeliverBackgroundResults(bool wait);

  /// UserPromptSubmit: may block the prompt (returns false) or add context to it.
  bool RunPromptHooks(base::Json& content, std::string& block_reason);
  /// Stop (SubagentStop in a subagent): may keep the turn going with feedback for the model
  /// (returns true).
  bool RunStopHooks(bool already_continued, const std::string& last_text);
  /// StopFailure, when the main agent's turn ends on an API error (its output is ignored).
  void RunStopFailureHooks(const base::Error& error, const std::string& last_text);
  /// SubagentStart for a subagent about to run; returns the hooks' additionalContext for it.
  std::vector<std::string> RunSubagentStartHooks(const std::string& agent_id,
                                                 const std::string& agent_type);
  /// Whose hooks these are: empty for the main agent, else the subagent's id and type.
  hooks::HookCaller Caller() const;

  AgentOptions options_;
  std::vector<std::string> session_context_;  // SessionStart additional context, for the 1st prompt
  EnvironmentFacts facts_;
  providers::Provider& provider_;
  SerializedSink sink_;
  UsageTracker usage_;
  providers::Provider* raw_tool_provider_;  // borrowed; what tools were given (for subagents)
  SideRequestProvider side_provider_;       // what tools get: counts their requests' usage
  std::vector<tools::Tool*> base_tools_;  // borrowed; what subagents may be given
  const permissions::Gate& gate_;
  tools::ToolContext tool_context_;
  std::unique_ptr<StructuredOutputTool> structured_tool_;
  std::unique_ptr<TaskTool> task_tool_;
  ToolDispatcher dispatcher_;
  base::CancelToken& cancel_;
  std::mutex background_mu_;
  std::vector<std::unique_ptr<BackgroundAgent>> background_;
  std::vector<protocol::Message> messages_;
  std::string model_;
  std::mutex model_mu_;  // guards requested_model_
  std::optional<std::string> requested_model_;
  base::Json system_;
  base::Json tool_defs_;
};

}  // namespace runner::agent
