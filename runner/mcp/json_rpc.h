#pragma once
/// JSON-RPC 2.0 as MCP uses it: building requests, notifications and responses, and telling
/// apart what a server sends. Pure functions on base::Json.

#include <cstdint>
#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::mcp::rpc {

/// Standard error codes (JSON-RPC 2.0 §5.1).
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;

/// `{"jsonrpc":"2.0","id":id,"method":method,"params":params}` (params left out when null).
base::Json Request(int64_t id, std::string_view method, base::Json params);
/// `{"jsonrpc":"2.0","method":method,"params":params}` (params left out when null).
base::Json Notification(std::string_view method, base::Json params);
/// A success answer to the request whose id is `id` (any JSON id: number or string).
base::Json Response(const base::Json& id, base::Json result);
/// An error answer; `data` is left out when null.
base::Json ErrorResponse(const base::Json& id, int code, std::string_view message,
                         base::Json data = {});

enum class Kind {
  kRequest,       ///< has method and id: the server asks us something
  kNotification,  ///< has method, no id
  kResponse,      ///< has id and result or error, no method
  kInvalid,       ///< anything else
};

/// What kind of message `m` is.
Kind Classify(const base::Json& m);

/// The result of a response, or its error as an Error whose message is the server's (with the
/// code, e.g. `MCP error -32602: Unknown tool: x`). kApi for an error object; kParse when the
/// response has neither. `http_status` is the error's `data.status` when it has one (an error an
/// HTTP transport made up from an HTTP answer).
base::Result<base::Json> ResultOf(const base::Json& response);

}  // namespace runner::mcp::rpc
