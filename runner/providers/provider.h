#pragma once
/// The providers module owns talking to models: the Provider seam, the Anthropic Messages API
/// client (SSE streaming, retries), the replay provider and the recorder.

#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/result.h"
#include "runner/protocol/events.h"
#include "runner/protocol/messages.h"

namespace runner::providers {

using base::Json;

/// One Messages API request, before it is encoded.
struct ModelRequest {
  std::string model;
  Json system = Json::MakeArray();  ///< array of text blocks
  std::vector<protocol::Message> messages;
  Json tools = Json::MakeArray();   ///< [{name, description, input_schema}]
  int64_t max_tokens = 32000;
  Json extra = Json::MakeObject();  ///< extra top-level body fields, copied verbatim
  std::string session_id;           ///< sent as x-claude-code-session-id
  std::string agent_id;             ///< subagents only: x-claude-code-agent-id
  std::string parent_agent_id;      ///< nested subagents only: x-claude-code-parent-agent-id
  std::vector<std::string> betas;   ///< anthropic-beta values
};

/// Told about a request's progress as it streams. Called on the calling thread.
class StreamObserver {
 public:
  virtual ~StreamObserver() = default;
  /// Before every HTTP attempt (including retries).
  virtual void OnAttempt(int attempt) {}
  /// Each stream event's JSON (`message_start`, `content_block_delta`, …) in order.
  virtual void OnStreamEvent(const Json& event, const std::string& message_id) {}
  /// A content block finished: `reply.content[index]` is complete (ids/model/usage so far set).
  virtual void OnBlockComplete(const protocol::AssistantReply& reply, size_t index) {}
  /// A retry is about to wait `event.retry_delay_ms`.
  virtual void OnRetry(const protocol::RetryEvent& event) {}
};

class Provider {
 public:
  virtual ~Provider() = default;
  /// Sends one request and returns the assembled reply. Transient failures (408, 409, 429, 5xx,
  /// 529, overloaded, network errors, an error event mid-stream before any block completed) are
  /// retried with backoff honouring retry-after. If the stream breaks after some blocks completed,
  /// the reply comes back with `cut_off = true` holding the completed blocks.
  /// Errors: kAuth (401/403), kApi (other HTTP/API errors, after retries), kNetwork,
  /// kTimeout / kInterrupted (the cancel token fired).
  virtual base::Result<protocol::AssistantReply> Send(const ModelRequest& request,
                                                      StreamObserver& observer,
                                                      base::CancelToken& cancel) = 0;
  /// Where `apiKeySource` in the init message comes from ("ANTHROPIC_API_KEY", "none", …).
  virtual std::string ApiKeySource() const { return "none"; }
};

}  // namespace runner::providers
