#pragma once
/// MultiEdit: several exact-string replacements in one file, applied in order (each to the
/// result of the one before) and written once: either every edit applies or the file is left
/// as it was. The rules of each edit are Edit's (edit_tool.h), including read-before-edit and
/// CRLF handling; an error names the failing edit as `edits[i]`. A first edit with an empty
/// `old_string` creates a missing (or fills an empty) file. Not in today's sdk-tools.d.ts: the
/// schema is Claude Code's earlier one, {file_path, edits: [{old_string, new_string,
/// replace_all?}] (at least one)}; the structured result is {filePath, edits,
/// originalFileContents, structuredPatch, userModified}.

#include <string>
#include <string_view>
#include <vector>

#include "runner/base/result.h"
#include "runner/tools/tool.h"

namespace runner::tools {

struct StringEdit {
  std::string old_string;
  std::string new_string;
  bool replace_all = false;
};

/// Applies `edits` to `original` in order. Fails (kUsage) with `edits[i]: <Edit's message>`
/// for the first edit that cannot apply.
base::Result<std::string> ApplyStringEdits(std::string_view original,
                                           const std::vector<StringEdit>& edits);

class MultiEditTool : public Tool {
 public:
  std::string_view name() const override { return "MultiEdit"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Needs ctx.session (the read-before-edit record).
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
