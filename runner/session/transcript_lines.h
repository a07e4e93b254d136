#pragma once
/// Transcript line shapes (Claude Code's JSONL): pure builders used by TranscriptWriter.

#include <string>

#include "runner/protocol/events.h"
#include "runner/session/transcript.h"

namespace runner::session {

/// `{"parentUuid","isSidechain","userType":"external","cwd","sessionId","version","gitBranch",
/// "type":"user","message","uuid","timestamp","toolUseResult"?}`. `parent_uuid` empty = null;
/// an empty uuid or timestamp in the event is filled in. isSidechain is true for subagent
/// messages (parent_tool_use_id set).
base::Json UserLine(const protocol::UserEvent& e, const TranscriptContext& context,
                    const std::string& parent_uuid);

/// The same common fields plus `"requestId"` (when known), `"type":"assistant"`, the full API
/// message, and `"isApiErrorMessage":true` for API-error messages (protocol::IsApiErrorEvent).
base::Json AssistantLine(const protocol::AssistantEvent& e, const TranscriptContext& context,
                         const std::string& parent_uuid);

}  // namespace runner::session
