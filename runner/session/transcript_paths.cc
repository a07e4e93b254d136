// Where transcripts live: ConfigDir, ProjectKey, ProjectDir, TranscriptPath, FindLatestTranscript.
#include <chrono>
#include <cstdint>
#include <system_error>

#include "runner/session/transcript.h"

namespace runner::session {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::filesystem::path ConfigDir(const base::Env& env) {
  if (auto dir = env.Get("CLAUDE_CONFIG_DIR"); dir && !dir->empty()) return *dir;
  if (auto home = env.Get("HOME"); home && !home->empty()) {
    return std::filesystem::path(*home) / ".claude";
  }
  return ".claude";
}

// Claude Code replaces /[^a-zA-Z0-9]/g in a JavaScript (UTF-16) string, so a non-ASCII
// character becomes one '-' (two for characters outside the BMP), not one per UTF-8 byte.
std::string ProjectKey(const std::filesystem::path& cwd) {
  const std::string s = cwd.string();
  std::string key;
  key.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (IsAsciiAlnum(c)) {
      key.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = Utf8Length(c);
    key.append(len == 4 ? "--" : "-");
    i += len;
  }
  return key;
}

std::filesystem::path ProjectDir(const base::Env& env, const std::filesystem::path& cwd) {
  return ConfigDir(env) / "projects" / ProjectKey(cwd);
}

std::filesystem::path TranscriptPath(const base::Env& env, const std::filesystem::path& cwd,
                                     const std::string& session_id) {
  return ProjectDir(env, cwd) / (session_id + ".jsonl");
}

base::Result<std::filesystem::path> FindLatestTranscript(const base::Env& env,
                                                         const std::filesystem::path& cwd) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path best;
  fs::file_time_type best_time;
  for (const fs::directory_entry& entry : fs::directory_iterator(ProjectDir(env, cwd), ec)) {
    if (!entry.is_regular_file(ec) || entry.path().extension() != ".jsonl") continue;
    fs::file_time_type t = entry.last_write_time(ec);
    if (ec) continue;
    if (best.empty() || t > best_time) {
      best = entry.path();
      best_time = t;
    }
  }
  if (best.empty()) return base::Fail(base::ErrorKind::kUsage, "No conversation found to continue");
  return best;
}

size_t RemoveOldTranscripts(const std::filesystem::path& config_dir, int64_t days,
                            std::filesystem::file_time_type now) {
  namespace fs = std::filesystem;
  if (days <= 0) return 0;
  const auto cutoff = now - std::chrono::hours(24 * days);
  size_t removed = 0;
  std::error_code ec;
  for (const fs::directory_entry& project : fs::directory_iterator(config_dir / "projects", ec)) {
    if (!project.is_directory(ec) || project.is_symlink(ec)) continue;
    for (const fs::directory_entry& file : fs::directory_iterator(project.path(), ec)) {
      if (file.path().extension() != ".jsonl" || !file.is_regular_file(ec) || file.is_symlink(ec)) {
        continue;
      }
      auto written = file.last_write_time(ec);
      if (!ec && written < cutoff && fs::remove(file.path(), ec)) ++removed;
    }
    if (fs::is_empty(project.path(), ec) && !ec) fs::remove(project.path(), ec);
  }
  return removed;
}

}  // namespace runner::session
