#pragma once
/// The output module owns stdout: it turns run events into text, json or stream-json.
/// Nothing else in runner/ (except cli/) writes to stdout.

#include <memory>

#include "runner/protocol/events.h"

namespace runner::output {

enum class OutputFormat { kText, kJson, kStreamJson };

struct OutputOptions {
  OutputFormat format = OutputFormat::kText;
  bool verbose = false;                ///< json: print the array of all messages
  bool include_partial_messages = false;  ///< stream-json: stream_event lines
  bool replay_user_messages = false;   ///< stream-json: echo input user messages
  bool include_hook_events = false;    ///< stream-json: system/hook_started and hook_response
};

/// A sink that writes to `fd` (normally 1). Each stream-json line is written with one write(2).
std::unique_ptr<protocol::EventSink> MakeOutputSink(const OutputOptions& options, int fd);

}  // namespace runner::output
