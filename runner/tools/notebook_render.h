#pragma once
/// What Read returns for a Jupyter notebook (.ipynb): every cell as `<cell id="…">…</cell
/// id="…">` text (with `<cell_type>` for non-code cells and `<language>` for code that is not
/// Python) followed by its outputs — stream text, results, errors (ANSI colours stripped) —
/// and output images (PNG, JPEG) as image blocks. Structured: FileReadOutput's `notebook`
/// variant, one processed cell per cell.

#include <cstddef>
#include <string>
#include <string_view>

#include "runner/tools/tool.h"

namespace runner::tools {

/// One output's text beyond this is cut, with a hint how to see all of it.
inline constexpr size_t kNotebookMaxOutputBytes = 10000;
/// The text of the whole rendered notebook may not exceed this.
inline constexpr size_t kNotebookMaxRenderedBytes = 256 * 1024;
/// Output images larger than this (base64) are replaced by a note.
inline constexpr size_t kNotebookMaxImageBase64Bytes = 5 * 1024 * 1024;

/// A cell as the structured result lists it: {cellType, source, execution_count (code),
/// cell_id, language (code), outputs (when any): [{output_type, text?, image?: {image_data,
/// media_type}}]}.
Json ProcessNotebookCell(const Json& cell, size_t index, std::string_view language,
                         std::string_view path);

/// The Read result for the notebook `text` read from `path`; an error result when it is not a
/// notebook or renders to more than kNotebookMaxRenderedBytes.
ToolResult NotebookReadResult(const std::string& path, std::string_view text);

}  // namespace runner::tools
