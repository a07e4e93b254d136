#include "runner/exec/path_lookup.h"

#include <sys/stat.h>
#include <unistd.h>

namespace runner::exec {
namespace {

bool IsExecutableFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::filesystem::path ResolveDir(std::string_view entry, const std::filesystem::path& cwd) {
  std::filesystem::path dir =
      entry.empty() ? std::filesystem::path(".") : std::filesystem::path(entry);
  if (dir.is_relative() && !cwd.empty()) dir = cwd / dir;
  return dir;
}

}  // namespace

std::optional<std::string> FindExecutable(std::string_view name,
                                          std::optional<std::string_view> path_var,
                                          const std::filesystem::path& cwd) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string_view::npos) return std::string(name);
  std::string_view rest = path_var.value_or(kDefaultPath);
  while (true) {
    size_t colon = rest.find(':');
    std::string_view entry = rest.substr(0, colon);
    std::string candidate = (ResolveDir(entry, cwd) / name).string();
    if (IsExecutableFile(candidate)) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

}  // namespace runner::exec
