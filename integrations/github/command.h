#pragma once
/// `claude-runner github`: one GitHub Actions job step, from the event to the final comment.
/// See docs/github.md for what it does and the exit codes it returns.

#include <functional>
#include <string_view>

#include "runner/agent/embedding.h"
#include "runner/base/cancel.h"
#include "runner/base/http.h"

namespace integrations::github {

/// What the composition root lends the command.
struct CommandDeps {
  runner::agent::EmbeddedRunner run_agent;  ///< runs the print-mode session
  runner::base::HttpClient* http = nullptr;
  runner::base::CancelToken* cancel = nullptr;  ///< cancelled by SIGTERM/SIGINT
  /// Writes the command's product output (help, the redacted final answer) to stdout.
  std::function<void(std::string_view)> print;
};

/// Exit codes beyond docs/exit-codes.md's print-mode ones.
inline constexpr int kExitNotAllowed = 11;   ///< the actor may not trigger runs
inline constexpr int kExitForgeFailed = 12;  ///< a GitHub API or git step failed

/// `argv[0]` is `github`.
int RunCommand(int argc, const char* const* argv, CommandDeps deps);

}  // namespace integrations::github
