#include "runner/providers/replay_answer.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace runner::providers {

using base::Json;
using base::JsonObject;

namespace {

/// Splits `text` into about `parts` pieces (at least `min_piece` bytes each) without cutting
/// a UTF-8 sequence.
std::vector<std::string> Pieces(std::string_view text, size_t parts, size_t min_piece) {
  std::vector<std::string> out;
  size_t size = std::max(min_piece, (text.size() + parts - 1) / parts);
  while (!text.empty()) {
    size_t n = std::min(size, text.size());
    while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) ++n;
    out.emplace_back(text.substr(0, n));
    text.remove_prefix(n);
  }
  return out;
}

std::string Frame(const Json& event) {
  return fmt::format("event: {}\ndata: {}\n\n", event["type"].AsString(), event.Dump());
}

Json Delta(size_t index, Json delta) {
  return JsonObject(
      {{"type", "content_block_delta"}, {"index", index}, {"delta", std::move(delta)}});
}

Json TypedDelta(std::string_view type, std::string_view key, std::string_view value) {
  return JsonObject({{"type", Json(type)}, {std::string(key), Json(value)}});
}

/// The content_block_start block and the deltas that rebuild `block`.
std::pair<Json, std::vector<Json>> Decompose(const Json& block) {
  Json start = block;
  std::vector<Json> deltas;
  const std::string& type = block["type"].AsString();
  if (type == "text") {
    start.Set("text", "");
    for (auto& p : Pieces(block["text"].AsString(), 3, 16)) {
      deltas.push_back(TypedDelta("text_delta", "text", p));
    }
  } else if (type == "tool_use") {
    start = JsonObject({{"type", "tool_use"},
                        {"id", block["id"]},
                        {"name", block["name"]},
                        {"input", Json::MakeObject()}});
    for (const auto& [key, value] : block.members()) {
      if (!start.Contains(key)) start.Set(key, value);
    }
    deltas.push_back(TypedDelta("input_json_delta", "partial_json", ""));
    for (auto& p : Pieces(block["input"].Dump(), 3, 16)) {
      deltas.push_back(TypedDelta("input_json_delta", "partial_json", p));
    }
  } else if (type == "thinking") {
    start.Set("thinking", "").Set("signature", "");
    for (auto& p : Pieces(block["thinking"].AsString(), 3, 16)) {
      deltas.push_back(TypedDelta("thinking_delta", "thinking", p));
    }
    const std::string& signature = block["signature"].AsString();
    if (!signature.empty()) deltas.push_back(TypedDelta("signature_delta", "signature", signature));
  }
  return {std::move(start), std::move(deltas)};
}

void AppendBlockFrames(const Json& block, size_t index, std::vector<std::string>& frames) {
  auto [start, deltas] = Decompose(block);
  frames.push_back(Frame(
      JsonObject({{"type", "content_block_start"}, {"index", index}, {"content_block", start}})));
  for (Json& delta : deltas) frames.push_back(Frame(Delta(index, std::move(delta))));
  frames.push_back(Frame(JsonObject({{"type", "content_block_stop"}, {"index", index}})));
}

Json MessageStart(const std::string& model, size_t msg_index, Json usage) {
  usage.Set("output_tokens", 1);
  usage.Set("service_tier", "standard");
  Json message = JsonObject({{"id", ReplayMessageId(msg_index)},
                             {"type", "message"},
                             {"role", "assistant"},
                             {"model", model},
                             {"content", Json::MakeArray()},
                             {"stop_reason", nullptr},
                             {"stop_sequence", nullptr},
                             {"usage", std::move(usage)}});
  return JsonObject({{"type", "message_start"}, {"message", std::move(message)}});
}

Json ErrorJson(std::string_view type, std::string_view message) {
  return JsonObject(
      {{"type", "error"}, {"error", JsonObject({{"type", type}, {"message", message}})}});
}

ReplayAnswer ErrorAnswer(int status, std::string_view type, std::string_view message) {
  ReplayAnswer answer;
  answer.status = status;
  answer.body = ErrorJson(type, message).Dump();
  return answer;
}

std::string FormatSeconds(double seconds) {
  if (seconds == static_cast<double>(static_cast<int64_t>(seconds))) {
    return std::to_string(static_cast<int64_t>(seconds));
  }
  return fmt::format("{}", seconds);
}

/// The text of one message's content, for `expect` checks.
std::string ContentText(const Json& content) {
  if (content.is_string()) return content.AsString();
  std::string text;
  for (const Json& block : content.items()) {
    const std::string& type = block["type"].AsString();
    std::string piece = type == "text"          ? block["text"].AsString()
                        : type == "tool_result" ? ContentText(block["content"])
                                                : "";
    if (piece.empty()) continue;
    if (!text.empty()) text += "\n";
    text += piece;
  }
  return text;
}

}  // namespace

std::string ReplayMessageId(size_t n) { return fmt::format("msg_replay_{:06}", n); }
std::string ReplayRequestId(size_t n) { return fmt::format("req_replay_{:06}", n); }

std::string LastUserText(const Json& request_body) {
  const Json::Array& messages = request_body["messages"].items();
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if ((*it)["role"].AsString() == "user") return ContentText((*it)["content"]);
  }
  return {};
}

Json ReplayUsage(const ReplayTurn& turn, const Json& request) {
  auto estimate = [](size_t bytes) { return static_cast<int64_t>(std::max<size_t>(1, bytes / 4)); };
  Json usage = JsonObject({{"input_tokens", estimate(request.Dump().size())},
                           {"cache_creation_input_tokens", 0},
                           {"cache_read_input_tokens", 0},
                           {"output_tokens", estimate(turn.content.Dump().size())}});
  if (turn.usage.is_object()) {
    for (const auto& [key, value] : turn.usage.members()) usage.Set(key, value);
  }
  return usage;
}

std::vector<std::string> SseFramesFor(const ReplayTurn& turn, const Json& request,
                                      const std::string& model, size_t msg_index) {
  Json usage = ReplayUsage(turn, request);
  std::vector<std::string> frames;
  frames.push_back(Frame(MessageStart(model, msg_index, usage)));
  frames.push_back(Frame(JsonObject({{"type", "ping"}})));
  size_t blocks = turn.stream_error ? turn.stream_error->after_blocks : turn.content.size();
  for (size_t i = 0; i < blocks; ++i) AppendBlockFrames(turn.content.at(i), i, frames);
  if (turn.stream_error) {
    frames.push_back(Frame(ErrorJson(turn.stream_error->type, turn.stream_error->message)));
    return frames;
  }
  Json delta = JsonObject({{"stop_reason", turn.stop_reason}, {"stop_sequence", nullptr}});
  frames.push_back(
      Frame(JsonObject({{"type", "message_delta"},
                        {"delta", std::move(delta)},
                        {"usage", JsonObject({{"output_tokens", usage["output_tokens"]}})}})));
  frames.push_back(Frame(JsonObject({{"type", "message_stop"}})));
  return frames;
}

ReplayAnswer AnswerFor(const ReplayScript& script, size_t request_number,
                       const Json& request_body) {
  size_t index = request_number - 1;
  if (request_number == 0 || index >= script.turns.size()) {
    return ErrorAnswer(400, "invalid_request_error",
                       fmt::format("replay script exhausted after {} turns", script.turns.size()));
  }
  const ReplayTurn& turn = script.turns[index];
  const std::string& expected = turn.expect_last_user_contains;
  if (!expected.empty() && LastUserText(request_body).find(expected) == std::string::npos) {
    return ErrorAnswer(400, "invalid_request_error",
                       fmt::format("replay expectation failed at turns[{}]: the last user message "
                                   "does not contain \"{}\"",
                                   index, expected));
  }
  ReplayAnswer answer;
  answer.delay_ms = turn.delay_ms;
  switch (turn.kind) {
    case ReplayTurnKind::kReply: {
      std::string model = script.model.empty() ? request_body["model"].AsString() : script.model;
      answer.frames = SseFramesFor(turn, request_body, model, request_number);
      break;
    }
    case ReplayTurnKind::kHttpError: {
      const ReplayHttpError& e = turn.http_error;
      answer = ErrorAnswer(e.status, e.type, e.message);
      answer.delay_ms = turn.delay_ms;
      if (e.retry_after_s)
        answer.headers.emplace_back("retry-after", FormatSeconds(*e.retry_after_s));
      break;
    }
    case ReplayTurnKind::kStall:
      answer.stall_ms = turn.stall_ms;
      break;
  }
  return answer;
}

}  // namespace runner::providers
