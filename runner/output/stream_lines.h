#pragma once
/// Which events stream-json prints, and as what: the one filter shared by the stream-json sink
/// and the verbose json sink (which prints the same messages as one array).

#include <optional>
#include <string>

#include "runner/output/sinks.h"

namespace runner::output {

class StreamLines {
 public:
  explicit StreamLines(const OutputOptions& options) : options_(options) {}

  /// The stream-json object for `event`, or nullopt when this output mode does not print it:
  /// PartialEvent and StatusEvent only with include_partial_messages, the user's own prompts
  /// (UserEvent::is_prompt) only with replay_user_messages (then marked isReplay). The session
  /// id comes from the last InitEvent (or ResultEvent) seen.
  std::optional<base::Json> Next(const protocol::Event& event);

 private:
  bool Prints(const protocol::Event& event) const;

  OutputOptions options_;
  std::string session_id_;
};

}  // namespace runner::output
