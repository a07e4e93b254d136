#pragma once
/// What one tool call touches, as permission rules see it: the file a file tool reads or
/// writes, the host WebFetch contacts, the commands and written files of a Bash command.
/// Pure except for the optional `real_path` callback the caller supplies.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/permissions/rule.h"
#include "runner/permissions/shell_split.h"

namespace runner::permissions {

/// Maps a normal absolute path to the path with symlinks resolved (for a file that does not
/// exist yet: its nearest existing parent resolved, the rest appended). Empty: not resolved.
using RealPathFn = std::function<std::string(const std::string&)>;

struct CallContext {
  std::string_view cwd;   ///< absolute; relative paths and Bash redirections start here
  std::string_view home;  ///< absolute; empty when unknown
  const RealPathFn* real_path = nullptr;
};

struct CallFacts {
  ToolFamily family = ToolFamily::kOther;
  /// Read and edit tools: the path as the model gave it (for messages; may be empty), and the
  /// paths to check:
  /// the normal absolute path, then its real path when that differs.
  std::string shown_path;
  std::vector<std::string> paths;
  /// WebFetch: the host of `url`; nullopt when the URL has none or looks crafted.
  std::optional<std::string> host;
  /// Bash: the analysed `command`.
  ShellAnalysis shell;
  /// Bash: every file an output redirection writes, as normal absolute paths; nullopt for a
  /// target whose value is unknown (`> $f`, `> ~/x`, a relative target after `cd`).
  /// A real path that differs is listed too. `/dev/null`, `/dev/stdout`, `/dev/stderr` are left
  /// out.
  std::vector<std::optional<std::string>> writes;
  /// Bash: every file an input redirection (`<`) reads, the same way (`/dev/null` and
  /// `/dev/stdin` left out): `git diff -- $(< /etc/shadow)` reads a file like Read does.
  std::vector<std::optional<std::string>> reads;
};

/// Reads the facts of a call to `tool` from its `input`: `file_path` (Read, Write, Edit,
/// MultiEdit), `notebook_path` (NotebookEdit, NotebookRead), `path` (Grep, LS, Glob; Glob's
/// absolute `pattern` names its own directory), `url` (WebFetch), `command` (Bash). A missing
/// path means the current directory.
CallFacts DescribeCall(std::string_view tool, const base::Json& input, const CallContext& ctx);

}  // namespace runner::permissions
