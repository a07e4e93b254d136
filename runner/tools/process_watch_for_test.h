#pragma once
/// Test-only helpers for tests that start processes: is a pid gone, and waiting (bounded) for a
/// condition. Never included by library code.

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace runner::tools {

/// True when `pid` is gone, or a zombie whose parent (not us) has not reaped it yet.
inline bool ProcessGone(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

/// Polls `done` every 10 ms for up to `limit`; returns its last value.
template <class Predicate>
bool WaitFor(Predicate done, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  auto give_up = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline bool EventuallyGone(pid_t pid) {
  return WaitFor([pid] { return ProcessGone(pid); });
}

}  // namespace runner::tools
