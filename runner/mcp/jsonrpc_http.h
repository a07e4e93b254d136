#pragma once
/// What the two HTTP transports (StreamableHttpTransport, SseTransport) share: reading
/// JSON-RPC messages out of HTTP bodies and SSE frames, the answers a transport makes up for
/// requests the server will not answer, HTTP failure text, request headers, and URL resolution.
/// Pure.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::mcp {

/// JSON-RPC error code of the answers a transport makes up (the MCP SDKs' ConnectionClosed).
inline constexpr int kTransportErrorCode = -32000;

/// Parses a body or SSE data: one JSON-RPC message object or a batch array of them.
/// Errors: kParse when it is not JSON or not objects.
base::Result<std::vector<base::Json>> ParseMessages(std::string_view text);

/// A request has a method and an id; a notification a method and no id; a response an id
/// and no method.
bool IsRequest(const base::Json& message);
bool IsResponse(const base::Json& message);
/// The id as a map key (`7` and `"7"` differ); empty when the message has none.
std::string IdKey(const base::Json& message);

/// The media type of a content-type value, lower-cased, without parameters.
std::string MediaType(std::string_view content_type);

/// Text for an HTTP answer that is not a success: the status and what the body says (a
/// JSON-RPC or JSON error's message when it has one, else its first 300 bytes).
std::string DescribeHttpFailure(int status, std::string_view body);

/// `ours` followed by the configured headers, except configured ones that would replace a
/// header the transport sets itself: those in `ours` and the protocol's own (Accept,
/// Content-Type, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID), compared
/// case-insensitively.
base::Headers MergeHeaders(base::Headers ours, const base::Headers& configured);

/// `scheme://host[:port]` of an absolute URL; empty when it has none.
std::string UrlOrigin(std::string_view url);
/// Resolves `reference` (absolute, `//host/…`, `/path`, or relative to the directory of
/// `base_url`'s path) against `base_url`.
std::string ResolveUrl(std::string_view base_url, std::string_view reference);

/// The SSE event ids a session has seen, to drop events a server replays twice on a resumed
/// stream. Remembers the last `capacity` ids. Not thread-safe.
class SeenEventIds {
 public:
  explicit SeenEventIds(size_t capacity = 4096) : capacity_(capacity) {}
  /// True when `id` is new (and now remembered).
  bool Insert(const std::string& id);

 private:
  size_t capacity_;
  std::unordered_set<std::string> ids_;
  std::deque<std::string> order_;
};

}  // namespace runner::mcp
