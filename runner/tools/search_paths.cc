#include "runner/tools/search_paths.h"

#include "runner/tools/file_tracking.h"

namespace runner::tools {

std::vector<std::string> VcsExcludeGlobs() {
  return {"!.git", "!.svn", "!.hg", "!.bzr", "!.jj", "!.sl"};
}

std::filesystem::path ResolveSearchPath(const base::Json& path, const ToolContext& ctx) {
  std::filesystem::path cwd = CurrentDir(ctx);
  const std::string& given = path.AsString();
  if (given.empty()) return cwd.lexically_normal();
  std::filesystem::path p(given);
  if (p.is_relative()) p = cwd / p;
  std::string normal = p.lexically_normal().string();
  while (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal;
}

std::string MissingPathMessage(std::string_view noun, std::string_view path,
                               const ToolContext& ctx) {
  return std::string(noun) + " does not exist: " + std::string(path) +
         ". Note: your current working directory is " + CurrentDir(ctx).string() + ".";
}

std::optional<SplitGlob> SplitAbsoluteGlob(std::string_view pattern) {
  if (!pattern.starts_with('/')) return std::nullopt;
  size_t wild = pattern.find_first_of("*?[{\\");
  size_t slash = pattern.rfind('/', wild == std::string_view::npos ? pattern.size() : wild);
  std::string dir(pattern.substr(0, slash));
  if (dir.empty()) dir = "/";
  return SplitGlob{std::filesystem::path(dir).lexically_normal(),
                   std::string(pattern.substr(slash + 1))};
}

}  // namespace runner::tools
