#include "runner/providers/replay_script.h"

#include <fmt/format.h>

#include <array>

#include "runner/base/files.h"

namespace runner::providers {

using base::ErrorKind;
using base::Json;

namespace {

constexpr std::array<std::string_view, 8> kTurnKeys = {
    "content", "stop_reason", "usage", "delay_ms", "error", "stream_error", "stall_ms", "expect"};

std::unexpected<base::Error> Bad(const std::string& path, std::string_view what) {
  return base::Fail(ErrorKind::kParse, path + ": " + std::string(what));
}

template <size_t N>
bool OneOf(std::string_view value, const std::array<std::string_view, N>& list) {
  for (std::string_view item : list) {
    if (item == value) return true;
  }
  return false;
}

/// An optional non-negative integer member.
base::Result<int64_t> NonNegative(const Json& obj, std::string_view key, const std::string& path,
                                  int64_t fallback) {
  const Json* v = obj.Find(key);
  if (!v) return fallback;
  if (!v->is_int() || v->AsInt() < 0) {
    return Bad(path + "." + std::string(key), "expected a non-negative integer");
  }
  return v->AsInt();
}

/// An optional string member.
base::Result<std::string> OptString(const Json& obj, std::string_view key, const std::string& path,
                                    std::string_view fallback) {
  const Json* v = obj.Find(key);
  if (!v) return std::string(fallback);
  if (!v->is_string()) return Bad(path + "." + std::string(key), "expected a string");
  return v->AsString();
}

base::Result<Json> ParseToolUse(Json block, const std::string& path, size_t turn, size_t index) {
  if (!block["name"].is_string() || block["name"].AsString().empty()) {
    return Bad(path + ".name", "tool_use needs a non-empty string");
  }
  if (!block.Contains("input")) block.Set("input", Json::MakeObject());
  if (!block["input"].is_object()) return Bad(path + ".input", "expected an object");
  if (!block.Contains("id")) block.Set("id", ReplayToolUseId(turn, index));
  if (!block["id"].is_string() || block["id"].AsString().empty()) {
    return Bad(path + ".id", "expected a non-empty string");
  }
  return block;
}

base::Result<Json> ParseBlock(const Json& block, const std::string& path, size_t turn,
                              size_t index) {
  if (!block.is_object()) return Bad(path, "expected a content block object");
  const std::string type = block["type"].AsString();
  auto need_string = [&](std::string_view key) -> base::Result<Json> {
    if (!block[key].is_string()) return Bad(path + "." + std::string(key), "expected a string");
    return block;
  };
  if (type == "text") return need_string("text");
  if (type == "tool_use") return ParseToolUse(block, path, turn, index);
  if (type == "thinking") {
    if (block.Contains("signature") && !block["signature"].is_string()) {
      return Bad(path + ".signature", "expected a string");
    }
    return need_string("thinking");
  }
  if (type == "redacted_thinking") return need_string("data");
  if (type == "server_tool_use") {
    if (!block["id"].is_string() || !block["name"].is_string()) {
      return Bad(path, "server_tool_use needs string id and name");
    }
    return block;
  }
  if (type.ends_with("_tool_result")) {
    if (!block["tool_use_id"].is_string()) return Bad(path + ".tool_use_id", "expected a string");
    return block;  // server tool results (web_search_tool_result, …) pass through whole
  }
  return Bad(path + ".type",
             "expected text, tool_use, thinking, redacted_thinking, server_tool_use or a "
             "server tool result");
}

base::Result<Json> ParseContent(const Json& content, const std::string& path, size_t turn) {
  if (!content.is_array()) return Bad(path, "expected an array of content blocks");
  Json out = Json::MakeArray();
  for (size_t i = 0; i < content.size(); ++i) {
    out.Push(TRY(ParseBlock(content.at(i), fmt::format("{}[{}]", path, i), turn, i)));
  }
  return out;
}

base::Result<ReplayHttpError> ParseHttpError(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "expected an object");
  ReplayHttpError e;
  e.status = static_cast<int>(TRY(NonNegative(j, "status", path, 500)));
  if (e.status < 400 || e.status > 599) return Bad(path + ".status", "expected 400..599");
  e.type = TRY(OptString(j, "type", path, e.type));
  e.message = TRY(OptString(j, "message", path, e.message));
  if (const Json* r = j.Find("retry_after")) {
    if (!r->is_number() || r->AsDouble() < 0) {
      return Bad(path + ".retry_after", "expected a non-negative number of seconds");
    }
    e.retry_after_s = r->AsDouble();
  }
  return e;
}

base::Result<ReplayStreamError> ParseStreamError(const Json& j, const std::string& path,
                                                 size_t blocks) {
  if (!j.is_object()) return Bad(path, "expected an object");
  ReplayStreamError e;
  e.after_blocks = static_cast<size_t>(TRY(NonNegative(j, "after_blocks", path, 0)));
  if (e.after_blocks > blocks) return Bad(path + ".after_blocks", "more than the turn's blocks");
  e.type = TRY(OptString(j, "type", path, e.type));
  e.message = TRY(OptString(j, "message", path, e.message));
  return e;
}

base::Result<void> CheckTurnShape(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "expected a turn object");
  for (const auto& [key, value] : j.members()) {
    if (!OneOf(key, kTurnKeys)) return Bad(path + "." + key, "unknown field");
  }
  int kinds = j.Contains("error") + j.Contains("stall_ms") + j.Contains("content");
  if (kinds != 1) return Bad(path, "a turn has exactly one of content, error or stall_ms");
  if (j.Contains("stream_error") && !j.Contains("content")) {
    return Bad(path + ".stream_error", "needs content");
  }
  return {};
}

base::Result<void> ParseReplyFields(const Json& j, const std::string& path, size_t index,
                                    ReplayTurn& turn) {
  turn.content = TRY(ParseContent(j["content"], path + ".content", index));
  bool has_tool_use = false;
  for (const Json& block : turn.content.items()) {
    has_tool_use |= block["type"].AsString() == "tool_use";
  }
  turn.stop_reason = TRY(OptString(j, "stop_reason", path, has_tool_use ? "tool_use" : "end_turn"));
  // Any identifier is accepted, so recordings of newer stop reasons still load.
  if (turn.stop_reason.empty() ||
      turn.stop_reason.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
    return Bad(path + ".stop_reason", "expected a stop reason such as end_turn or tool_use");
  }
  if (const Json* u = j.Find("usage")) {
    if (!u->is_object()) return Bad(path + ".usage", "expected an object");
    turn.usage = *u;
  }
  if (const Json* e = j.Find("stream_error")) {
    turn.stream_error = TRY(ParseStreamError(*e, path + ".stream_error", turn.content.size()));
  }
  return {};
}

base::Result<ReplayTurn> ParseTurn(const Json& j, size_t index) {
  std::string path = fmt::format("turns[{}]", index);
  TRY_VOID(CheckTurnShape(j, path));
  ReplayTurn turn;
  turn.delay_ms = TRY(NonNegative(j, "delay_ms", path, 0));
  if (const Json* expect = j.Find("expect")) {
    if (!expect->is_object()) return Bad(path + ".expect", "expected an object");
    turn.expect_last_user_contains =
        TRY(OptString(*expect, "last_user_contains", path + ".expect", ""));
  }
  if (const Json* e = j.Find("error")) {
    turn.kind = ReplayTurnKind::kHttpError;
    turn.http_error = TRY(ParseHttpError(*e, path + ".error"));
  } else if (j.Contains("stall_ms")) {
    turn.kind = ReplayTurnKind::kStall;
    turn.stall_ms = TRY(NonNegative(j, "stall_ms", path, 0));
  } else {
    TRY_VOID(ParseReplyFields(j, path, index, turn));
  }
  return turn;
}

Json TurnToJson(const ReplayTurn& turn) {
  Json j = Json::MakeObject();
  switch (turn.kind) {
    case ReplayTurnKind::kReply:
      j.Set("content", turn.content).Set("stop_reason", turn.stop_reason);
      if (!turn.usage.is_null()) j.Set("usage", turn.usage);
      if (const auto& e = turn.stream_error) {
        j.Set("stream_error",
              base::JsonObject(
                  {{"after_blocks", e->after_blocks}, {"type", e->type}, {"message", e->message}}));
      }
      break;
    case ReplayTurnKind::kHttpError: {
      const ReplayHttpError& e = turn.http_error;
      Json error =
          base::JsonObject({{"status", e.status}, {"type", e.type}, {"message", e.message}});
      if (e.retry_after_s) error.Set("retry_after", *e.retry_after_s);
      j.Set("error", std::move(error));
      break;
    }
    case ReplayTurnKind::kStall:
      j.Set("stall_ms", turn.stall_ms);
      break;
  }
  if (turn.delay_ms > 0) j.Set("delay_ms", turn.delay_ms);
  if (!turn.expect_last_user_contains.empty()) {
    j.Set("expect", base::JsonObject({{"last_user_contains", turn.expect_last_user_contains}}));
  }
  return j;
}

}  // namespace

std::string ReplayToolUseId(size_t turn, size_t block) {
  return fmt::format("toolu_replay_{}_{}", turn, block);
}

Json ReplayScript::ToJson() const {
  Json turns_json = Json::MakeArray();
  for (const ReplayTurn& turn : turns) turns_json.Push(TurnToJson(turn));
  Json j = Json::MakeObject();
  if (!model.empty()) j.Set("model", model);
  j.Set("turns", std::move(turns_json));
  return j;
}

base::Result<ReplayScript> ReplayScriptFromJson(const Json& json) {
  if (!json.is_object()) return Bad("$", "a replay script is a JSON object");
  ReplayScript script;
  script.model = TRY(OptString(json, "model", "$", ""));
  const Json& turns = json["turns"];
  if (!turns.is_array()) return Bad("turns", "expected an array of turns");
  for (size_t i = 0; i < turns.size(); ++i) script.turns.push_back(TRY(ParseTurn(turns.at(i), i)));
  return script;
}

base::Result<ReplayScript> ParseReplayScript(std::string_view text) {
  Json json = TRY(Json::Parse(text));
  return ReplayScriptFromJson(json);
}

base::Result<ReplayScript> LoadReplayScript(const std::filesystem::path& path) {
  std::string text = TRY(base::ReadFile(path));
  auto script = ParseReplayScript(std::string_view(text));
  if (!script) script.error().message = path.string() + ": " + script.error().message;
  return script;
}

}  // namespace runner::providers
