#include "runner/base/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

namespace runner::base::log {
namespace {
std::atomic<Level> g_level{Level::kWarn};  // process-wide by nature: one stderr
std::shared_ptr<spdlog::logger>& Logger() {
  // shared_ptr: spdlog's API hands out shared loggers.
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = std::make_shared<spdlog::logger>("claude-runner",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("[%H:%M:%S.%e] %l: %v");
    l->set_level(spdlog::level::trace);
    return l;
  }();
  return logger;
}
}  // namespace

void Init(Level level) { g_level = level; }
Level CurrentLevel() { return g_level.load(); }

void Write(Level level, std::string_view message) {
  if (level < g_level.load() || level == Level::kOff) return;
  spdlog::level::level_enum l = level == Level::kDebug  ? spdlog::level::debug
                                : level == Level::kInfo ? spdlog::level::info
                                : level == Level::kWarn ? spdlog::level::warn
                                                        : spdlog::level::err;
  Logger()->log(l, "{}", message);
  Logger()->flush();
}

}  // namespace runner::base::log
