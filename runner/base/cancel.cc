#include "runner/base/cancel.h"

#include "runner/base/clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace runner::base {

bool CancelToken::cancelled() {
  if (reason_.load() != 0) return true;
  int64_t d = deadline_ms_.load();
  if (d > 0 && MonotonicMs() >= d) {
    Cancel(CancelReason::kDeadline);
    return true;
  }
  return false;
}

int64_t CancelToken::RemainingMs() const {
  int64_t d = deadline_ms_.load();
  if (d <= 0) return -1;
  int64_t left = d - MonotonicMs();
  return left < 0 ? 0 : left;
}

bool SleepCancellable(int64_t ms, CancelToken* cancel) {
  constexpr int64_t kSliceMs = 25;
  const int64_t end = MonotonicMs() + ms;
  while (!(cancel && cancel->cancelled())) {
    int64_t left = end - MonotonicMs();
    if (left <= 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(left, kSliceMs)));
  }
  return false;
}

}  // namespace runner::base
