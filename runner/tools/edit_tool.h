#pragma once
/// Edit: replaces an exact string in a file that was Read in this session (and is unchanged on
/// disk since). `old_string` must occur exactly once unless `replace_all`; an empty
/// `old_string` creates a new file (or fills an empty one). Files with CRLF line endings keep
/// them: `\n` in old/new strings is matched and written as `\r\n`.

#include <string>
#include <string_view>

#include "runner/tools/tool.h"

namespace runner::tools {

/// Turns every `\n` not already preceded by `\r` into `\r\n`.
std::string ToCrlf(std::string_view text);

/// Non-overlapping occurrences of `needle` (non-empty) in `haystack`.
size_t CountOccurrences(std::string_view haystack, std::string_view needle);

class EditTool : public Tool {
 public:
  std::string_view name() const override { return "Edit"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
