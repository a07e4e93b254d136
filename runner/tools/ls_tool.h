#pragma once
/// LS: lists a directory as an indented tree (`- name/` for directories), breadth-first so the
/// shallow entries come first, at most kLsMaxEntries of them. Leaves out hidden (dot) entries,
/// `__pycache__`, what .gitignore/.ignore/.rgignore exclude and what the `ignore` globs match.
/// Claude Code dropped LS from today's tool types; this keeps its older schema
/// `{path: string, ignore?: string[]}`.

#include <cstddef>

#include "runner/tools/tool.h"

namespace runner::tools {

inline constexpr size_t kLsMaxEntries = 1000;

class LsTool : public Tool {
 public:
  std::string_view name() const override { return "LS"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
