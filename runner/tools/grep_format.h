#pragma once
/// Grep's results as the model and stream-json see them: the three output modes, pagination
/// (head_limit/offset) and the summary lines, shaped like Claude Code's Grep (GrepOutput in
/// sdk-tools.d.ts). Pure: per-file hits in, ToolResult out.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runner/tools/grep_search.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// Lines and entries shown when head_limit is not given.
inline constexpr int64_t kGrepDefaultHeadLimit = 250;
/// Longer output lines are replaced by a note, as with `rg --max-columns 500`.
inline constexpr size_t kGrepMaxLineLength = 500;

struct GrepFileResult {
  std::string path;  ///< absolute
  int64_t mtime_ns = 0;
  FileHits hits;
};

struct GrepPresentation {
  GrepMode mode = GrepMode::kFilesWithMatches;
  bool line_numbers = true;           ///< content mode: `path:N:text` instead of `path:text`
  bool context_breaks = false;        ///< content mode: `--` between groups that are not adjacent
  std::optional<int64_t> head_limit;  ///< nullopt: kGrepDefaultHeadLimit; 0: unlimited
  int64_t offset = 0;
  bool single_file = false;  ///< the search path is a file: content lines carry no path
};

/// The result for the model: content mode lists `path:N:text` match lines and `path-N-text`
/// context lines (files by path), count mode `path:count` (by path), files_with_matches mode
/// the paths newest-modified first. Files without hits are left out. `files` may come in any
/// order.
ToolResult FormatGrepResult(std::vector<GrepFileResult> files, const GrepPresentation& p);

}  // namespace runner::tools
