#pragma once
/// PATH search for a child's argv[0], done against the child's own environment (not ours).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace runner::exec {

/// The PATH used when the child's environment has none (glibc's confstr(_CS_PATH) value).
inline constexpr std::string_view kDefaultPath = "/bin:/usr/bin";

/// Resolves `name` the way execvp(3) would with PATH = `path_var` (nullopt → kDefaultPath):
/// a name containing '/' is returned unchanged; otherwise the first PATH entry holding an
/// executable regular file wins. Empty and relative entries are taken relative to `cwd` (the
/// child's working directory; empty = ours). Returns nullopt when nothing matches.
std::optional<std::string> FindExecutable(std::string_view name,
                                          std::optional<std::string_view> path_var,
                                          const std::filesystem::path& cwd);

}  // namespace runner::exec
