#include "runner/exec/supervisor.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "runner/base/files.h"
#include "runner/base/clock.h"
#include "runner/exec/output_capture.h"

namespace runner::exec {
namespace {

constexpr size_t kChunk = 64 * 1024;
/// Without a pidfd the leader's exit is only seen by polling waitid, so tick faster once the
/// pipes are closed.
constexpr int64_t kNoPidfdTickMs = 5;
/// Bound on the final drain, so a member writing without pause cannot keep us reading.
constexpr size_t kMaxFinalDrain = 1024 * 1024;

class Supervisor {
 public:
  Supervisor(ChildProcess& child, const CommandSpec& spec, base::CancelToken* cancel,
             const std::atomic<bool>& killed_by_owner)
      : child_(child), spec_(spec), cancel_(cancel), killed_by_owner_(killed_by_owner) {}

  ProcessOutcome Run() {
    int64_t now = base::MonotonicMs();
    if (spec_.timeout_ms > 0) deadline_ = now + spec_.timeout_ms;
    while (!Done(now)) {
      PumpOnce(PollTimeoutMs(now));
      now = base::MonotonicMs();
      Check(now);
    }
    DrainAvailable();
    if (killed_by_owner_.load() && !outcome_.timed_out) outcome_.interrupted = true;
    CapturedStream out = stdout_.Take();
    CapturedStream err = stderr_.Take();
    outcome_.stdout_data = std::move(out.data);
    outcome_.stderr_data = std::move(err.data);
    outcome_.stdout_gap = out.gap;
    outcome_.stderr_gap = err.gap;
    outcome_.dropped_bytes = out.gap.bytes + err.gap.bytes;
    return std::move(outcome_);
  }

 private:
  bool PipesOpen() const {
    ChildPipes& p = child_.pipes();
    return p.out.valid() || p.err.valid();
  }

  bool Done(int64_t now) const {
    if (!leader_exited_) return false;
    if (!PipesOpen()) return true;
    int64_t until = linger_until_;
    if (sigkill_at_ > 0) until = std::max(until, sigkill_at_);
    return now >= until;
  }

  int PollTimeoutMs(int64_t now) const {
    int64_t t = kCancelCheckMs;
    if (deadline_ > 0 && sigkill_at_ == 0) t = std::min(t, deadline_ - now);
    if (sigkill_at_ > 0 && !kill_sent_) t = std::min(t, sigkill_at_ - now);
    if (leader_exited_) t = std::min(t, linger_until_ - now);
    if (!child_.pidfd().valid() && !PipesOpen()) t = std::min(t, kNoPidfdTickMs);
    return static_cast<int>(std::max<int64_t>(t, 0));
  }

  void PumpOnce(int timeout_ms) {
    ChildPipes& p = child_.pipes();
    pollfd fds[4];
    base::Fd* owners[4];
    nfds_t n = 0;
    auto add = [&](base::Fd& fd, short events) {
      if (!fd.valid()) return;
      fds[n] = pollfd{fd.get(), events, 0};
      owners[n++] = &fd;
    };
    add(p.out, POLLIN);
    add(p.err, POLLIN);
    add(p.in, POLLOUT);
    nfds_t pidfd_index = n;
    if (!leader_exited_ && child_.pidfd().valid()) {
      fds[n++] = pollfd{child_.pidfd().get(), POLLIN, 0};
    }
    if (::poll(fds, n, timeout_ms) <= 0) return;
    for (nfds_t i = 0; i < pidfd_index; ++i) {
      if (fds[i].revents == 0) continue;
      if (owners[i] == &p.in) {
        FeedStdin();
      } else {
        ReadOnce(*owners[i], owners[i] == &p.out ? stdout_ : stderr_);
      }
    }
  }

  /// Reads one chunk; returns false when nothing more is available right now.
  bool ReadOnce(base::Fd& fd, HeadTailBuffer& sink) {
    char buf[kChunk];
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return false;
    if (n <= 0) {
      fd.Reset();
      return false;
    }
    sink.Append(std::string_view(buf, static_cast<size_t>(n)));
    return true;
  }

  void FeedStdin() {
    base::Fd& in = child_.pipes().in;
    const std::string& data = spec_.stdin_data;
    size_t len = std::min(kChunk, data.size() - stdin_offset_);
    ssize_t n = base::WriteNoSigpipe(in.get(), data.data() + stdin_offset_, len);
    if (n > 0) stdin_offset_ += static_cast<size_t>(n);
    bool retry = n < 0 && (errno == EAGAIN || errno == EINTR);
    if (stdin_offset_ == data.size() || (n < 0 && !retry)) in.Reset();  // done, or EPIPE
  }

  void Check(int64_t now) {
    if (!leader_exited_ && child_.LeaderExited()) {
      leader_exited_ = true;
      linger_until_ = now + kLingerAfterExitMs;
      child_.pipes().in.Reset();
    }
    if (!leader_exited_ && sigkill_at_ == 0) {
      if (cancel_ != nullptr && cancel_->cancelled()) {
        outcome_.interrupted = true;
        StartKill(now);
      } else if (deadline_ > 0 && now >= deadline_) {
        outcome_.timed_out = true;
        StartKill(now);
      }
    }
    if (sigkill_at_ > 0 && !kill_sent_ && now >= sigkill_at_) {
      child_.SignalGroup(SIGKILL);
      kill_sent_ = true;
    }
  }

  void StartKill(int64_t now) {
    child_.SignalGroup(SIGTERM);
    // A stopped group would never act on SIGTERM.
    child_.SignalGroup(SIGCONT);
    sigkill_at_ = now + std::max<int64_t>(spec_.kill_grace_ms, 0);
  }

  /// Takes what is already buffered in the pipes without waiting for more.
  void DrainAvailable() {
    ChildPipes& p = child_.pipes();
    size_t budget = kMaxFinalDrain;
    for (auto [fd, sink] : {std::pair{&p.out, &stdout_}, std::pair{&p.err, &stderr_}}) {
      while (fd->valid() && budget > 0 && ReadOnce(*fd, *sink)) budget -= std::min(budget, kChunk);
    }
  }

  ChildProcess& child_;
  const CommandSpec& spec_;
  base::CancelToken* cancel_;
  const std::atomic<bool>& killed_by_owner_;
  ProcessOutcome outcome_;
  HeadTailBuffer stdout_{spec_.max_output_bytes};
  HeadTailBuffer stderr_{spec_.max_output_bytes};
  int64_t deadline_ = 0;    ///< timeout on the monotonic clock; 0 = none
  int64_t sigkill_at_ = 0;  ///< set when SIGTERM was sent
  bool kill_sent_ = false;
  bool leader_exited_ = false;
  int64_t linger_until_ = 0;  ///< after the leader's exit, how long open pipes are awaited
  size_t stdin_offset_ = 0;
};

}  // namespace

ProcessOutcome Supervise(ChildProcess& child, const CommandSpec& spec, base::CancelToken* cancel,
                         const std::atomic<bool>& killed_by_owner) {
  return Supervisor(child, spec, cancel, killed_by_owner).Run();
}

}  // namespace runner::exec
