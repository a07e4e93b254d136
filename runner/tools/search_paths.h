#pragma once
/// What the search tools (Glob, Grep, LS) share: where a search starts, the version-control
/// directories they never enter, and the messages for a bad `path`.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// `--glob` overrides excluding the VCS directories Claude Code's Grep excludes.
std::vector<std::string> VcsExcludeGlobs();

/// The absolute, lexically normal path for a tool's `path` input: the shell's current
/// directory (CurrentDir) when `path` is missing or empty, relative paths resolved against it.
std::filesystem::path ResolveSearchPath(const base::Json& path, const ToolContext& ctx);

/// `Directory does not exist: <path>. Note: your current working directory is <cwd>.`
/// (`noun` is "Directory" or "Path").
std::string MissingPathMessage(std::string_view noun, std::string_view path,
                               const ToolContext& ctx);

/// Splits an absolute glob such as `/src/app/**/*.ts` into the directory before its first
/// wildcard component (`/src/app`) and the rest (`**/*.ts`). Patterns without a wildcard split
/// into their parent directory and last component. Nullopt for a relative pattern.
struct SplitGlob {
  std::filesystem::path dir;
  std::string pattern;
};
std::optional<SplitGlob> SplitAbsoluteGlob(std::string_view pattern);

}  // namespace runner::tools
