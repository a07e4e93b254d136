#pragma once
/// NotebookEdit: replaces, inserts or deletes one cell of a Jupyter notebook (.ipynb) that was
/// Read in this session (and is unchanged on disk since). Cells are named by their `id`, or
/// `cell-N` (0-based) in notebooks without ids. Everything else in the file is kept: nbformat,
/// metadata, member order and the file's indentation. A replaced code cell loses its outputs
/// and execution count (they belonged to the old source). The file is written atomically.
/// Structured result: NotebookEditOutput (sdk-tools.d.ts).

#include <optional>
#include <string>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/tools/tool.h"

namespace runner::tools {

enum class NotebookEditMode { kReplace, kInsert, kDelete };

struct NotebookEditRequest {
  std::string notebook_path;
  std::string cell_id;  ///< empty = none given
  std::string new_source;
  std::optional<std::string> cell_type;  ///< "code" or "markdown"
  NotebookEditMode mode = NotebookEditMode::kReplace;
};

/// What an applied edit did: the cell it touched (for an insert, the new cell).
struct NotebookEditDone {
  std::string cell_id;
  std::string cell_type;
  std::optional<std::string> old_source;  ///< replace and delete only
};

/// Checks and reads the tool input (after schema validation). The error (kUsage) carries the
/// message for the model.
base::Result<NotebookEditRequest> ParseNotebookEditRequest(const Json& input);

/// Applies the edit to `notebook` (parsed with ParseNotebook) in place. Fails (kUsage) when
/// the cell is not found or no cell_id was given for a replace or delete.
base::Result<NotebookEditDone> ApplyNotebookEdit(Json& notebook, const NotebookEditRequest& req);

class NotebookEditTool : public Tool {
 public:
  std::string_view name() const override { return "NotebookEdit"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Needs ctx.session (the read-before-edit record).
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
