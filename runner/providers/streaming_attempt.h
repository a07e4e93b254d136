#pragma once
/// One HTTP attempt at a streamed model reply, shared by the providers that stream (the
/// Anthropic API with server-sent events, Bedrock with the AWS event stream): the body of a
/// 200 answer goes to the wire format's decoder, any other answer becomes an AttemptFailure
/// from its status and body, transport failures and cancels are classified the same way.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/providers/provider.h"
#include "runner/providers/response_stream.h"
#include "runner/providers/retry_policy.h"

namespace runner::providers {

/// What differs between the wire formats.
struct StreamWire {
  std::string request_id_header;  ///< `request-id`, `x-amzn-requestid`
  /// Feeds one chunk of a 200 body to `stream`; false stops the transfer.
  std::function<bool(std::string_view chunk, ResponseStream& stream)> feed;
  /// Turns an error body into the Anthropic error shape FailureFromHttp reads; null = as is.
  std::function<std::string(const base::Headers& headers, const std::string& body)> error_body;
};

AttemptResult StreamingAttempt(base::HttpClient& http, const base::HttpRequest& request,
                               StreamObserver& observer, base::CancelToken& cancel,
                               int64_t timeout_ms, const StreamWire& wire);

/// The headers every model request carries whatever the provider: the session, agent and
/// parent-agent ids when set, and the user agent.
void AddClientHeaders(const ModelRequest& request, base::Headers& headers);

/// `url` without trailing slashes.
std::string TrimTrailingSlashes(std::string url);

}  // namespace runner::providers
