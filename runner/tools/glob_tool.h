#pragma once
/// Glob: finds files whose root-relative path matches a glob (ripgrep `--glob` semantics, see
/// glob_pattern.h) below `path` (default: the shell's current directory). Hidden files are
/// included, ignore files honoured, `.git` and other VCS directories skipped. Returns absolute
/// paths oldest-modified first (as `rg --files --sort=modified`, which Claude Code runs), at most
/// kGlobMaxResults of them.

#include <cstddef>

#include "runner/tools/tool.h"

namespace runner::tools {

inline constexpr size_t kGlobMaxResults = 100;

class GlobTool : public Tool {
 public:
  std::string_view name() const override { return "Glob"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
