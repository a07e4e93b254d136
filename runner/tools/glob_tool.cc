#include "runner/tools/glob_tool.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>

#include "runner/tools/file_walker.h"
#include "runner/tools/schema.h"
#include "runner/tools/search_paths.h"

namespace runner::tools {
namespace {

/// The note Claude Code appends when results were cut.
std::string TruncationNote(size_t shown, size_t total) {
  return fmt::format(
      "(Showing {} of {} matching files; {} more are not listed. Narrow the pattern or path to "
      "see the rest.)",
      shown, total, total - shown);
}

ToolResult Render(std::vector<FoundFile> files, int64_t duration_ms) {
  // Oldest first, like `rg --sort=modified`; equal times by path so the order is stable.
  std::sort(files.begin(), files.end(), [](const FoundFile& a, const FoundFile& b) {
    return a.mtime_ns != b.mtime_ns ? a.mtime_ns < b.mtime_ns : a.path < b.path;
  });
  size_t total = files.size();
  bool truncated = total > kGlobMaxResults;
  if (truncated) files.resize(kGlobMaxResults);
  Json names = Json::MakeArray();
  std::string content;
  for (const FoundFile& f : files) {
    if (!content.empty()) content += '\n';
    content += f.path;
    names.Push(f.path);
  }
  if (files.empty()) content = "No files found";
  if (truncated) content += "\n" + TruncationNote(files.size(), total);
  ToolResult result;
  result.content = std::move(content);
  result.structured = base::JsonObject({{"filenames", std::move(names)},
                                        {"durationMs", duration_ms},
                                        {"numFiles", files.size()},
                                        {"truncated", truncated},
                                        {"totalMatches", total},
                                        {"countIsComplete", true}});
  return result;
}

/// The directory to search, or the error for the model.
std::expected<std::filesystem::path, std::string> SearchDir(const Json& input,
                                                            const ToolContext& ctx) {
  std::filesystem::path dir = ResolveSearchPath(input["path"], ctx);
  if (!input.Contains("path")) return dir;
  struct stat st {};
  const std::string& given = input["path"].AsString();
  if (::stat(dir.c_str(), &st) != 0)
    return std::unexpected(MissingPathMessage("Directory", given, ctx));
  if (!S_ISDIR(st.st_mode)) return std::unexpected("Path is not a directory: " + given);
  return dir;
}

}  // namespace

std::string GlobTool::description() const {
  return "Find files by path pattern, fast in any size of codebase.\n"
         "- Glob syntax: `*` and `?` stay inside one path component, `**` crosses directories, "
         "`[abc]` is a character class and `{a,b}` lists alternatives. Examples: `**/*.ts`, "
         "`src/**/test_*.py`, `*.{json,yaml}`. A pattern without `/` matches file names at any "
         "depth.\n"
         "- Searches below `path` (absolute; defaults to the current working directory). Files "
         "excluded by .gitignore (inside a git repository), .ignore or .rgignore are skipped.\n"
         "- Returns absolute paths sorted by modification time, at most 100; narrow the pattern "
         "or path when results are cut.\n"
         "- To search file contents use Grep. Several independent searches can be made at once "
         "in one turn.";
}

Json GlobTool::input_schema() const {
  return ObjectSchema(
      {{"pattern", "string", "Glob pattern matched against paths below the search directory"},
       {"path", "string",
        "Directory to search in. Leave it out to search the current working directory; do not "
        "pass \"undefined\" or \"null\". Must be an existing directory when given."}},
      {"pattern"});
}

ToolResult GlobTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  auto start = std::chrono::steady_clock::now();
  auto dir = SearchDir(input, ctx);
  if (!dir) return ToolResult::Error(dir.error());
  std::string pattern = input["pattern"].AsString();
  if (auto split = SplitAbsoluteGlob(pattern)) {
    *dir = split->dir;
    pattern = split->pattern;
  }
  std::vector<std::string> globs = VcsExcludeGlobs();
  globs.push_back(pattern);
  auto overrides = GlobOverrides::Parse(globs);
  if (!overrides) return ToolResult::Error(overrides.error().message);
  WalkOptions options{.hidden = HiddenFiles::kInclude, .overrides = &*overrides};
  WalkEnd end = WalkEnd::kComplete;
  std::vector<FoundFile> files = ListFiles(*dir, options, ctx.cancel, &end);
  if (end == WalkEnd::kCancelled) return ToolResult::Error("Glob was cancelled");
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return Render(std::move(files), elapsed.count());
}

}  // namespace runner::tools
