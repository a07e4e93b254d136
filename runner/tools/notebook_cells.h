#pragma once
/// Jupyter notebooks (nbformat 4) held as base::Json, shared by Read and NotebookEdit: how a
/// cell is named, what its text is, and writing the document back the way Jupyter lays it out
/// (members keep their order; base::Json preserves it).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::tools {

/// Parses a notebook: a JSON object with a `cells` array. The error (kParse) is a message for
/// the model.
base::Result<base::Json> ParseNotebook(std::string_view text);

/// The cell's name: its `id` (nbformat 4.5 and later), else `cell-<index>`.
std::string CellId(const base::Json& cell, size_t index);
/// The index of the cell named `id`: by `id` member first, then as `cell-<N>`.
std::optional<size_t> FindCell(const base::Json& cells, std::string_view id);

/// A multiline field (`source`, stream `text`, `text/plain`): a string, or the concatenation of
/// an array of strings.
std::string MultilineText(const base::Json& field);
/// `text` in the form `like` uses: an array of lines (each keeping its "\n") when `like` is an
/// array, else one string.
base::Json MultilineLike(const base::Json& like, std::string_view text);

/// The notebook's language: metadata.language_info.name, else metadata.kernelspec.language,
/// else "python".
std::string NotebookLanguage(const base::Json& notebook);

/// True for nbformat 4.5 and later, where every cell must have an `id`.
bool NotebookHasCellIds(const base::Json& notebook);

/// The document as Jupyter writes it: one member or item per line, `indent` spaces per level,
/// `": "` after keys, empty containers as `[]` and `{}`, no final newline.
std::string DumpNotebook(const base::Json& notebook, int indent);
/// The indentation per level of a pretty-printed JSON document; 1 (Jupyter's) when unknown.
int DetectIndent(std::string_view text);

}  // namespace runner::tools
