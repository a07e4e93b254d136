#include "runner/session/transcript_lines.h"

#include "runner/base/clock.h"
#include "runner/base/uuid.h"
#include "runner/protocol/api_message.h"

namespace runner::session {
namespace {

using base::Json;

Json CommonFields(const TranscriptContext& c, const std::string& parent_uuid, bool sidechain) {
  return base::JsonObject({
      {"parentUuid", parent_uuid.empty() ? Json() : Json(parent_uuid)},
      {"isSidechain", sidechain},
      {"userType", "external"},
      {"cwd", c.cwd.string()},
      {"sessionId", c.session_id},
      {"version", c.version},
      {"gitBranch", c.git_branch},
  });
}

std::string UuidOrNew(const std::string& uuid) { return uuid.empty() ? base::NewUuid() : uuid; }
std::string TimestampOrNow(const std::string& ts) { return ts.empty() ? base::IsoTimestamp() : ts; }

}  // namespace

Json UserLine(const protocol::UserEvent& e, const TranscriptContext& context,
              const std::string& parent_uuid) {
  Json line = CommonFields(context, parent_uuid, !e.parent_tool_use_id.empty());
  line.Set("type", "user");
  line.Set("message", e.message);
  line.Set("uuid", UuidOrNew(e.uuid));
  line.Set("timestamp", TimestampOrNow(e.timestamp));
  if (!e.tool_use_result.is_null()) line.Set("toolUseResult", e.tool_use_result);
  return line;
}

Json AssistantLine(const protocol::AssistantEvent& e, const TranscriptContext& context,
                   const std::string& parent_uuid) {
  Json line = CommonFields(context, parent_uuid, !e.parent_tool_use_id.empty());
  if (!e.request_id.empty()) line.Set("requestId", e.request_id);
  line.Set("type", "assistant");
  line.Set("message", e.message);
  line.Set("uuid", UuidOrNew(e.uuid));
  line.Set("timestamp", TimestampOrNow(e.timestamp));
  if (protocol::IsApiErrorEvent(e)) line.Set("isApiErrorMessage", true);
  return line;
}

}  // namespace runner::session
