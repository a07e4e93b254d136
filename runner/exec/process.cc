#include "runner/exec/process.h"

#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <map>
#include <mutex>

#include "runner/base/clock.h"
#include "runner/exec/child_process.h"
#include "runner/exec/supervisor.h"

namespace runner::exec {

/// The process groups currently inside Run(), each with the flag KillAll sets.
struct PosixProcessRunner::State {
  std::mutex mu;
  std::map<pid_t, std::atomic<bool>*> running;
};

namespace {

/// Lists a group in State::running for its lifetime. Ends before the leader is reaped, so
/// KillAll never signals a group id that may have been reused.
using GroupMap = std::map<pid_t, std::atomic<bool>*>;

class RunningGroup {
 public:
  RunningGroup(std::mutex& mu, GroupMap& groups, pid_t pgid, std::atomic<bool>* killed)
      : mu_(mu), groups_(groups), pgid_(pgid) {
    std::lock_guard lock(mu_);
    groups_[pgid_] = killed;
  }
  ~RunningGroup() {
    std::lock_guard lock(mu_);
    groups_.erase(pgid_);
  }
  RunningGroup(const RunningGroup&) = delete;
  RunningGroup& operator=(const RunningGroup&) = delete;

 private:
  std::mutex& mu_;
  GroupMap& groups_;
  pid_t pgid_;
};

void FillExitStatus(int status, ProcessOutcome& outcome) {
  if (WIFEXITED(status)) {
    outcome.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.exit_code = -1;
    outcome.term_signal = WTERMSIG(status);
  }
}

}  // namespace

PosixProcessRunner::PosixProcessRunner() : state_(new State) {}

PosixProcessRunner::~PosixProcessRunner() {
  KillAll();
  delete state_;
}

base::Result<ProcessOutcome> PosixProcessRunner::Run(const CommandSpec& spec,
                                                     base::CancelToken* cancel) {
  int64_t start = base::MonotonicMs();
  ChildProcess child = TRY(ChildProcess::Spawn(spec));
  std::atomic<bool> killed{false};
  ProcessOutcome outcome;
  {
    RunningGroup listed(state_->mu, state_->running, child.pid(), &killed);
    outcome = Supervise(child, spec, cancel, killed);
  }
  FillExitStatus(child.ReapGroup(), outcome);
  outcome.duration_ms = base::MonotonicMs() - start;
  return outcome;
}

void PosixProcessRunner::KillAll() {
  std::lock_guard lock(state_->mu);
  for (auto& [pgid, killed] : state_->running) {
    killed->store(true);
    ::kill(-pgid, SIGKILL);
  }
}

}  // namespace runner::exec
