#pragma once
/// Grep: searches file contents with a PCRE2 regular expression (JIT-compiled) below `path`
/// (a directory, default the shell's current directory, or one file), the way Claude Code's Grep
/// drives ripgrep: hidden files searched, ignore files honoured, VCS directories and binary
/// files skipped, `glob` and `type` filters, three output modes with head_limit/offset
/// pagination (grep_format.h). The walk and the file searches run in parallel (file_walker.h);
/// the output order is deterministic.

#include "runner/tools/tool.h"

namespace runner::tools {

class GrepTool : public Tool {
 public:
  std::string_view name() const override { return "Grep"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
