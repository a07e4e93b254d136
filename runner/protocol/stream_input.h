#pragma once
/// Lines of `--input-format stream-json` stdin: user turns, and the SDK control protocol messages
/// that share the stream (recognised here, handled by the caller).

#include <string>
#include <string_view>

#include "runner/base/result.h"
#include "runner/protocol/messages.h"

namespace runner::protocol {

enum class InputKind {
  kUser,                  ///< `{"type":"user","message":{"role":"user","content":…},…}`
  kControlRequest,        ///< `{"type":"control_request","request_id":…,"request":{…}}`
  kControlResponse,       ///< `{"type":"control_response","response":{…}}`
  kControlCancelRequest,  ///< `{"type":"control_cancel_request","request_id":…}`
  kKeepAlive,             ///< `{"type":"keep_alive"}`
};

/// One parsed stdin line.
struct InputMessage {
  InputKind kind = InputKind::kUser;
  Message message;                 ///< kUser only: role "user", content string or block array
  std::string session_id;          ///< as given; often empty
  std::string parent_tool_use_id;  ///< empty = null
  std::string uuid;                ///< as given; empty when absent
  Json raw;                        ///< the whole line, for control messages
};

/// Parses one stdin line. Errors (kParse) name the problem: invalid JSON, a non-object, an
/// unknown `type`, or a user message whose role is not "user" or whose content is neither a
/// string nor an array of blocks. Blank lines are an error too; callers skip them first.
base::Result<InputMessage> ParseInputLine(std::string_view line);

}  // namespace runner::protocol
