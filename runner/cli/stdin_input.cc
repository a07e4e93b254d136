#include "runner/cli/stdin_input.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <thread>

#include "runner/base/clock.h"

namespace runner::cli {

namespace {
// Waits up to `ms` (-1 = forever) for fd to be readable, waking every 100 ms for the token.
bool WaitReadable(int fd, int64_t ms, base::CancelToken& cancel) {
  int64_t end = ms < 0 ? -1 : base::MonotonicMs() + ms;
  while (!cancel.cancelled()) {
    int64_t left = end < 0 ? 100 : std::min<int64_t>(100, end - base::MonotonicMs());
    if (end >= 0 && left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left));
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) return false;
  }
  return false;
}
}  // namespace

std::optional<std::string> ReadPipedStdin(int fd, int64_t first_byte_wait_ms, int64_t idle_ms,
                                          size_t max_bytes, base::CancelToken& cancel) {
  if (::isatty(fd)) return std::nullopt;
  std::string data;
  char buf[65536];
  int64_t wait = first_byte_wait_ms;
  while (data.size() < max_bytes) {
    if (!WaitReadable(fd, wait, cancel)) break;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
    wait = idle_ms;
  }
  if (data.size() > max_bytes) data.resize(max_bytes);
  if (data.empty()) return std::nullopt;
  return data;
}

void LineQueue::Start(int fd) {
  std::thread([this, fd] {
    std::string pending;
    char buf[65536];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      pending.append(buf, static_cast<size_t>(n));
      size_t nl;
      while ((nl = pending.find('\n')) != std::string::npos) {
        std::string line = pending.substr(0, nl);
        pending.erase(0, nl + 1);
        std::lock_guard<std::mutex> lock(mu_);
        lines_.push_back(std::move(line));
        cv_.notify_all();
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (!pending.empty()) lines_.push_back(std::move(pending));
    eof_ = true;
    cv_.notify_all();
  }).detach();
}

std::optional<std::string> LineQueue::Next(base::CancelToken& cancel) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (!lines_.empty()) {
      std::string line = std::move(lines_.front());
      lines_.pop_front();
      return line;
    }
    if (eof_ || cancel.cancelled()) return std::nullopt;
    cv_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

}  // namespace runner::cli
