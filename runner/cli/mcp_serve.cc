#include "runner/cli/mcp_serve.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "runner/base/env.h"
#include "runner/base/log.h"
#include "runner/base/version.h"
#include "runner/cli/flags.h"
#include "runner/cli/signals.h"
#include "runner/cli/stdin_input.h"
#include "runner/exec/process.h"
#include "runner/output/line_writer.h"
#include "runner/permissions/gate.h"
#include "runner/permissions/rule.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/registry.h"

namespace runner::cli {
namespace {

namespace fs = std::filesystem;

int UsageError(const std::string& message) {
  std::fprintf(stderr, "Error: %s\nRun 'claude-runner mcp --help' for usage.\n", message.c_str());
  return static_cast<int>(ExitCode::kUsage);
}

bool IsServed(std::string_view name) {
  return std::find(std::begin(kServedTools), std::end(kServedTools), name) !=
         std::end(kServedTools);
}

/// --add-dir values as absolute directories; a missing one is a usage error.
base::Result<std::vector<fs::path>> ResolveDirs(const std::vector<std::string>& dirs) {
  std::vector<fs::path> out;
  for (const std::string& d : dirs) {
    std::error_code ec;
    fs::path p = fs::absolute(d, ec).lexically_normal();
    if (ec || !fs::is_directory(p, ec)) {
      return base::Fail(base::ErrorKind::kUsage, "--add-dir: not a directory: " + d);
    }
    out.push_back(p);
  }
  return out;
}

/// What the client's model is told about the server: where the tools run and reach.
std::string Instructions(const permissions::Gate& gate, const std::vector<tools::Tool*>& served) {
  std::string text = fmt::format(
      "The built-in tools of claude-runner, with the names, inputs and behaviour of Claude "
      "Code's. They run in {}; file tools reach only files under: {}.",
      gate.working_dirs()[0], fmt::join(gate.working_dirs(), ", "));
  bool bash = std::any_of(served.begin(), served.end(),
                          [](const tools::Tool* t) { return t->name() == "Bash"; });
  if (bash) {
    text +=
        " Bash runs any command as the user who started the server, and its working "
        "directory carries over between calls.";
  }
  return text;
}

ExitCode ExitCodeForSignal(base::CancelReason reason) {
  switch (reason) {
    case base::CancelReason::kTerminate:
      return ExitCode::kTerminated;
    case base::CancelReason::kInterrupt:
      return ExitCode::kInterrupted;
    case base::CancelReason::kDeadline:
      return ExitCode::kTimeout;
    case base::CancelReason::kTurnInterrupt:
    case base::CancelReason::kNone:
      return ExitCode::kSuccess;
  }
  return ExitCode::kError;
}

int Serve(const McpFlags& flags) {
  base::log::Init(flags.debug ? base::log::Level::kDebug : base::log::Level::kWarn);
  base::Env env = base::Env::FromProcess();
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return UsageError("cannot read the current directory: " + ec.message());
  auto dirs = ResolveDirs(flags.add_dirs);
  if (!dirs) return UsageError(dirs.error().message);
  std::vector<std::unique_ptr<tools::Tool>> all = tools::BuildBuiltinTools();
  auto served = SelectServedTools(all, flags.tools);
  if (!served) return UsageError(served.error().message);
  permissions::Gate gate(McpConfinementPolicy(cwd, *dirs, env));

  base::CancelToken shutdown;
  InstallSignalHandlers(&shutdown);
  exec::PosixProcessRunner processes;
  tools::ToolSession session;
  session.bash_cwd = cwd;
  // Outlives the server: its destructor stops and reaps every background command.
  tools::BackgroundShells background(tools::BackgroundShells::DefaultOutputDir(&env));
  tools::ToolContext context{cwd, &env, nullptr, &processes, &session, &background};
  context.additional_dirs = *dirs;
  McpServerOptions options{base::kVersion, Instructions(gate, *served)};
  if (auto c = env.GetInt("CLAUDE_CODE_MAX_TOOL_USE_CONCURRENCY"); c && *c > 0) {
    options.max_parallel_reads = static_cast<int>(*c);
  }
  output::LineWriter out(STDOUT_FILENO);
  McpServer server(*served, gate, context, options,
                   [&out](std::string line) { out.WriteLine(std::move(line)); });
  base::log::Debug("mcp serve: serving {} tools in {}", served->size(), cwd.string());
  // Never freed: its reader thread is detached and may sit in read(2) until the process exits.
  auto* lines = new LineQueue();
  lines->Start(STDIN_FILENO);
  ExitCode code = ServeLines(
      server, [&] { return lines->Next(shutdown); }, shutdown);
  processes.KillAll();
  return static_cast<int>(code);
}

}  // namespace

base::Result<std::vector<tools::Tool*>> SelectServedTools(
    const std::vector<std::unique_ptr<tools::Tool>>& all,
    const std::optional<std::vector<std::string>>& wanted) {
  std::vector<std::string> names;
  bool select = false;
  if (wanted) {
    names = permissions::SplitToolList(*wanted);
    select = !(names.size() == 1 && names[0] == "default");
  }
  for (const std::string& n : names) {
    if (select && !IsServed(n)) {
      return base::Fail(base::ErrorKind::kUsage,
                        fmt::format("--tools: '{}' is not a tool mcp serve offers ({})", n,
                                    fmt::join(kServedTools, ", ")));
    }
  }
  std::vector<tools::Tool*> out;
  for (const auto& tool : all) {
    bool chosen = !select || std::find(names.begin(), names.end(), tool->name()) != names.end();
    if (IsServed(tool->name()) && chosen) out.push_back(tool.get());
  }
  return out;
}

permissions::GatePolicy McpConfinementPolicy(const fs::path& cwd, const std::vector<fs::path>& dirs,
                                             const base::Env& env) {
  permissions::GatePolicy p;
  p.mode = permissions::PermissionMode::kAcceptEdits;
  p.working_dirs.push_back(cwd.string());
  for (const fs::path& d : dirs) p.working_dirs.push_back(d.string());
  p.cwd = cwd.string();
  p.home = env.GetOr("HOME", "");
  p.real_path = [](const std::string& path) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(path, ec);
    return ec ? std::string() : r.string();
  };
  return p;
}

ExitCode ServeLines(McpServer& server, const std::function<std::optional<std::string>()>& next_line,
                    base::CancelToken& shutdown) {
  while (std::optional<std::string> line = next_line()) server.HandleLine(*line);
  if (shutdown.cancelled()) server.CancelAll();
  server.Wait(shutdown);
  return shutdown.cancelled() ? ExitCodeForSignal(shutdown.reason()) : ExitCode::kSuccess;
}

int RunMcpCommand(int argc, const char* const* argv) {
  auto flags = ParseMcpFlags(argc, argv);
  if (!flags) return UsageError(flags.error().message);
  if (flags->show_help) {
    std::fputs(flags->help_text.c_str(), stdout);
    return 0;
  }
  return Serve(*flags);
}

}  // namespace runner::cli
