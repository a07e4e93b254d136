#pragma once
/// Read: returns a text file's lines numbered like `cat -n` (`%6d\t<line>`), from `offset`
/// (1-based) for `limit` lines (default 2000), each line cut at 2000 bytes. Refuses relative
/// paths, directories, binary files, and (without offset/limit/allow_large) files over 256 KiB.
/// Images, PDFs (read_media.h) and notebooks (notebook_render.h) are chosen by extension and
/// returned as content blocks. Records the file's mtime in the session so Write, Edit,
/// MultiEdit and NotebookEdit may change it.

#include <cstddef>

#include "runner/tools/tool.h"

namespace runner::tools {

inline constexpr size_t kReadDefaultLimit = 2000;
inline constexpr size_t kReadMaxLineLength = 2000;
inline constexpr size_t kReadMaxBytesWithoutRange = 256 * 1024;
/// A NUL byte within this prefix marks a file as binary.
inline constexpr size_t kBinaryProbeBytes = 8 * 1024;

class ReadTool : public Tool {
 public:
  std::string_view name() const override { return "Read"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
