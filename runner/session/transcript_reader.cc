// LoadTranscript: transcript lines back into API messages.
#include <optional>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/protocol/api_message.h"
#include "runner/session/history_repair.h"
#include "runner/session/transcript.h"

namespace runner::session {
namespace {

using base::Json;

/// The message of a main-chain user/assistant line that belongs in the API history, or nullopt
/// (other line types, subagent lines, API-error messages, malformed messages).
std::optional<protocol::Message> HistoryMessage(const Json& line) {
  const std::string& type = line["type"].AsString();
  if (type != "user" && type != "assistant") return std::nullopt;
  if (line["isSidechain"].AsBool() || line["isApiErrorMessage"].AsBool()) return std::nullopt;
  const Json& message = line["message"];
  if (message["role"].AsString() != type) return std::nullopt;
  if (!message["content"].is_string() && !message["content"].is_array()) return std::nullopt;
  if (type == "assistant" && protocol::IsSyntheticMessage(message)) return std::nullopt;
  return protocol::Message::FromJson(message);
}

}  // namespace

base::Result<LoadedSession> LoadTranscript(const std::filesystem::path& path) {
  std::string text = TRY(base::ReadFile(path));
  LoadedSession session;
  std::vector<protocol::Message> recorded;
  for (const std::string& raw : base::Split(text, '\n')) {
    auto line = Json::Parse(raw);
    if (!line || !line->is_object()) continue;  // blank or torn (killed writer) line
    if (session.session_id.empty()) session.session_id = (*line)["sessionId"].AsString();
    if ((*line)["uuid"].is_string() && !(*line)["isSidechain"].AsBool()) {
      session.last_uuid = (*line)["uuid"].AsString();
    }
    if (auto m = HistoryMessage(*line)) recorded.push_back(std::move(*m));
  }
  if (session.session_id.empty()) session.session_id = path.stem().string();
  session.messages = RepairHistory(std::move(recorded));
  return session;
}

}  // namespace runner::session
