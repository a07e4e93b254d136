#include "runner/tools/structured_patch.h"

#include <algorithm>
#include <string>
#include <vector>

namespace runner::tools {
namespace {

using base::Json;

/// Lines without their '\n'; a final newline does not start another line.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

int64_t HunkStart(size_t first_index, size_t count) {
  return static_cast<int64_t>(count == 0 ? first_index : first_index + 1);
}

}  // namespace

Json StructuredPatch(std::string_view before, std::string_view after) {
  std::vector<std::string_view> a = SplitLines(before);
  std::vector<std::string_view> b = SplitLines(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  if (prefix == a.size() && prefix == b.size()) return Json::MakeArray();

  size_t lead = std::min(prefix, kPatchContextLines);
  size_t trail = std::min(suffix, kPatchContextLines);
  size_t start = prefix - lead;
  size_t a_end = a.size() - suffix;
  size_t b_end = b.size() - suffix;
  Json lines = Json::MakeArray();
  for (size_t i = start; i < prefix; ++i) lines.Push(" " + std::string(a[i]));
  for (size_t i = prefix; i < a_end; ++i) lines.Push("-" + std::string(a[i]));
  for (size_t i = prefix; i < b_end; ++i) lines.Push("+" + std::string(b[i]));
  for (size_t i = a_end; i < a_end + trail; ++i) lines.Push(" " + std::string(a[i]));

  size_t old_count = a_end + trail - start;
  size_t new_count = b_end + trail - start;
  return base::JsonArray({base::JsonObject({{"oldStart", HunkStart(start, old_count)},
                                            {"oldLines", old_count},
                                            {"newStart", HunkStart(start, new_count)},
                                            {"newLines", new_count},
                                            {"lines", std::move(lines)}})});
}

}  // namespace runner::tools
