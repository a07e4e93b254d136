#include "runner/providers/stream_accumulator.h"

namespace runner::providers {

using base::ErrorKind;
using base::Fail;
using base::Json;

base::Result<AccumulatorStep> StreamAccumulator::Apply(const Json& event) {
  AccumulatorStep step;
  const std::string& type = event["type"].AsString();
  if (type == "message_start") {
    OnMessageStart(event);
  } else if (type == "content_block_start") {
    open_[event["index"].AsInt()] = OpenBlock{event["content_block"], {}};
  } else if (type == "content_block_delta") {
    TRY_VOID(OnBlockDelta(event));
  } else if (type == "content_block_stop") {
    step.completed_block = TRY(OnBlockStop(event));
  } else if (type == "message_delta") {
    OnMessageDelta(event);
  } else if (type == "message_stop") {
    stopped_ = true;
    step.message_stopped = true;
  } else if (type == "error") {
    step.error = event["error"].is_object() ? event["error"] : event;
  }
  return step;
}

void StreamAccumulator::OnMessageStart(const Json& event) {
  const Json& message = event["message"];
  started_ = true;
  reply_.id = message["id"].AsString();
  reply_.model = message["model"].AsString();
  if (message["stop_reason"].is_string()) reply_.stop_reason = message["stop_reason"].AsString();
  reply_.usage.MergeFrom(message["usage"]);
}

void StreamAccumulator::OnMessageDelta(const Json& event) {
  const Json& delta = event["delta"];
  if (delta["stop_reason"].is_string()) reply_.stop_reason = delta["stop_reason"].AsString();
  if (delta.Contains("stop_sequence")) reply_.stop_sequence = delta["stop_sequence"];
  reply_.usage.MergeFrom(event["usage"]);
}

base::Result<void> StreamAccumulator::OnBlockDelta(const Json& event) {
  auto it = open_.find(event["index"].AsInt());
  if (it == open_.end()) {
    return Fail(ErrorKind::kParse, "content_block_delta for a block that never started");
  }
  OpenBlock& open = it->second;
  const Json& delta = event["delta"];
  const std::string& type = delta["type"].AsString();
  auto append = [&](std::string_view key, std::string_view field) {
    open.block.Set(key, open.block[key].AsString() + delta[field].AsString());
  };
  if (type == "text_delta") {
    append("text", "text");
  } else if (type == "input_json_delta") {
    open.partial_json += delta["partial_json"].AsString();
  } else if (type == "thinking_delta") {
    append("thinking", "thinking");
  } else if (type == "signature_delta") {
    append("signature", "signature");
  } else if (type == "citations_delta") {
    Json citations =
        open.block["citations"].is_array() ? open.block["citations"] : Json::MakeArray();
    citations.Push(delta["citation"]);
    open.block.Set("citations", std::move(citations));
  }
  return {};
}

base::Result<size_t> StreamAccumulator::OnBlockStop(const Json& event) {
  auto it = open_.find(event["index"].AsInt());
  if (it == open_.end()) {
    return Fail(ErrorKind::kParse, "content_block_stop for a block that never started");
  }
  OpenBlock open = std::move(it->second);
  open_.erase(it);
  bool takes_input = open.block.Contains("input") || open.block["type"].AsString() == "tool_use";
  if (takes_input && !open.partial_json.empty()) {
    auto input = Json::Parse(open.partial_json);
    if (!input) {
      return Fail(ErrorKind::kParse, "tool input is not valid JSON: " + input.error().message);
    }
    open.block.Set("input", std::move(*input));
  } else if (takes_input && !open.block["input"].is_object()) {
    open.block.Set("input", Json::MakeObject());
  }
  reply_.content.Push(std::move(open.block));
  return reply_.content.size() - 1;
}

}  // namespace runner::providers
