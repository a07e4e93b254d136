#include "runner/base/clock.h"

#include <chrono>
#include <ctime>

namespace runner::base {

int64_t MonotonicMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string IsoTimestamp(int64_t wall_ms) {
  if (wall_ms < 0) wall_ms = WallMs();
  time_t secs = static_cast<time_t>(wall_ms / 1000);
  struct tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(wall_ms % 1000));
  return buf;
}

std::string LocalDate() {
  time_t now = time(nullptr);
  struct tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace runner::base
