#include "runner/git/git_cli.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

extern char** environ;

namespace runner::git::detail {

using base::ErrorKind;
using base::Fail;

namespace {

constexpr int64_t kPushLimitMs = 300000;

/// The child's environment: ours minus GIT_* overrides, plus no prompts and the credential
/// helper's token.
std::vector<std::string> ChildEnv(const RemoteAuth& auth) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    // No GIT_* steering from the environment (GIT_DIR, GIT_CONFIG_*, GIT_ASKPASS, …) except
    // the CA settings a proxied network needs.
    bool ca = kv.starts_with("GIT_SSL_CAINFO=") || kv.starts_with("GIT_SSL_CAPATH=");
    if ((kv.starts_with("GIT_") && !ca) || kv.starts_with("CLAUDE_RUNNER_GIT_")) continue;
    env.emplace_back(kv);
  }
  // Only the repository's own config counts (the caller vouches for it); no user or system
  // config can add url rewrites, proxies or helpers.
  env.push_back("GIT_CONFIG_GLOBAL=/dev/null");
  env.push_back("GIT_CONFIG_NOSYSTEM=1");
  env.push_back("GIT_TERMINAL_PROMPT=0");
  env.push_back("GCM_INTERACTIVE=never");
  if (!auth.token.empty()) {
    env.push_back("CLAUDE_RUNNER_GIT_USER=" + auth.username);
    env.push_back("CLAUDE_RUNNER_GIT_TOKEN=" + auth.token);
  }
  return env;
}

}  // namespace

base::Result<void> PushWithGitCli(const std::filesystem::path& workdir, const std::string& url,
                                  const std::string& refspec, const RemoteAuth& auth,
                                  std::string_view what) {
  std::vector<std::string> args = {"git", "-C", workdir.string(), "-c", "credential.helper=",
                                   "-c", "core.hooksPath=/dev/null"};
  if (!auth.token.empty()) {
    args.insert(args.end(), {"-c", "credential.helper=!f() { test \"$1\" = get || exit 0; "
                                   "echo \"username=$CLAUDE_RUNNER_GIT_USER\"; "
                                   "echo \"password=$CLAUDE_RUNNER_GIT_TOKEN\"; }; f"});
  }
  args.insert(args.end(), {"push", "--porcelain", "--", url, refspec});
  std::vector<std::string> env = ChildEnv(auth);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return Fail(ErrorKind::kIo, "git: cannot create a pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, out[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> argv, envp;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, "git", &fa, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    return Fail(ErrorKind::kIo, "git: " + std::string(what) +
                                    ": this checkout is shallow and pushing from it needs the git "
                                    "command, which cannot be run: " + std::strerror(rc));
  }
  std::string text;
  int64_t deadline = base::MonotonicMs() + kPushLimitMs;
  bool timed_out = false;
  for (;;) {
    int64_t left = deadline - base::MonotonicMs();
    if (left <= 0) {
      timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char buf[4096];
    ssize_t got = read(out[0], buf, sizeof buf);
    if (got <= 0) break;
    if (text.size() < 65536) text.append(buf, static_cast<size_t>(got));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  text = base::ReplaceAll(std::move(text), auth.token, "***");
  if (timed_out) return Fail(ErrorKind::kNetwork, "git: " + std::string(what) + ": timed out");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  // --porcelain prints "!<tab>ref:ref<tab>[rejected] (reason)" for refused refs; keep the
  // lines that say why, joined on one line.
  std::vector<std::string> why;
  for (const std::string& line : base::Split(text, '\n')) {
    std::string_view l = base::Trim(line);
    if (l.starts_with("!") || l.starts_with("remote:") || l.starts_with("error:") || l.starts_with("fatal:")) {
      why.emplace_back(l);
    }
  }
  std::string reason = why.empty() ? std::string(base::Trim(text)) : base::Join(why, "; ");
  return Fail(ErrorKind::kApi, "git: " + std::string(what) + " was rejected: " + base::Utf8Prefix(reason, 600));
}

}  // namespace runner::git::detail
