#pragma once
/// How a forge integration (integrations/github, …) runs one print-mode session inside its own
/// process: it hands the composition root the `claude -p` flags (the user's `claude_args` plus
/// its defaults), the first user message, extra tools of its own and an observer for every
/// stream-json message. The composition root (runner/cli) supplies the function that does it;
/// integrations never construct runner parts themselves.

#include <functional>
#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"

namespace runner::agent {

/// What an external tool call gives back to the model.
struct ExternalToolResult {
  std::string text;
  bool is_error = false;
};

/// A tool implemented by the embedder, offered to the model next to the built-in tools and
/// judged by the same permission rules (by name; `read_only` tools count as reads).
struct ExternalTool {
  std::string name;
  std::string description;
  base::Json input_schema;
  bool read_only = false;
  /// Called on a tool thread; must not throw. Calls may overlap when read_only.
  std::function<ExternalToolResult(const base::Json& input)> run;
};

struct EmbeddedRun {
  /// Flags exactly as on the `claude -p` command line, without `-p` and without the prompt.
  std::vector<std::string> args;
  /// The first user message's content: a string or an array of content blocks. When the text
  /// (or the last text block) starts with `/`, it is expanded as a slash command, as with `-p`.
  base::Json prompt_content;
  std::vector<ExternalTool> tools;
  /// Every message stream-json (with --verbose) would print, in order, as it happens.
  std::function<void(const base::Json& message)> on_message;
  /// False: nothing goes to stdout (the embedder prints what it wants, e.g. redacted).
  bool print_output = true;
  /// Owned by the embedder (its signal handlers and deadline); required.
  base::CancelToken* cancel = nullptr;

  /// Filled by the run: the merged settings of every layer it loaded (so the embedder can
  /// honour settings such as includeCoAuthoredBy after the session).
  base::Json settings;
};

/// Runs the session; returns the exit code `claude -p` would have (docs/exit-codes.md).
using EmbeddedRunner = std::function<int(EmbeddedRun& run)>;

}  // namespace runner::agent
