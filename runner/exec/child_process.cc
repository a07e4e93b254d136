#include "runner/exec/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "runner/exec/path_lookup.h"

namespace runner::exec {
namespace {

using base::ErrorKind;
using base::Fail;
using base::Fd;

struct Pipe {
  Fd read;
  Fd write;
};

/// A pipe with both ends O_CLOEXEC; the parent's end (`parent_reads` picks it) is non-blocking.
base::Result<Pipe> MakePipe(bool parent_reads) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return Fail(ErrorKind::kIo, std::string("pipe2 failed: ") + std::strerror(errno));
  }
  Pipe p{Fd(fds[0]), Fd(fds[1])};
  int parent_fd = parent_reads ? p.read.get() : p.write.get();
  ::fcntl(parent_fd, F_SETFL, ::fcntl(parent_fd, F_GETFL) | O_NONBLOCK);
  return p;
}

std::vector<std::string> EnvStrings(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> CPointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

/// File actions wiring the child's stdio (stdin_fd -1 = /dev/null), closing every other fd
/// and changing to `cwd` (empty = stay).
class FileActions {
 public:
  FileActions(int stdin_fd, int stdout_fd, int stderr_fd, const std::filesystem::path& cwd) {
    posix_spawn_file_actions_init(&actions_);
    if (stdin_fd >= 0) {
      posix_spawn_file_actions_adddup2(&actions_, stdin_fd, STDIN_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions_, stdout_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions_, stderr_fd, STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions_, STDERR_FILENO + 1);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions_, cwd.c_str());
  }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

/// Attributes for a new process group with the signal mask emptied and every disposition back
/// to default (we may ignore SIGPIPE; the child must not inherit that).
class SpawnAttr {
 public:
  SpawnAttr() {
    posix_spawnattr_init(&attr_);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr_, &none);
    posix_spawnattr_setsigdefault(&attr_, &all);
    posix_spawnattr_setpgroup(&attr_, 0);
    posix_spawnattr_setflags(
        &attr_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnAttr() { posix_spawnattr_destroy(&attr_); }
  SpawnAttr(const SpawnAttr&) = delete;
  SpawnAttr& operator=(const SpawnAttr&) = delete;
  const posix_spawnattr_t* get() const { return &attr_; }

 private:
  posix_spawnattr_t attr_;
};

base::Result<std::string> ResolveExecutable(const CommandSpec& spec) {
  if (spec.argv.empty()) return Fail(ErrorKind::kUsage, "empty command");
  auto path_it = spec.env.find("PATH");
  std::optional<std::string_view> path_var;
  if (path_it != spec.env.end()) path_var = path_it->second;
  std::optional<std::string> exe = FindExecutable(spec.argv[0], path_var, spec.cwd);
  if (!exe) return Fail(ErrorKind::kIo, "command not found: " + spec.argv[0]);
  return *exe;
}

/// Opens (creating, mode 0600) the file a child's output is appended to; refuses symlinks.
base::Result<Fd> OpenOutputFile(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) {
    return Fail(ErrorKind::kIo,
                "cannot open output file " + path.string() + ": " + std::strerror(errno));
  }
  return fd;
}

std::string SpawnErrorMessage(const CommandSpec& spec, const std::string& exe, int err) {
  std::string msg = "cannot start " + spec.argv[0] + " (" + exe + "): " + std::strerror(err);
  if (!spec.cwd.empty() && !std::filesystem::is_directory(spec.cwd)) {
    msg += " (working directory " + spec.cwd.string() + " does not exist)";
  }
  return msg;
}

}  // namespace

base::Result<ChildProcess> ChildProcess::Spawn(const CommandSpec& spec) {
  std::string exe = TRY(ResolveExecutable(spec));
  Pipe out, err, in;
  Fd file;  // the output file, when the spec names one
  if (spec.output_file.empty()) {
    out = TRY(MakePipe(true));
    err = TRY(MakePipe(true));
  } else {
    file = TRY(OpenOutputFile(spec.output_file));
  }
  if (!spec.stdin_data.empty() || spec.stdin_pipe) in = TRY(MakePipe(false));
  int out_fd = file.valid() ? file.get() : out.write.get();
  int err_fd = file.valid() ? file.get() : err.write.get();
  FileActions actions(in.read.valid() ? in.read.get() : -1, out_fd, err_fd, spec.cwd);
  SpawnAttr attr;

  std::vector<std::string> argv_strings = spec.argv;
  std::vector<std::string> env_strings = EnvStrings(spec.env);
  std::vector<char*> argv = CPointers(argv_strings);
  std::vector<char*> envp = CPointers(env_strings);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, exe.c_str(), actions.get(), attr.get(), argv.data(), envp.data());
  if (rc != 0) return Fail(ErrorKind::kIo, SpawnErrorMessage(spec, exe, rc));

  // glibc 2.36's <sys/pidfd.h> lacks extern "C", so call the syscall directly. A pidfd is
  // always close-on-exec; failure (old kernel) leaves it invalid and the supervisor polls.
  Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  return ChildProcess(pid,
                      ChildPipes{std::move(in.write), std::move(out.read), std::move(err.read)},
                      std::move(pidfd));
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), pipes_(std::move(other.pipes_)), pidfd_(std::move(other.pidfd_)) {
  other.pid_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) ReapGroup();
}

void ChildProcess::SignalGroup(int sig) const {
  if (pid_ > 0) ::kill(-pid_, sig);
}

bool ChildProcess::LeaderExited() const {
  if (pid_ <= 0) return true;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno == ECHILD;
  }
  return info.si_pid == pid_;
}

int ChildProcess::ReapGroup() {
  if (pid_ <= 0) return 0;
  SignalGroup(SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  pipes_ = ChildPipes{};
  pidfd_.Reset();
  return status;
}

}  // namespace runner::exec
