#pragma once
/// Turns the messages recorded in a transcript into a history the Messages API accepts.

#include <vector>

#include "runner/protocol/messages.h"

namespace runner::session {

/// The text of the error tool_result added for a tool_use that never got its result.
inline constexpr const char kInterruptedToolResult[] = "Tool execution was interrupted";

/// Repairs recorded messages, in order:
///  1. adjacent messages of the same role merge into one (content concatenated; a string
///     content becomes a text block when merged), empty messages are dropped;
///  2. tool_result blocks that answer no tool_use of the preceding assistant message are
///     dropped (and messages left empty, then step 1 again);
///  3. every tool_use without a tool_result in the next user message gets an error
///     tool_result (kInterruptedToolResult), in a new user message if none follows.
std::vector<protocol::Message> RepairHistory(std::vector<protocol::Message> messages);

}  // namespace runner::session
