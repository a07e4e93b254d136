#pragma once
/// `--record FILE`: a Provider wrapper that writes every reply it passes on as a replay-script
/// turn, so `--replay FILE` later plays the same session without a network.

#include <filesystem>
#include <memory>

#include "runner/providers/provider.h"
#include "runner/providers/replay_script.h"

namespace runner::providers {

/// The script turn that replays `reply`: its content, stop_reason and usage; a cut-off reply
/// becomes a turn whose stream breaks (`stream_error`) after its completed blocks.
ReplayTurn TurnFromReply(const protocol::AssistantReply& reply);

class RecordingProvider : public Provider {
 public:
  /// Owns `inner`. The file is (re)written after each successful Send.
  RecordingProvider(std::unique_ptr<Provider> inner, std::filesystem::path path);

  /// Forwards to the inner provider; on success appends the turn and rewrites the file
  /// atomically (base::WriteFileAtomic). Errors: the inner provider's, or kIo when the file
  /// cannot be written.
  base::Result<protocol::AssistantReply> Send(const ModelRequest& request, StreamObserver& observer,
                                              base::CancelToken& cancel) override;
  std::string ApiKeySource() const override { return inner_->ApiKeySource(); }

  const ReplayScript& script() const { return script_; }

 private:
  std::unique_ptr<Provider> inner_;
  std::filesystem::path path_;
  ReplayScript script_;
};

}  // namespace runner::providers
