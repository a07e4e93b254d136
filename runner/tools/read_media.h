#pragma once
/// What Read returns for files that are not text: images (PNG, JPEG, GIF, WebP) as one image
/// block, PDFs as one document block, both base64-encoded and capped in size, with the
/// matching FileReadOutput variants (`image`, `pdf`) as the structured result. Notebooks are
/// in notebook_render.h. PDFs are sent whole: without a PDF library, `pages` is only checked
/// for form ("3", "1-5", at most kReadMaxPdfPages pages), not applied.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/result.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// The API takes images of at most 5 MiB base64-encoded: 3.75 MiB of file.
inline constexpr size_t kReadMaxImageBytes = 5 * 1024 * 1024 / 4 * 3;
/// The API refuses images larger than this on either side.
inline constexpr int kReadMaxImageDimension = 8000;
/// Whole PDFs are sent, so keep them well inside the API's 32 MB request limit.
inline constexpr size_t kReadMaxPdfBytes = 10 * 1024 * 1024;
inline constexpr int kReadMaxPdfPages = 20;
/// Notebooks are parsed whole; embedded output images make them large.
inline constexpr size_t kReadMaxNotebookBytes = 20 * 1024 * 1024;

/// How Read treats a file, from its extension (case-insensitive).
enum class ReadKind { kText, kImage, kPdf, kNotebook };
ReadKind ReadKindFor(const std::filesystem::path& path);

/// The largest file of this kind Read accepts; 0 = no fixed limit (text has its own rules).
size_t MaxReadBytes(ReadKind kind);
/// The message for a file over MaxReadBytes(kind).
std::string MediaTooLargeMessage(ReadKind kind, size_t bytes);


struct PageRange {
  int first = 1;
  int last = 1;
  bool operator==(const PageRange&) const = default;
};
/// Parses `pages`: "N" or "N-M" with 1 <= N <= M and at most kReadMaxPdfPages pages. The error
/// (kUsage) carries the message for the model.
base::Result<PageRange> ParsePageRange(std::string_view text);

/// The image in `data` (read from `path`) as an image block; an error result when the bytes are
/// not a supported image, or too large in bytes or pixels.
ToolResult ImageReadResult(const std::string& path, std::string_view data);

/// The PDF in `data` as a document block; an error result when it does not look like a PDF.
/// With `pages`, a text block after the document says that the whole file was attached.
ToolResult PdfReadResult(const std::string& path, std::string_view data,
                         const std::optional<PageRange>& pages);

}  // namespace runner::tools
