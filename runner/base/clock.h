#pragma once
/// Time helpers: a monotonic millisecond clock and ISO-8601 wall-clock stamps.

#include <cstdint>
#include <string>

namespace runner::base {

/// Milliseconds on the monotonic clock (for durations and deadlines).
int64_t MonotonicMs();
/// Wall-clock milliseconds since the Unix epoch.
int64_t WallMs();
/// `2026-11-21T13:12:07.862Z` for the given wall-clock milliseconds (default: now).
std::string IsoTimestamp(int64_t wall_ms = -1);
/// `2026-11-21` in local time.
std::string LocalDate();

}  // namespace runner::base
