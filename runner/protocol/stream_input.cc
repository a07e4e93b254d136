#include "runner/protocol/stream_input.h"

#include <array>
#include <utility>

namespace runner::protocol {
namespace {

using base::ErrorKind;
using base::Fail;
using base::Result;

struct KindName {
  std::string_view type;
  InputKind kind;
};
constexpr std::array<KindName, 5> kKinds = {{
    {"user", InputKind::kUser},
    {"control_request", InputKind::kControlRequest},
    {"control_response", InputKind::kControlResponse},
    {"control_cancel_request", InputKind::kControlCancelRequest},
    {"keep_alive", InputKind::kKeepAlive},
}};

std::unexpected<base::Error> InputError(std::string what) {
  return Fail(ErrorKind::kParse, "stream-json input: " + std::move(what));
}

bool IsBlockArray(const Json& content) {
  if (!content.is_array()) return false;
  for (const Json& block : content.items()) {
    if (!block.is_object() || !block["type"].is_string()) return false;
  }
  return true;
}

Result<void> ReadUser(const Json& line, InputMessage* out) {
  const Json& message = line["message"];
  if (!message.is_object()) return InputError("user line has no \"message\" object");
  if (message["role"].AsString() != "user") {
    return InputError("user line has message.role \"" + message["role"].StringOr("") +
                      "\" (expected \"user\")");
  }
  const Json& content = message["content"];
  if (!content.is_string() && !IsBlockArray(content)) {
    return InputError("message.content must be a string or an array of content blocks");
  }
  out->message = Message{.role = "user", .content = content};
  out->session_id = line["session_id"].AsString();
  out->parent_tool_use_id = line["parent_tool_use_id"].AsString();
  out->uuid = line["uuid"].AsString();
  return {};
}

}  // namespace

Result<InputMessage> ParseInputLine(std::string_view text) {
  auto parsed = Json::Parse(text);
  if (!parsed) return InputError(parsed.error().message);
  if (!parsed->is_object()) return InputError("each line must be a JSON object");
  const std::string& type = (*parsed)["type"].AsString();
  const KindName* found = nullptr;
  for (const KindName& k : kKinds) {
    if (k.type == type) found = &k;
  }
  if (found == nullptr) {
    return InputError("unsupported message type \"" + type +
                      "\" (expected \"user\" or \"control_request\")");
  }
  InputMessage out;
  out.kind = found->kind;
  if (out.kind == InputKind::kUser) TRY_VOID(ReadUser(*parsed, &out));
  out.raw = std::move(*parsed);
  return out;
}

}  // namespace runner::protocol
