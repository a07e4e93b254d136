#include "runner/tools/bash_tool.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/exec/process.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/bash_result.h"
#include "runner/tools/schema.h"

namespace runner::tools {
namespace {

/// Captured beyond BASH_MAX_OUTPUT_LENGTH per stream (see BashCaptureBytes).
constexpr size_t kCaptureSlackBytes = 16 * 1024;

/// Single-quotes `s` for bash.
std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

/// A temp file the command's EXIT trap writes its final `pwd -P` into; removed on destruction.
class CwdFile {
 public:
  static base::Result<CwdFile> Create(const std::filesystem::path& dir) {
    std::string tmpl = (dir / "claude-runner-cwd-XXXXXX").string();
    base::Fd fd(::mkostemp(tmpl.data(), O_CLOEXEC));
    if (!fd.valid())
      return base::Fail(base::ErrorKind::kIo, "cannot create temp file in " + dir.string());
    return CwdFile(tmpl);
  }
  CwdFile(CwdFile&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  CwdFile& operator=(CwdFile&&) = delete;
  ~CwdFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  /// The recorded directory, or empty when the trap did not run (e.g. the shell was killed).
  std::filesystem::path Read() const {
    auto text = base::ReadFile(path_);
    return text ? std::filesystem::path(std::string(base::Trim(*text))) : std::filesystem::path();
  }

 private:
  explicit CwdFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

std::filesystem::path TempDir(const base::Env* env) {
  std::string dir = env ? env->GetOr("TMPDIR", "") : "";
  if (dir.empty() || !std::filesystem::is_directory(dir)) return "/tmp";
  return dir;
}

/// The command, preceded by an EXIT trap that records the final directory. A trap keeps the
/// command's own exit status and also runs after `exit N`.
std::string WrapScript(std::string_view command, const std::string& cwd_file) {
  std::string record = "pwd -P >| " + ShellQuote(cwd_file) + " 2>/dev/null";
  return "trap " + ShellQuote(record) + " EXIT\n" + std::string(command);
}

/// Where this call starts; resets a vanished directory to the project dir with a note.
std::filesystem::path StartDir(ToolContext& ctx, std::string& note) {
  bool keep_project = ctx.env && ctx.env->Truthy("CLAUDE_BASH_MAINTAIN_PROJECT_WORKING_DIR");
  std::lock_guard lock(ctx.session->mu);
  std::filesystem::path& cwd = ctx.session->bash_cwd;
  if (keep_project || cwd.empty()) cwd = ctx.project_dir;
  std::error_code ec;
  if (!cwd.empty() && !std::filesystem::is_directory(cwd, ec)) {
    note = "Shell cwd was reset to " + ctx.project_dir.string();
    cwd = ctx.project_dir;
  }
  return cwd;
}

void UpdateCwd(ToolContext& ctx, const std::filesystem::path& final_dir) {
  if (ctx.env && ctx.env->Truthy("CLAUDE_BASH_MAINTAIN_PROJECT_WORKING_DIR")) return;
  std::error_code ec;
  if (final_dir.empty() || !std::filesystem::is_directory(final_dir, ec)) return;
  std::lock_guard lock(ctx.session->mu);
  ctx.session->bash_cwd = final_dir;
}

exec::CommandSpec MakeSpec(std::string script, const std::filesystem::path& cwd,
                           const base::Env* env, int64_t timeout_ms) {
  exec::CommandSpec spec;
  spec.argv = {"bash", "-c", std::move(script)};
  spec.cwd = cwd;
  if (env) spec.env = std::map<std::string, std::string>(env->vars().begin(), env->vars().end());
  spec.timeout_ms = timeout_ms;
  return spec;
}

int64_t ClampTimeout(const Json& timeout_input, int64_t default_ms, int64_t max_ms) {
  double requested = timeout_input.AsDouble(0);
  int64_t ms = requested > 0 ? static_cast<int64_t>(requested) : default_ms;
  return std::max<int64_t>(1, std::min(ms, max_ms));
}

/// Starts the command as a background task; the result names its id and output file.
ToolResult RunInBackground(const Json& input, ToolContext& ctx, const BashLimits& limits) {
  if (ctx.background == nullptr || ctx.session == nullptr) {
    return ToolResult::Error("Background commands are not available here");
  }
  std::string note;
  std::filesystem::path cwd = StartDir(ctx, note);
  int64_t timeout_ms = ResolveBackgroundTimeout(input["timeout"], limits);
  const std::string& command = input["command"].AsString();
  auto task = ctx.background->Start(MakeSpec(command, cwd, ctx.env, timeout_ms), command);
  if (!task) return ToolResult::Error("Failed to start command: " + task.error().message);
  return FormatBackgroundStart(*task, timeout_ms, note);
}

}  // namespace

BashLimits BashLimitsFromEnv(const base::Env* env) {
  BashLimits limits;
  if (env == nullptr) return limits;
  auto positive = [&](std::string_view name) -> std::optional<long long> {
    auto v = env->GetInt(name);
    return v && *v > 0 ? v : std::nullopt;
  };
  if (auto v = positive("BASH_DEFAULT_TIMEOUT_MS")) limits.default_timeout_ms = *v;
  if (auto v = positive("BASH_MAX_TIMEOUT_MS")) limits.max_timeout_ms = *v;
  if (auto v = positive("BASH_MAX_OUTPUT_LENGTH"))
    limits.max_output_length = static_cast<size_t>(*v);
  return limits;
}

int64_t ResolveBashTimeout(const Json& timeout_input, const BashLimits& limits) {
  return ClampTimeout(timeout_input, limits.default_timeout_ms, limits.max_timeout_ms);
}

int64_t ResolveBackgroundTimeout(const Json& timeout_input, const BashLimits& limits) {
  return ClampTimeout(timeout_input, limits.background_default_timeout_ms,
                      limits.background_max_timeout_ms);
}

size_t BashCaptureBytes(const BashLimits& limits) {
  return limits.max_output_length + kCaptureSlackBytes;
}

std::string BashTool::description() const {
  return "Run a shell command with bash and return its stdout and stderr.\n"
         "- The working directory persists between calls (`cd` carries over); environment "
         "variables and shell state do not.\n"
         "- stdin is empty: commands must not wait for input. Use non-interactive flags.\n"
         "- `timeout` is in milliseconds (default 120000, max 600000). A command that runs "
         "longer is killed with its whole process group.\n"
         "- Long output is cut in the middle; redirect to a file and Read it when you need all "
         "of it.\n"
         "- `run_in_background: true` starts a long-running command (a server, a watcher, a long "
         "build) and returns at once with a task id and an output file to Read later; stop it "
         "with TaskStop. Background commands end when the run ends; do not append `&` "
         "yourself.\n"
         "- Prefer Read, Edit and Write over cat, sed and echo redirections for files.\n"
         "- Quote paths that contain spaces. Chain dependent commands with `&&`.";
}

Json BashTool::input_schema() const {
  return ObjectSchema(
      {{"command", "string", "The command to run"},
       {"timeout", "number", "Optional timeout in milliseconds (max 600000)"},
       {"description", "string", "What the command does, in 5-10 plain words"},
       {"run_in_background", "boolean",
        "Start the command in the background and return at once with a task id; its output "
        "goes to a file you can Read. `timeout` then limits how long it may run"},
       {"dangerouslyDisableSandbox", "boolean", "Run without the sandbox, when one is active"}},
      {"command"});
}

ToolResult BashTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  BashLimits limits = BashLimitsFromEnv(ctx.env);
  if (input["run_in_background"].AsBool()) return RunInBackground(input, ctx, limits);
  if (ctx.processes == nullptr || ctx.session == nullptr) {
    return ToolResult::Error("Bash is not available here: no process runner or session");
  }
  int64_t timeout_ms = ResolveBashTimeout(input["timeout"], limits);
  std::string note;
  std::filesystem::path cwd = StartDir(ctx, note);
  auto cwd_file = CwdFile::Create(TempDir(ctx.env));
  if (!cwd_file) return ToolResult::Error(cwd_file.error().message);

  exec::CommandSpec spec =
      MakeSpec(WrapScript(input["command"].AsString(), cwd_file->path()), cwd, ctx.env, timeout_ms);
  spec.max_output_bytes = BashCaptureBytes(limits);
  auto outcome = ctx.processes->Run(spec, ctx.cancel);
  if (!outcome) return ToolResult::Error("Failed to run command: " + outcome.error().message);
  UpdateCwd(ctx, cwd_file->Read());
  return FormatBashResult(*outcome, {timeout_ms, limits.max_output_length, note});
}

}  // namespace runner::tools
