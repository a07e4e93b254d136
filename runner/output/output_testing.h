#pragma once
/// Test helpers for sinks: a temp-file fd to write into and a scripted run.

#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "runner/base/files.h"
#include "runner/base/json.h"
#include "runner/base/strings.h"
#include "runner/protocol/events.h"

namespace runner::output::testing_support {

/// An unlinked temp file; Contents() reads back everything written to fd().
class CapturedFd {
 public:
  CapturedFd() {
    char path[] = "/tmp/output_test_XXXXXX";
    fd_.Reset(::mkstemp(path));
    ::unlink(path);
  }
  int fd() const { return fd_.get(); }
  std::string Contents() const {
    std::string out;
    char buf[4096];
    off_t at = 0;
    while (ssize_t n = ::pread(fd_.get(), buf, sizeof buf, at)) {
      if (n < 0) break;
      out.append(buf, static_cast<size_t>(n));
      at += n;
    }
    return out;
  }
  /// The written lines, each parsed as JSON (a parse failure yields a string holding the line).
  std::vector<base::Json> JsonLines() const {
    std::vector<base::Json> lines;
    for (const std::string& line : base::Split(Contents(), '\n')) {
      if (line.empty()) continue;
      auto j = base::Json::Parse(line);
      lines.push_back(j ? *j : base::Json(line));
    }
    return lines;
  }

 private:
  base::Fd fd_;
};

/// One turn: init, status, a partial event, the prompt, an assistant tool_use, a permission
/// denial, a retry, the tool result, the final assistant text, and the result "Done.".
inline std::vector<protocol::Event> ScriptedTurn(const std::string& session_id = "s-1") {
  using namespace protocol;
  auto j = [](std::string_view text) { return *base::Json::Parse(text); };
  RunResult result;
  result.result = "Done.";
  result.num_turns = 2;
  result.session_id = session_id;
  return {
      InitEvent{.session_id = session_id, .cwd = "/w", .model = "m"},
      StatusEvent{.status = "requesting"},
      PartialEvent{.event = j(R"({"type":"message_stop"})"), .message_id = "msg_1"},
      UserEvent{.message = j(R"({"role":"user","content":"hi"})"), .is_prompt = true},
      AssistantEvent{.message = j(R"({"id":"msg_1","role":"assistant","content":[]})")},
      PermissionDeniedEvent{.tool_name = "Write", .tool_use_id = "t1", .message = "no"},
      RetryEvent{.attempt = 1, .max_retries = 2, .error = "server_error"},
      UserEvent{.message = j(R"({"role":"user","content":[]})")},
      AssistantEvent{.message = j(R"({"id":"msg_2","role":"assistant","content":[]})")},
      ResultEvent{.result = result},
  };
}

/// The `type` (plus `/subtype` when present) of each line, for compact order checks.
inline std::vector<std::string> Kinds(const std::vector<base::Json>& lines) {
  std::vector<std::string> kinds;
  for (const base::Json& line : lines) {
    std::string kind = line["type"].AsString();
    if (line.Contains("subtype")) kind += "/" + line["subtype"].AsString();
    kinds.push_back(kind);
  }
  return kinds;
}

}  // namespace runner::output::testing_support
