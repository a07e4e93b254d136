#pragma once
/// The tools module owns the built-in tools: the Tool interface, one file per tool and the one
/// registry list (registry.h). A tool failure is a ToolResult with is_error, never a run error.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/env.h"
#include "runner/base/json.h"
#include "runner/permissions/gate.h"

namespace runner::exec {
class ProcessRunner;
}
namespace runner::base {
class HttpClient;
}
namespace runner::providers {
class Provider;
}

namespace runner::tools {

using base::Json;

/// What a tool call gives back.
struct ToolResult {
  Json content;          ///< for the model: a string, or an array of text/image blocks
  bool is_error = false;
  Json structured;       ///< `tool_use_result` in stream-json; null = same as content

  /// An error for the model: content `<tool_use_error>msg</tool_use_error>`,
  /// structured `Error: msg` (as Claude Code reports input/validation errors).
  static ToolResult Error(std::string_view message);
};

/// State kept across tool calls in one session (shared by all tools; guarded by `mu`).
class BackgroundShells;  // tools/background_shells.h

struct ToolSession {
  std::mutex mu;
  std::filesystem::path bash_cwd;  ///< the shell's working directory between Bash calls
  std::map<std::string, int64_t> read_mtimes;  ///< absolute path → mtime (ns) when last Read
  Json todos = Json::MakeArray();  ///< TodoWrite's current list
};

/// Everything a tool may use. Borrowed pointers, owned by the composition root.
struct ToolContext {
  std::filesystem::path project_dir;
  const base::Env* env = nullptr;
  base::CancelToken* cancel = nullptr;
  exec::ProcessRunner* processes = nullptr;
  ToolSession* session = nullptr;
  BackgroundShells* background = nullptr;    ///< Bash run_in_background / TaskStop
  base::HttpClient* http = nullptr;          ///< WebFetch
  providers::Provider* provider = nullptr;   ///< side requests (WebFetch summary, WebSearch)
  std::string small_model;                   ///< model for side requests (haiku alias)
  std::vector<std::filesystem::path> additional_dirs;
  std::string tool_use_id;  ///< the call being run (set per call by the dispatcher)
};

class Tool {
 public:
  virtual ~Tool() = default;
  virtual std::string_view name() const = 0;
  /// Our own words, sent to the model.
  virtual std::string description() const = 0;
  /// JSON Schema for the input, matching sdk-tools.d.ts.
  virtual Json input_schema() const = 0;
  /// True when the call only reads (may run in parallel with other read-only calls).
  virtual bool IsReadOnly(const Json& input) const = 0;
  /// Runs the call. Must honour ctx.cancel and never throw.
  virtual ToolResult Run(const Json& input, ToolContext& ctx) = 0;
};

/// What a call is for the permission gate: read-only (the tool says so for this input), an
/// edit (Edit, Write, MultiEdit, NotebookEdit), or anything else.
permissions::ToolKind PermissionKindOf(const Tool& tool, const Json& input);

}  // namespace runner::tools
