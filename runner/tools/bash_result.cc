#include "runner/tools/bash_result.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

constexpr std::string_view kEmptyOutput = "(Bash completed with no output)";
constexpr std::string_view kAborted = "<error>Command was aborted before completion</error>";

std::string_view TrimTrailingNewlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) >> 6) == 0x2; }

/// The last `max_bytes` of `s` (or a little less), not starting inside a UTF-8 sequence.
size_t TailStart(std::string_view s, size_t max_bytes) {
  size_t start = s.size() - std::min(s.size(), max_bytes);
  while (start < s.size() && IsUtf8Continuation(s[start])) ++start;
  return start;
}

/// A stream whose middle the capture already dropped: the head and tail around the gap, cut
/// further to `max_length` in all, with one marker counting every line left out.
std::string JoinAroundGap(std::string_view raw, const exec::OutputGap& gap, size_t max_length) {
  size_t offset = std::min(gap.offset, raw.size());
  std::string_view head = raw.substr(0, offset);
  std::string_view tail = TrimTrailingNewlines(raw.substr(offset));
  std::string shown_head = base::Utf8Prefix(head, max_length / 2);
  size_t tail_start = TailStart(tail, max_length - max_length / 2);
  auto newlines = [](std::string_view s) { return std::count(s.begin(), s.end(), '\n'); };
  size_t lines =
      gap.lines + newlines(head.substr(shown_head.size())) + newlines(tail.substr(0, tail_start));
  std::string marker =
      lines > 0 ? fmt::format("{} lines", lines)
                : fmt::format("{} bytes", gap.bytes + head.size() - shown_head.size() + tail_start);
  return base::SanitizeUtf8(shown_head) + "\n\n... [" + marker + " truncated] ...\n\n" +
         base::SanitizeUtf8(tail.substr(tail_start));
}

/// The stream for the model: valid UTF-8, no trailing newlines, and at most about `max_length`
/// bytes, cut in the middle.
std::string CleanStream(const std::string& raw, const exec::OutputGap& gap, size_t max_length) {
  if (gap.bytes > 0) return JoinAroundGap(raw, gap, max_length);
  std::string text = base::SanitizeUtf8(raw);
  text.resize(TrimTrailingNewlines(text).size());
  return base::TruncateMiddle(text, max_length);
}

/// The line that explains why the command failed, or empty when it succeeded.
std::string FailureLine(const exec::ProcessOutcome& outcome, int64_t timeout_ms) {
  if (outcome.timed_out) return "Command timed out after " + FormatSeconds(timeout_ms);
  if (outcome.interrupted) return std::string(kAborted);
  if (outcome.term_signal != 0) return fmt::format("Exit code {}", 128 + outcome.term_signal);
  if (outcome.exit_code != 0) return fmt::format("Exit code {}", outcome.exit_code);
  return "";
}

}  // namespace

ToolResult FormatBackgroundStart(const BackgroundTask& task, int64_t timeout_ms,
                                 const std::string& note) {
  std::string text = fmt::format(
      "Command running in background with ID: {}. Its output (stdout and stderr) is being "
      "written to {}; Read that file to check on it. Stop it with TaskStop; it is stopped "
      "anyway after {} or when this run ends.",
      task.id, task.output_path.string(), FormatSeconds(timeout_ms));
  if (!note.empty()) text += "\n" + note;
  ToolResult result;
  result.content = std::move(text);
  result.structured = base::JsonObject({{"stdout", ""},
                                        {"stderr", ""},
                                        {"interrupted", false},
                                        {"isImage", false},
                                        {"noOutputExpected", false},
                                        {"backgroundTaskId", task.id}});
  return result;
}

std::string FormatSeconds(int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{:g}s", static_cast<double>(ms) / 1000.0);
}

ToolResult FormatBashResult(const exec::ProcessOutcome& outcome, const BashResultOptions& options) {
  std::string out = CleanStream(outcome.stdout_data, outcome.stdout_gap, options.max_output_length);
  std::string err = CleanStream(outcome.stderr_data, outcome.stderr_gap, options.max_output_length);
  std::string failure = FailureLine(outcome, options.timeout_ms);

  std::vector<std::string> parts;
  for (const std::string* part :
       std::initializer_list<const std::string*>{&out, &err, &failure, &options.note}) {
    if (!part->empty()) parts.push_back(*part);
  }
  ToolResult result;
  result.content = parts.empty() ? std::string(kEmptyOutput) : base::Join(parts, "\n");
  result.is_error = !failure.empty();
  result.structured = base::JsonObject({{"stdout", out},
                                        {"stderr", err},
                                        {"interrupted", outcome.timed_out || outcome.interrupted},
                                        {"isImage", false},
                                        {"noOutputExpected", false}});
  return result;
}

}  // namespace runner::tools
