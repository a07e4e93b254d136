#include "runner/tools/grep_format.h"

#include <fmt/format.h>

#include <algorithm>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

struct Page {
  std::vector<std::string> items;
  std::optional<int64_t> applied_limit;  ///< set only when the limit cut something
};

/// `| tail -n +offset | head -n limit`, as Claude Code applies head_limit and offset.
Page Paginate(std::vector<std::string> all, const GrepPresentation& p) {
  int64_t limit = p.head_limit.value_or(kGrepDefaultHeadLimit);
  int64_t size = static_cast<int64_t>(all.size());
  int64_t begin = std::min(p.offset, size);
  int64_t end = limit == 0 ? size : std::min(size, begin + limit);
  Page page;
  page.items.assign(std::make_move_iterator(all.begin() + begin),
                    std::make_move_iterator(all.begin() + end));
  if (limit != 0 && size - p.offset > limit) page.applied_limit = limit;
  return page;
}

/// `limit: N, offset: M` (either part only when it applies).
std::string LimitInfo(const Page& page, int64_t offset) {
  std::vector<std::string> parts;
  if (page.applied_limit) parts.push_back(fmt::format("limit: {}", *page.applied_limit));
  if (offset > 0) parts.push_back(fmt::format("offset: {}", offset));
  return base::Join(parts, ", ");
}

void AddPagination(Json& structured, const Page& page, int64_t offset) {
  if (page.applied_limit) structured.Set("appliedLimit", *page.applied_limit);
  if (offset > 0) structured.Set("appliedOffset", offset);
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// The length of `text` in UTF-16 code units, as JavaScript (and so Claude Code) counts it.
size_t Utf16Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++n;
    if (c >= 0xf0) ++n;
  }
  return n;
}

std::string ShownText(const HitLine& line) {
  std::string text = base::SanitizeUtf8(line.text);
  if (Utf16Length(text) <= kGrepMaxLineLength) return text;
  return line.is_match ? "[Omitted long matching line]" : "[Omitted long context line]";
}

void SortByPath(std::vector<GrepFileResult>& files) {
  std::sort(files.begin(), files.end(),
            [](const GrepFileResult& a, const GrepFileResult& b) { return a.path < b.path; });
}

std::vector<std::string> ContentLines(const std::vector<GrepFileResult>& files,
                                      const GrepPresentation& p) {
  std::vector<std::string> out;
  for (const GrepFileResult& file : files) {
    if (file.hits.lines.empty()) continue;
    if (p.context_breaks && !out.empty()) out.push_back("--");
    int64_t previous = -1;
    for (const HitLine& line : file.hits.lines) {
      if (p.context_breaks && previous >= 0 && line.number > previous + 1) out.push_back("--");
      previous = line.number;
      char sep = line.is_match ? ':' : '-';
      std::string shown = p.single_file ? "" : base::SanitizeUtf8(file.path) + sep;
      if (p.line_numbers) shown += fmt::format("{}{}", line.number, sep);
      out.push_back(shown + ShownText(line));
    }
  }
  return out;
}

ToolResult Finish(std::string text, Json structured) {
  ToolResult result;
  result.content = std::move(text);
  result.structured = std::move(structured);
  return result;
}

ToolResult FormatContent(std::vector<GrepFileResult> files, const GrepPresentation& p) {
  SortByPath(files);
  std::vector<std::string> all = ContentLines(files, p);
  size_t total = all.size();
  Page page = Paginate(std::move(all), p);
  std::string content = base::Join(page.items, "\n");
  Json structured = base::JsonObject({{"mode", "content"},
                                      {"numFiles", 0},
                                      {"filenames", Json::MakeArray()},
                                      {"content", content},
                                      {"numLines", page.items.size()},
                                      {"totalLines", total}});
  AddPagination(structured, page, p.offset);
  std::string text = !content.empty()            ? content
                     : p.offset > 0 && total > 0 ? "No entries at this offset"
                                                 : "No matches found";
  std::string info = LimitInfo(page, p.offset);
  if (!info.empty()) text += "\n\n[Showing results with pagination = " + info + "]";
  return Finish(std::move(text), std::move(structured));
}

ToolResult FormatCount(std::vector<GrepFileResult> files, const GrepPresentation& p) {
  SortByPath(files);
  std::vector<std::string> all;
  size_t matches = 0;
  for (const GrepFileResult& file : files) {
    if (file.hits.count == 0) continue;
    all.push_back(fmt::format("{}:{}", base::SanitizeUtf8(file.path), file.hits.count));
    matches += file.hits.count;
  }
  size_t num_files = all.size();
  Page page = Paginate(std::move(all), p);
  std::string content = base::Join(page.items, "\n");
  Json structured = base::JsonObject({{"mode", "count"},
                                      {"numFiles", num_files},
                                      {"filenames", Json::MakeArray()},
                                      {"content", content},
                                      {"numMatches", matches}});
  AddPagination(structured, page, p.offset);
  std::string info = LimitInfo(page, p.offset);
  std::string text = !content.empty() ? content
                     : matches > 0    ? "No entries at this offset"
                                      : "No matches found";
  text += fmt::format(
      "\n\nFound {} total {} across {}.{}", matches, matches == 1 ? "occurrence" : "occurrences",
      Plural(num_files, "file", "files"), info.empty() ? "" : " with pagination = " + info);
  return Finish(std::move(text), std::move(structured));
}

ToolResult FormatFiles(std::vector<GrepFileResult> files, const GrepPresentation& p) {
  std::erase_if(files, [](const GrepFileResult& f) { return f.hits.count == 0; });
  std::sort(files.begin(), files.end(), [](const GrepFileResult& a, const GrepFileResult& b) {
    return a.mtime_ns != b.mtime_ns ? a.mtime_ns > b.mtime_ns : a.path < b.path;
  });
  std::vector<std::string> all;
  for (const GrepFileResult& file : files) all.push_back(base::SanitizeUtf8(file.path));
  size_t total = all.size();
  Page page = Paginate(std::move(all), p);
  Json names = Json::MakeArray();
  for (const std::string& name : page.items) names.Push(name);
  Json structured = base::JsonObject({{"mode", "files_with_matches"},
                                      {"filenames", std::move(names)},
                                      {"numFiles", page.items.size()},
                                      {"totalFiles", total}});
  AddPagination(structured, page, p.offset);
  std::string info = LimitInfo(page, p.offset);
  if (page.items.empty()) {
    std::string text =
        p.offset > 0 && total > 0
            ? "No entries at this offset. [Showing results with pagination = " + info + "]"
            : "No files found";
    return Finish(std::move(text), std::move(structured));
  }
  std::string text = "Found " + Plural(page.items.size(), "file", "files") +
                     (info.empty() ? "" : " " + info) + "\n" + base::Join(page.items, "\n");
  return Finish(std::move(text), std::move(structured));
}

}  // namespace

ToolResult FormatGrepResult(std::vector<GrepFileResult> files, const GrepPresentation& p) {
  switch (p.mode) {
    case GrepMode::kContent:
      return FormatContent(std::move(files), p);
    case GrepMode::kCount:
      return FormatCount(std::move(files), p);
    case GrepMode::kFilesWithMatches:
      return FormatFiles(std::move(files), p);
  }
  return FormatFiles(std::move(files), p);
}

}  // namespace runner::tools
