#pragma once
/// A small line diff for the `structuredPatch` field of Write and Edit results.

#include <string_view>

#include "runner/base/json.h"

namespace runner::tools {

/// Lines of context kept around the changed region.
inline constexpr size_t kPatchContextLines = 3;

/// Diffs `before` → `after` by lines into a jsdiff-style hunk list:
/// `[{"oldStart","oldLines","newStart","newLines","lines":[" ctx","-old","+new"]}]`.
/// The changed region is found by trimming common leading and trailing lines, so there is at
/// most one hunk (several separate edits become one larger hunk). Empty when equal. Starts are
/// 1-based; a side with no lines uses the line before (0 at the top), as unified diff does.
base::Json StructuredPatch(std::string_view before, std::string_view after);

}  // namespace runner::tools
