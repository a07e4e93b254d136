#include "runner/tools/notebook_edit_tool.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/base/uuid.h"
#include "runner/tools/file_tracking.h"
#include "runner/tools/notebook_cells.h"
#include "runner/tools/schema.h"

namespace runner::tools {
namespace {

using base::JsonObject;

base::Result<NotebookEditDone> Refuse(std::string message) {
  return base::Fail(base::ErrorKind::kUsage, std::move(message));
}

std::string_view ModeName(NotebookEditMode mode) {
  switch (mode) {
    case NotebookEditMode::kReplace:
      return "replace";
    case NotebookEditMode::kInsert:
      return "insert";
    case NotebookEditMode::kDelete:
      return "delete";
  }
  return "replace";
}

/// A fresh 8-hex-digit cell id (Jupyter's own form) not used in `cells` yet.
std::string NewCellId(const Json& cells) {
  while (true) {
    std::string id = base::NewUuid().substr(0, 8);
    if (!FindCell(cells, id)) return id;
  }
}

base::Result<NotebookEditDone> InsertCell(Json& notebook, size_t at,
                                          const NotebookEditRequest& req) {
  Json& cells = notebook.Slot("cells");
  const std::string& type = *req.cell_type;
  // New sources take the form the notebook uses (Jupyter writes arrays of lines).
  const Json& like = cells.empty() ? Json::MakeArray() : cells.at(0)["source"];
  Json cell = JsonObject({{"cell_type", type}});
  if (type == "code") cell.Set("execution_count", Json());
  std::string id;
  if (NotebookHasCellIds(notebook)) {
    id = NewCellId(cells);
    cell.Set("id", id);
  }
  cell.Set("metadata", Json::MakeObject());
  if (type == "code") cell.Set("outputs", Json::MakeArray());
  cell.Set("source", MultilineLike(like, req.new_source));
  cells.items().insert(cells.items().begin() + static_cast<std::ptrdiff_t>(at), std::move(cell));
  return NotebookEditDone{id.empty() ? CellId(cells.at(at), at) : id, type, std::nullopt};
}

NotebookEditDone ReplaceCell(Json& cell, size_t index, const NotebookEditRequest& req) {
  std::string old_source = MultilineText(cell["source"]);
  std::string type = req.cell_type.value_or(cell["cell_type"].StringOr("code"));
  cell.Set("source", MultilineLike(cell["source"], req.new_source));
  cell.Set("cell_type", type);
  if (type == "code") {
    cell.Set("execution_count", Json());
    cell.Set("outputs", Json::MakeArray());
  } else {
    cell.Erase("execution_count");
    cell.Erase("outputs");
  }
  return NotebookEditDone{CellId(cell, index), type, std::move(old_source)};
}

/// The notebook's current text, when it may be edited.
base::Result<std::string> LoadNotebook(const std::string& path, ToolContext& ctx) {
  auto fail = [](std::string message) { return base::Fail(base::ErrorKind::kIo, message); };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return fail(FileNotFoundMessage(ctx));
    return fail("Cannot edit " + path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return fail(IsDirectoryMessage("edit", path));
  if (ctx.session == nullptr) return fail("no tool session");
  if (auto error = CheckReadBeforeWrite(*ctx.session, path)) return fail(*error);
  return base::ReadFile(path);
}

ToolResult Success(const NotebookEditRequest& req, const NotebookEditDone& done,
                   const Json& notebook, const std::string& original, const std::string& updated) {
  ToolResult result;
  switch (req.mode) {
    case NotebookEditMode::kReplace:
      result.content = "Updated cell " + done.cell_id + " with " + req.new_source;
      break;
    case NotebookEditMode::kInsert:
      result.content = "Inserted cell " + done.cell_id + " with " + req.new_source;
      break;
    case NotebookEditMode::kDelete:
      result.content = "Deleted cell " + done.cell_id;
      break;
  }
  Json out = JsonObject({{"new_source", req.new_source}});
  if (done.old_source) out.Set("old_source", *done.old_source);
  out.Set("cell_id", done.cell_id);
  out.Set("cell_type", done.cell_type);
  out.Set("language", NotebookLanguage(notebook));
  out.Set("edit_mode", ModeName(req.mode));
  out.Set("notebook_path", req.notebook_path);
  out.Set("original_file", base::SanitizeUtf8(original));
  out.Set("updated_file", base::SanitizeUtf8(updated));
  result.structured = std::move(out);
  return result;
}

}  // namespace

base::Result<NotebookEditRequest> ParseNotebookEditRequest(const Json& input) {
  auto refuse = [](std::string message) { return base::Fail(base::ErrorKind::kUsage, message); };
  NotebookEditRequest req{input["notebook_path"].AsString(), input["cell_id"].AsString(),
                          input["new_source"].AsString(), std::nullopt, NotebookEditMode::kReplace};
  std::filesystem::path path(req.notebook_path);
  if (!path.is_absolute()) {
    return refuse("notebook_path must be an absolute path, got '" + req.notebook_path + "'.");
  }
  if (base::ToLower(path.extension().string()) != ".ipynb") {
    return refuse("File must be a Jupyter notebook (.ipynb file). Use Edit for other files.");
  }
  std::string mode = input["edit_mode"].StringOr("replace");
  if (mode == "insert") {
    req.mode = NotebookEditMode::kInsert;
  } else if (mode == "delete") {
    req.mode = NotebookEditMode::kDelete;
  } else if (mode != "replace") {
    return refuse("edit_mode must be replace, insert or delete, got '" + mode + "'.");
  }
  if (input.Contains("cell_type")) {
    req.cell_type = input["cell_type"].AsString();
    if (req.cell_type != "code" && req.cell_type != "markdown") {
      return refuse("cell_type must be code or markdown, got '" + *req.cell_type + "'.");
    }
  }
  if (req.mode == NotebookEditMode::kInsert && !req.cell_type) {
    return refuse("cell_type is required when edit_mode is insert.");
  }
  if (req.mode != NotebookEditMode::kInsert && req.cell_id.empty()) {
    return refuse("cell_id is required unless edit_mode is insert.");
  }
  return req;
}

base::Result<NotebookEditDone> ApplyNotebookEdit(Json& notebook, const NotebookEditRequest& req) {
  Json& cells = notebook.Slot("cells");
  std::optional<size_t> index;
  if (!req.cell_id.empty()) {
    index = FindCell(cells, req.cell_id);
    if (!index) return Refuse("Cell with ID \"" + req.cell_id + "\" not found in notebook.");
  }
  switch (req.mode) {
    case NotebookEditMode::kInsert:
      return InsertCell(notebook, index ? *index + 1 : 0, req);
    case NotebookEditMode::kReplace:
      if (!index) return Refuse("cell_id is required unless edit_mode is insert.");
      return ReplaceCell(cells.items()[*index], *index, req);
    case NotebookEditMode::kDelete: {
      if (!index) return Refuse("cell_id is required unless edit_mode is insert.");
      const Json& cell = cells.at(*index);
      NotebookEditDone done{CellId(cell, *index), cell["cell_type"].StringOr("code"),
                            MultilineText(cell["source"])};
      cells.items().erase(cells.items().begin() + static_cast<std::ptrdiff_t>(*index));
      return done;
    }
  }
  return Refuse("unknown edit mode");
}

std::string NotebookEditTool::description() const {
  return "Change one cell of a Jupyter notebook (.ipynb): replace its source, insert a new "
         "cell, or delete it.\n"
         "- Read the notebook first in this session; edits of unread or since-changed "
         "notebooks are refused.\n"
         "- `notebook_path` must be absolute. Name cells by the id Read shows (`<cell "
         "id=\"…\">`).\n"
         "- `edit_mode` is `replace` (default), `insert` (the new cell goes after `cell_id`, or "
         "first without one; `cell_type` is required) or `delete`.\n"
         "- Replacing a code cell clears its outputs. Everything else in the file is kept.";
}

Json NotebookEditTool::input_schema() const {
  Json schema = ObjectSchema(
      {{"notebook_path", "string", "Absolute path of the notebook to change"},
       {"cell_id", "string",
        "Id of the cell to change; for insert, the cell to insert after (omit to insert first)"},
       {"new_source", "string", "The cell's new source"},
       {"cell_type", "string", "code or markdown; defaults to the cell's type, needed to insert"},
       {"edit_mode", "string", "replace (default), insert or delete"}},
      {"notebook_path", "new_source"});
  Json& properties = schema.Slot("properties");
  properties.Slot("cell_type").Set("enum", base::JsonArray({"code", "markdown"}));
  properties.Slot("edit_mode").Set("enum", base::JsonArray({"replace", "insert", "delete"}));
  return schema;
}

ToolResult NotebookEditTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  auto req = ParseNotebookEditRequest(input);
  if (!req) return ToolResult::Error(req.error().message);
  auto original = LoadNotebook(req->notebook_path, ctx);
  if (!original) return ToolResult::Error(original.error().message);
  auto notebook = ParseNotebook(*original);
  if (!notebook) return ToolResult::Error(notebook.error().message);
  auto done = ApplyNotebookEdit(*notebook, *req);
  if (!done) return ToolResult::Error(done.error().message);
  std::string updated = DumpNotebook(*notebook, DetectIndent(*original));
  if (original->ends_with('\n')) updated += '\n';
  if (auto written = WriteAndRecord(ctx.session, req->notebook_path, updated); !written) {
    return ToolResult::Error(written.error().message);
  }
  return Success(*req, *done, *notebook, *original, updated);
}

}  // namespace runner::tools
