#include "runner/tools/read_tool.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/tools/file_tracking.h"
#include "runner/tools/notebook_render.h"
#include "runner/tools/read_media.h"
#include "runner/tools/schema.h"

namespace runner::tools {
namespace {

/// The lines of `text`; a final newline ends the last line instead of starting an empty one,
/// and a CR before the newline is dropped.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (nl != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

bool LooksBinary(std::string_view data) {
  return data.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

struct Range {
  size_t offset;  ///< 1-based first line
  size_t limit;   ///< max lines; SIZE_MAX = all
};

Range RequestedRange(const Json& input) {
  Range range{1, kReadDefaultLimit};
  if (input["allow_large"].AsBool() && !input.Contains("limit")) range.limit = SIZE_MAX;
  if (int64_t offset = input["offset"].AsInt(0); offset > 1) range.offset = offset;
  if (int64_t limit = input["limit"].AsInt(0); limit > 0) range.limit = limit;
  return range;
}

std::string TooLargeMessage(size_t bytes) {
  return fmt::format(
      "File content ({}KB) exceeds maximum allowed size ({}KB). Use offset and limit to read "
      "specific portions of the file, search it with Bash (grep), or set allow_large to true "
      "if you really need all of it.",
      bytes / 1024, kReadMaxBytesWithoutRange / 1024);
}

ToolResult Success(const std::string& path, std::string content, std::string shown,
                   size_t num_lines, size_t start_line, size_t total_lines) {
  ToolResult result;
  result.content = std::move(content);
  Json file = base::JsonObject({{"filePath", path},
                                {"content", std::move(shown)},
                                {"numLines", num_lines},
                                {"startLine", start_line},
                                {"totalLines", total_lines}});
  result.structured = base::JsonObject({{"type", "text"}, {"file", std::move(file)}});
  return result;
}

/// Numbers the selected lines; the text is already valid UTF-8.
ToolResult Render(const std::string& path, std::string_view text, Range range) {
  std::vector<std::string_view> lines = SplitLines(text);
  if (lines.empty()) {
    return Success(path,
                   "<system-reminder>Warning: the file exists but the contents are "
                   "empty.</system-reminder>",
                   "", 0, range.offset, 0);
  }
  if (range.offset > lines.size()) {
    return Success(path,
                   fmt::format("<system-reminder>Warning: the file exists but is shorter than "
                               "the provided offset ({}). The file has {} lines.</system-reminder>",
                               range.offset, lines.size()),
                   "", 0, range.offset, lines.size());
  }
  size_t end = range.offset - 1 + std::min(range.limit, lines.size() - (range.offset - 1));
  std::string numbered;
  std::string raw;
  for (size_t i = range.offset - 1; i < end; ++i) {
    std::string line = base::Utf8Prefix(lines[i], kReadMaxLineLength);
    if (i + 1 > range.offset) {
      numbered += '\n';
      raw += '\n';
    }
    numbered += fmt::format("{:>6}\t{}", i + 1, line);
    raw += line;
  }
  return Success(path, std::move(numbered), std::move(raw), end - (range.offset - 1), range.offset,
                 lines.size());
}

/// Images, PDFs and notebooks: read whole (within their size limit) and handed to their
/// formatter in read_media.h / notebook_render.h.
ToolResult ReadNonText(ReadKind kind, const std::string& path, const struct stat& st,
                       const Json& input, ToolContext& ctx) {
  size_t size = static_cast<size_t>(st.st_size);
  if (size > MaxReadBytes(kind)) return ToolResult::Error(MediaTooLargeMessage(kind, size));
  std::optional<PageRange> pages;
  if (kind == ReadKind::kPdf && input.Contains("pages")) {
    auto parsed = ParsePageRange(input["pages"].AsString());
    if (!parsed) return ToolResult::Error(parsed.error().message);
    pages = *parsed;
  }
  auto data = base::ReadFile(path);
  if (!data) return ToolResult::Error(data.error().message);
  if (ctx.session != nullptr) RecordRead(*ctx.session, path, MtimeNs(st));
  switch (kind) {
    case ReadKind::kImage:
      return ImageReadResult(path, *data);
    case ReadKind::kPdf:
      return PdfReadResult(path, *data, pages);
    case ReadKind::kNotebook:
      return NotebookReadResult(path, *data);
    case ReadKind::kText:
      break;
  }
  return ToolResult::Error("internal error: not a media file: " + path);
}

}  // namespace

std::string ReadTool::description() const {
  return "Read a file from the local filesystem: text, images, PDFs and Jupyter notebooks.\n"
         "- `file_path` must be absolute.\n"
         "- Returns up to 2000 lines from the start by default, numbered like `cat -n` "
         "(line number, tab, text). Use `offset` (1-based first line) and `limit` for long "
         "files; lines over 2000 characters are cut.\n"
         "- Read a file before you Edit or Write it; edits are refused for files not read in "
         "this session or changed since.\n"
         "- Images (PNG, JPEG, GIF, WebP, up to 3.75 MB) are shown to you as images; PDFs (up "
         "to 10 MB) are attached whole as documents; notebooks (.ipynb) come back as their "
         "cells with outputs.\n"
         "- Other binary files and directories are refused; use Bash (ls, file, xxd) for "
         "those.\n"
         "- Reading several files at once is fine: call Read for each in one turn.";
}

Json ReadTool::input_schema() const {
  return ObjectSchema(
      {{"file_path", "string", "Absolute path of the file to read"},
       {"offset", "number", "1-based line to start at; use for files too large to read at once"},
       {"limit", "number", "How many lines to read; use for files too large to read at once"},
       {"pages", "string",
        "PDF only: the pages you need, e.g. \"3\" or \"1-5\" (at most 20); the whole document "
        "is attached either way"},
       {"allow_large", "boolean", "Read a file over the usual size limit; use only when needed"}},
      {"file_path"});
}

ToolResult ReadTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  const std::string& path = input["file_path"].AsString();
  if (auto error = CheckAbsolute(path)) return ToolResult::Error(*error);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return ToolResult::Error(FileNotFoundMessage(ctx));
    return ToolResult::Error(fmt::format("Cannot read {}: {}", path, std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) return ToolResult::Error(IsDirectoryMessage("read", path));
  if (ReadKind kind = ReadKindFor(path); kind != ReadKind::kText) {
    return ReadNonText(kind, path, st, input, ctx);
  }
  Range range = RequestedRange(input);
  bool ranged =
      input.Contains("offset") || input.Contains("limit") || input["allow_large"].AsBool();
  if (!ranged && static_cast<size_t>(st.st_size) > kReadMaxBytesWithoutRange) {
    return ToolResult::Error(TooLargeMessage(static_cast<size_t>(st.st_size)));
  }
  auto data = base::ReadFile(path);
  if (!data) return ToolResult::Error(data.error().message);
  if (LooksBinary(*data)) {
    return ToolResult::Error("Cannot read binary file: " + path +
                             ". Use Bash with a suitable tool (file, xxd, …) to inspect it.");
  }
  if (ctx.session != nullptr) RecordRead(*ctx.session, path, MtimeNs(st));
  return Render(path, base::SanitizeUtf8(*data), range);
}

}  // namespace runner::tools
