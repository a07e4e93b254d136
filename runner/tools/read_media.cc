#include "runner/tools/read_media.h"

#include <fmt/format.h>

#include <cmath>

#include "runner/base/strings.h"
#include "runner/tools/image_info.h"

namespace runner::tools {
namespace {

using base::JsonObject;

Json Base64Source(std::string_view media_type, std::string data) {
  return JsonObject({{"type", "base64"}, {"media_type", media_type}, {"data", std::move(data)}});
}

std::string Megabytes(size_t bytes) {
  double mb = static_cast<double>(bytes) / (1024 * 1024);
  return fmt::format("{:g} MB", std::round(mb * 100) / 100);
}

base::Result<int> ParsePage(std::string_view text, std::string_view whole) {
  std::optional<long long> n = base::ParseInt(text);
  if (!n || *n < 1 || *n > 1'000'000 || base::Trim(text).size() != text.size()) {
    return base::Fail(base::ErrorKind::kUsage,
                      fmt::format("Invalid pages parameter: \"{}\". Use a page number or a range "
                                  "of page numbers, e.g. \"3\" or \"1-5\" (pages start at 1).",
                                  whole));
  }
  return static_cast<int>(*n);
}

}  // namespace

ReadKind ReadKindFor(const std::filesystem::path& path) {
  std::string ext = base::ToLower(path.extension().string());
  if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif" || ext == ".webp") {
    return ReadKind::kImage;
  }
  if (ext == ".pdf") return ReadKind::kPdf;
  if (ext == ".ipynb") return ReadKind::kNotebook;
  return ReadKind::kText;
}

size_t MaxReadBytes(ReadKind kind) {
  switch (kind) {
    case ReadKind::kText:
      return 0;
    case ReadKind::kImage:
      return kReadMaxImageBytes;
    case ReadKind::kPdf:
      return kReadMaxPdfBytes;
    case ReadKind::kNotebook:
      return kReadMaxNotebookBytes;
  }
  return 0;
}

std::string MediaTooLargeMessage(ReadKind kind, size_t bytes) {
  std::string_view what = kind == ReadKind::kImage ? "Image"
                          : kind == ReadKind::kPdf ? "PDF"
                                                   : "Notebook";
  std::string hint = kind == ReadKind::kImage
                         ? "Make a smaller copy first (e.g. with Bash: convert in.png -resize "
                           "50% out.png) and Read that."
                     : kind == ReadKind::kPdf
                         ? "Extract the text or the pages you need with Bash (e.g. pdftotext, "
                           "qpdf) and Read the result."
                         : "Inspect it with Bash and jq instead (e.g. jq '.cells[:10]').";
  return fmt::format("{} file is too large to read ({}; the limit is {}). {}", what,
                     Megabytes(bytes), Megabytes(MaxReadBytes(kind)), hint);
}

base::Result<PageRange> ParsePageRange(std::string_view text) {
  size_t dash = text.find('-');
  PageRange range;
  range.first = TRY(ParsePage(text.substr(0, dash), text));
  range.last =
      dash == std::string_view::npos ? range.first : TRY(ParsePage(text.substr(dash + 1), text));
  if (range.last < range.first) {
    return base::Fail(base::ErrorKind::kUsage,
                      fmt::format("Invalid pages parameter: \"{}\". The range must not end "
                                  "before it starts.",
                                  text));
  }
  if (range.last - range.first + 1 > kReadMaxPdfPages) {
    return base::Fail(base::ErrorKind::kUsage,
                      fmt::format("Invalid pages parameter: \"{}\". At most {} pages may be "
                                  "requested at once.",
                                  text, kReadMaxPdfPages));
  }
  return range;
}

ToolResult ImageReadResult(const std::string& path, std::string_view data) {
  std::optional<ImageInfo> info = SniffImage(data);
  if (!info) {
    return ToolResult::Error("Cannot read " + path +
                             ": the file is not a PNG, JPEG, GIF or WebP image (or is damaged).");
  }
  if (info->width > kReadMaxImageDimension || info->height > kReadMaxImageDimension) {
    return ToolResult::Error(fmt::format(
        "Image is too large to read ({}x{} pixels; at most {} on each side). Make a smaller "
        "copy first (e.g. with Bash: convert in.png -resize 50% out.png) and Read that.",
        info->width, info->height, kReadMaxImageDimension));
  }
  std::string base64 = base::Base64(data);
  Json file =
      JsonObject({{"base64", base64}, {"type", info->media_type}, {"originalSize", data.size()}});
  if (info->width > 0 && info->height > 0) {
    file.Set("dimensions", JsonObject({{"originalWidth", info->width},
                                       {"originalHeight", info->height},
                                       {"displayWidth", info->width},
                                       {"displayHeight", info->height}}));
  }
  ToolResult result;
  result.content = base::JsonArray({JsonObject(
      {{"type", "image"}, {"source", Base64Source(info->media_type, std::move(base64))}})});
  result.structured = JsonObject({{"type", "image"}, {"file", std::move(file)}});
  return result;
}

ToolResult PdfReadResult(const std::string& path, std::string_view data,
                         const std::optional<PageRange>& pages) {
  if (!data.starts_with("%PDF-")) {
    return ToolResult::Error("Cannot read " + path + ": the file is not a PDF (or is damaged).");
  }
  std::string base64 = base::Base64(data);
  ToolResult result;
  result.content = base::JsonArray(
      {JsonObject({{"type", "document"}, {"source", Base64Source("application/pdf", base64)}})});
  if (pages) {
    result.content.Push(JsonObject(
        {{"type", "text"},
         {"text", fmt::format("The whole PDF is attached: selecting pages {}-{} is not supported "
                              "here, so look at those pages in it.",
                              pages->first, pages->last)}}));
  }
  result.structured = JsonObject({{"type", "pdf"},
                                  {"file", JsonObject({{"filePath", path},
                                                       {"base64", std::move(base64)},
                                                       {"originalSize", data.size()}})}});
  return result;
}

}  // namespace runner::tools
