#include "runner/cli/environment.h"

#include <sys/utsname.h>

#include <thread>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

namespace runner::cli {
namespace {

bool InsideGitRepo(std::filesystem::path dir) {
  std::error_code ec;
  while (true) {
    if (std::filesystem::exists(dir / ".git", ec)) return true;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return false;
    dir = dir.parent_path();
  }
}

std::string Git(exec::ProcessRunner& processes, const base::Env& env,
                const std::filesystem::path& cwd, std::vector<std::string> args) {
  exec::CommandSpec spec;
  spec.argv = {"git", "--no-optional-locks"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = cwd;
  spec.env = {env.vars().begin(), env.vars().end()};
  spec.timeout_ms = 3000;
  spec.max_output_bytes = 64 * 1024;
  auto out = processes.Run(spec, nullptr);
  if (!out || out->exit_code != 0) return {};
  return std::string(base::Trim(out->stdout_data));
}

}  // namespace

agent::EnvironmentFacts GatherFacts(const std::filesystem::path& cwd,
                                    const std::vector<std::filesystem::path>& add_dirs,
                                    const base::Env& env, exec::ProcessRunner& processes) {
  agent::EnvironmentFacts f;
  f.cwd = cwd;
  f.additional_dirs = add_dirs;
  f.date = base::LocalDate();
  struct utsname u {};
  if (uname(&u) == 0) f.os_version = std::string(u.sysname) + " " + u.release;
  f.is_git_repo = InsideGitRepo(cwd);
  if (f.is_git_repo) {
    // Two git processes, run side by side: start-up time matters for short CI runs.
    std::string log;
    std::thread log_thread([&] { log = Git(processes, env, cwd, {"log", "--oneline", "-n", "5"}); });
    std::string status = Git(processes, env, cwd, {"status", "--short", "--branch"});
    log_thread.join();
    f.git_recent_commits = std::move(log);
    // The first line is `## branch...upstream [ahead N]` (or `## HEAD (no branch)`).
    size_t nl = status.find('\n');
    std::string head = status.substr(0, nl);
    if (head.starts_with("## ")) {
      head = head.substr(3);
      f.git_branch = head.substr(0, std::min(head.find("..."), head.find(' ')));
      status = nl == std::string::npos ? "" : status.substr(nl + 1);
    }
    f.git_status = base::TruncateMiddle(status, 4000);
  }
  return f;
}

base::Env SubprocessEnv(const base::Env& env) {
  base::Env out = env;
  if (!env.Truthy("CLAUDE_CODE_SUBPROCESS_ENV_SCRUB")) return out;
  static constexpr std::string_view kPrefixes[] = {"ANTHROPIC_", "ACTIONS_", "INPUT_", "CLAUDE_CODE_OAUTH"};
  static constexpr std::string_view kNames[] = {
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK",
      "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_OAUTH_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN",
      "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN", "CI_JOB_JWT", "CI_JOB_JWT_V2",
      "AZURE_CLIENT_SECRET", "OTEL_EXPORTER_OTLP_HEADERS"};
  std::vector<std::string> drop;
  for (const auto& [name, value] : env.vars()) {
    bool secret = false;
    for (std::string_view p : kPrefixes) secret = secret || name.starts_with(p);
    for (std::string_view n : kNames) secret = secret || name == n;
    if (secret) drop.push_back(name);
  }
  for (const std::string& name : drop) out.Unset(name);
  return out;
}

}  // namespace runner::cli
