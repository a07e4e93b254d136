#pragma once
/// The JSON a hook reads on stdin (sdk-types/04-hooks: BaseHookInput & <Event>HookInput): the
/// common fields, `hook_event_name`, then the event's own fields. One struct per event builds
/// those fields with Claude Code's names, so the agent cannot misspell them.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "runner/base/json.h"
#include "runner/hooks/hook_event.h"

namespace runner::hooks {

/// Where and for whom hooks run: the session facts of the common input fields, and the process
/// environment of every hook command.
struct HookEnv {
  std::filesystem::path project_dir;  ///< exported as CLAUDE_PROJECT_DIR
  std::map<std::string, std::string>
      env;  ///< the hooks' whole environment (settings `env` applied)
  std::string session_id;
  std::string transcript_path;
  std::string cwd;              ///< also the hooks' working directory
  std::string permission_mode;  ///< "default", "plan", …; empty = omitted
  std::string agent_id;         ///< inside a subagent; empty = omitted
  std::string agent_type;       ///< inside a subagent; empty = omitted
};

/// `{session_id, transcript_path, cwd, permission_mode?, agent_id?, agent_type?,
/// hook_event_name, …event_fields}`. An event field with a common name (SubagentStop's
/// agent_id) replaces the common one.
base::Json BuildHookInput(HookEvent event, const HookEnv& env, const base::Json& event_fields);

// Each event's own fields. `Fields()` is the JSON object of BuildHookInput's `event_fields`,
// `MatchValue()` what the event's matcher is compared with (hook_event.h MatchField).

struct PreToolUseInput {
  static constexpr HookEvent kEvent = HookEvent::kPreToolUse;
  std::string tool_name;
  base::Json tool_input;
  std::string tool_use_id;
  base::Json Fields() const;
  std::string MatchValue() const { return tool_name; }
};

struct PostToolUseInput {
  static constexpr HookEvent kEvent = HookEvent::kPostToolUse;
  std::string tool_name;
  base::Json tool_input;
  base::Json tool_response;  ///< the structured result (stream-json's tool_use_result)
  std::string tool_use_id;
  std::optional<int64_t> duration_ms;
  base::Json Fields() const;
  std::string MatchValue() const { return tool_name; }
};

struct PostToolUseFailureInput {
  static constexpr HookEvent kEvent = HookEvent::kPostToolUseFailure;
  std::string tool_name;
  base::Json tool_input;
  std::string tool_use_id;
  std::string error;
  std::optional<bool> is_interrupt;
  std::optional<int64_t> duration_ms;
  base::Json Fields() const;
  std::string MatchValue() const { return tool_name; }
};

struct PermissionRequestInput {
  static constexpr HookEvent kEvent = HookEvent::kPermissionRequest;
  std::string tool_name;
  base::Json tool_input;
  base::Json permission_suggestions;  ///< PermissionUpdate[]; null = omitted
  base::Json Fields() const;
  std::string MatchValue() const { return tool_name; }
};

struct PermissionDeniedInput {
  static constexpr HookEvent kEvent = HookEvent::kPermissionDenied;
  std::string tool_name;
  base::Json tool_input;
  std::string tool_use_id;
  std::string reason;
  base::Json Fields() const;
  std::string MatchValue() const { return tool_name; }
};

struct NotificationInput {
  static constexpr HookEvent kEvent = HookEvent::kNotification;
  std::string message;
  std::string notification_type;  ///< e.g. "permission_prompt", "idle_prompt"
  std::string title;              ///< empty = omitted
  base::Json Fields() const;
  std::string MatchValue() const { return notification_type; }
};

struct UserPromptSubmitInput {
  static constexpr HookEvent kEvent = HookEvent::kUserPromptSubmit;
  std::string prompt;
  base::Json Fields() const;
  std::string MatchValue() const { return {}; }
};

struct SessionStartInput {
  static constexpr HookEvent kEvent = HookEvent::kSessionStart;
  std::string source = "startup";  ///< startup | resume | clear | compact | fork
  std::string model;               ///< empty = omitted
  base::Json Fields() const;
  std::string MatchValue() const { return source; }
};

struct SessionEndInput {
  static constexpr HookEvent kEvent = HookEvent::kSessionEnd;
  std::string reason =
      "other";  ///< ExitReason: clear | resume | logout | prompt_input_exit | other
  base::Json Fields() const;
  std::string MatchValue() const { return reason; }
};

struct StopInput {
  static constexpr HookEvent kEvent = HookEvent::kStop;
  bool stop_hook_active = false;  ///< true when already continuing because of a Stop hook
  std::optional<std::string> last_assistant_message;
  base::Json Fields() const;
  std::string MatchValue() const { return {}; }
};

struct StopFailureInput {
  static constexpr HookEvent kEvent = HookEvent::kStopFailure;
  std::string error;  ///< SDKAssistantMessageError: "rate_limit", "server_error", …
  std::optional<std::string> error_details;
  std::optional<std::string> last_assistant_message;
  base::Json Fields() const;
  std::string MatchValue() const { return error; }
};

struct SubagentStartInput {
  static constexpr HookEvent kEvent = HookEvent::kSubagentStart;
  std::string agent_id;
  std::string agent_type;
  base::Json Fields() const;
  std::string MatchValue() const { return agent_type; }
};

struct SubagentStopInput {
  static constexpr HookEvent kEvent = HookEvent::kSubagentStop;
  bool stop_hook_active = false;
  std::string agent_id;
  std::string agent_transcript_path;
  std::string agent_type;
  std::optional<std::string> last_assistant_message;
  base::Json Fields() const;
  std::string MatchValue() const { return agent_type; }
};

struct PreCompactInput {
  static constexpr HookEvent kEvent = HookEvent::kPreCompact;
  std::string trigger = "auto";                    ///< manual | auto
  std::optional<std::string> custom_instructions;  ///< nullopt = JSON null
  base::Json Fields() const;
  std::string MatchValue() const { return trigger; }
};

struct PostCompactInput {
  static constexpr HookEvent kEvent = HookEvent::kPostCompact;
  std::string trigger = "auto";
  std::string compact_summary;
  base::Json Fields() const;
  std::string MatchValue() const { return trigger; }
};

}  // namespace runner::hooks
