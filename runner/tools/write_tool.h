#pragma once
/// Write: creates or overwrites a file with the given content. An existing file must have been
/// Read in this session and be unchanged on disk since; parent directories are created; the
/// mode of an overwritten file is kept.

#include "runner/tools/tool.h"

namespace runner::tools {

class WriteTool : public Tool {
 public:
  std::string_view name() const override { return "Write"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
