#pragma once
/// Logging facade: diagnostics go to stderr (never stdout). spdlog stays inside log.cc.
/// `base::log::Debug("retrying in {} ms", delay);`

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace runner::base::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

/// Configures the stderr logger once at start (cli/ calls this).
void Init(Level level);
Level CurrentLevel();
void Write(Level level, std::string_view message);

template <class... Args>
void Debug(fmt::format_string<Args...> f, Args&&... args) {
  if (CurrentLevel() <= Level::kDebug) Write(Level::kDebug, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void Info(fmt::format_string<Args...> f, Args&&... args) {
  if (CurrentLevel() <= Level::kInfo) Write(Level::kInfo, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void Warn(fmt::format_string<Args...> f, Args&&... args) {
  if (CurrentLevel() <= Level::kWarn) Write(Level::kWarn, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void Error(fmt::format_string<Args...> f, Args&&... args) {
  if (CurrentLevel() <= Level::kError) Write(Level::kError, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace runner::base::log
