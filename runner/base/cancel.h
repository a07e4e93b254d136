#pragma once
/// Cooperative cancellation shared by the agent loop, HTTP calls and child processes.
/// Cancel() is async-signal-safe (one lock-free atomic store), so signal handlers may call it.

#include <atomic>
#include <cstdint>

namespace runner::base {

enum class CancelReason : int {
  kNone = 0,
  kInterrupt = 1,  ///< SIGINT: the run ends
  kTerminate = 2,  ///< SIGTERM: the run ends
  kDeadline = 3,   ///< --timeout: the run ends
  kTurnInterrupt = 4,  ///< the SDK host's `interrupt` request: only the current turn ends
};

class CancelToken {
 public:
  void Cancel(CancelReason reason) {
    int expected = 0;
    reason_.compare_exchange_strong(expected, static_cast<int>(reason));
  }
  /// Clears a cancellation whose reason is `reason` (the turn loop clears kTurnInterrupt after
  /// the interrupted turn ended). Returns true when it did.
  bool Clear(CancelReason reason) {
    int expected = static_cast<int>(reason);
    return reason_.compare_exchange_strong(expected, 0);
  }
  /// Sets an absolute deadline on the monotonic clock (0 = none).
  void SetDeadlineMs(int64_t monotonic_ms) { deadline_ms_.store(monotonic_ms); }
  int64_t deadline_ms() const { return deadline_ms_.load(); }
  /// True once cancelled or past the deadline (which then becomes the reason).
  bool cancelled();
  CancelReason reason() const { return static_cast<CancelReason>(reason_.load()); }
  /// Milliseconds until the deadline (clamped at 0), or -1 without a deadline.
  int64_t RemainingMs() const;

 private:
  std::atomic<int> reason_{0};
  std::atomic<int64_t> deadline_ms_{0};
};

/// Sleeps `ms` in short slices; returns false as soon as `cancel` (may be null) fires.
bool SleepCancellable(int64_t ms, CancelToken* cancel);

}  // namespace runner::base
