#pragma once
/// Cooperative cancellation shared by the agent loop, HTTP calls and child processes.
/// Cancel() is async-signal-safe (one lock-free atomic store), so signal handlers may call it.

#include <atomic>
#include <cstdint>

namespace runner::base {

enum class CancelReason : int { kNone = 0, kInterrupt = 1, kTerminate = 2, kDeadline = 3 };

class CancelToken {
 public:
  void Cancel(CancelReason reason) {
    int expected = 0;
    reason_.compare_exchange_strong(expected, static_cast<int>(reason));
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

}  // namespace runner::base
