#include "runner/providers/recorder.h"

#include "runner/base/files.h"

namespace runner::providers {

using base::Json;

namespace {

Json UsageJson(const protocol::Usage& usage) {
  Json j = base::JsonObject({{"input_tokens", usage.input_tokens},
                             {"cache_creation_input_tokens", usage.cache_creation_input_tokens},
                             {"cache_read_input_tokens", usage.cache_read_input_tokens},
                             {"output_tokens", usage.output_tokens}});
  if (usage.cache_creation_5m != 0 || usage.cache_creation_1h != 0) {
    j.Set("cache_creation",
          base::JsonObject({{"ephemeral_5m_input_tokens", usage.cache_creation_5m},
                            {"ephemeral_1h_input_tokens", usage.cache_creation_1h}}));
  }
  return j;
}

}  // namespace

ReplayTurn TurnFromReply(const protocol::AssistantReply& reply) {
  ReplayTurn turn;
  turn.content = reply.content;
  turn.stop_reason = reply.stop_reason.empty() ? "end_turn" : reply.stop_reason;
  turn.usage = UsageJson(reply.usage);
  if (reply.cut_off) {
    turn.stream_error =
        ReplayStreamError{reply.content.size(), "api_error", "recorded stream was cut off here"};
  }
  return turn;
}

RecordingProvider::RecordingProvider(std::unique_ptr<Provider> inner, std::filesystem::path path)
    : inner_(std::move(inner)), path_(std::move(path)) {}

base::Result<protocol::AssistantReply> RecordingProvider::Send(const ModelRequest& request,
                                                               StreamObserver& observer,
                                                               base::CancelToken& cancel) {
  protocol::AssistantReply reply = TRY(inner_->Send(request, observer, cancel));
  if (script_.model.empty()) script_.model = reply.model;
  script_.turns.push_back(TurnFromReply(reply));
  TRY_VOID(base::WriteFileAtomic(path_, script_.ToJson().Pretty() + "\n"));
  return reply;
}

}  // namespace runner::providers
