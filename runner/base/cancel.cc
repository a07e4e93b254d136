#include "runner/base/cancel.h"

#include "runner/base/clock.h"

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

}  // namespace runner::base
