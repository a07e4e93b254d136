#include "runner/output/stream_lines.h"

#include "runner/protocol/sdk_json.h"

namespace runner::output {

using protocol::Event;

bool StreamLines::Prints(const Event& event) const {
  if (std::holds_alternative<protocol::PartialEvent>(event) ||
      std::holds_alternative<protocol::StatusEvent>(event)) {
    return options_.include_partial_messages;
  }
  if (const auto* user = std::get_if<protocol::UserEvent>(&event); user && user->is_prompt) {
    return options_.replay_user_messages;
  }
  if (std::holds_alternative<protocol::HookEvent>(event)) return options_.include_hook_events;
  // Control messages are for an SDK host, which always reads stream-json.
  if (std::holds_alternative<protocol::ControlEvent>(event)) {
    return options_.format == OutputFormat::kStreamJson;
  }
  return true;
}

std::optional<base::Json> StreamLines::Next(const Event& event) {
  if (const auto* init = std::get_if<protocol::InitEvent>(&event)) {
    if (!init->session_id.empty()) session_id_ = init->session_id;
  }
  if (const auto* result = std::get_if<protocol::ResultEvent>(&event)) {
    if (!result->result.session_id.empty()) session_id_ = result->result.session_id;
  }
  if (!Prints(event)) return std::nullopt;
  if (const auto* user = std::get_if<protocol::UserEvent>(&event); user && user->is_prompt) {
    protocol::UserEvent replay = *user;
    replay.is_replay = true;
    return protocol::UserToJson(replay, session_id_);
  }
  return protocol::ToStreamJson(event, session_id_);
}

}  // namespace runner::output
