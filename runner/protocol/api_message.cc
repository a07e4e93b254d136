#include "runner/protocol/api_message.h"

#include "runner/base/uuid.h"

namespace runner::protocol {

using base::JsonArray;
using base::JsonObject;
namespace {

constexpr const char kSyntheticModel[] = "<synthetic>";

}  // namespace

Json AssistantMessageJson(const AssistantReply& reply) {
  return JsonObject({
      {"id", reply.id},
      {"type", "message"},
      {"role", "assistant"},
      {"model", reply.model},
      {"content", reply.content.is_array() ? reply.content : Json::MakeArray()},
      {"stop_reason", reply.stop_reason.empty() ? Json() : Json(reply.stop_reason)},
      {"stop_sequence", reply.stop_sequence},
      {"usage", reply.usage.ToMessageJson()},
      {"context_management", nullptr},
  });
}

Json ApiErrorMessageJson(const std::string& text) {
  return JsonObject({
      {"diagnostics", nullptr},
      {"id", base::NewUuid()},
      {"container", nullptr},
      {"model", kSyntheticModel},
      {"role", "assistant"},
      {"stop_details", nullptr},
      {"stop_reason", "stop_sequence"},
      {"stop_sequence", ""},
      {"type", "message"},
      {"usage", Usage{}.ToMessageJson()},
      {"content", JsonArray({TextBlock(text)})},
      {"context_management", nullptr},
  });
}

bool IsSyntheticMessage(const Json& message) {
  return message["model"].AsString() == kSyntheticModel;
}

bool IsApiErrorEvent(const AssistantEvent& event) {
  return event.api_error_status.has_value() || IsSyntheticMessage(event.message);
}

}  // namespace runner::protocol
