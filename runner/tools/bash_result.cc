#include "runner/tools/bash_result.h"

#include <fmt/format.h>

#include <vector>

#include "runner/base/strings.h"

namespace runner::tools {
namespace {

constexpr std::string_view kEmptyOutput = "(Bash completed with no output)";
constexpr std::string_view kAborted = "<error>Command was aborted before completion</error>";

std::string CleanStream(const std::string& raw, size_t max_length) {
  std::string text = base::SanitizeUtf8(raw);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
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

std::string FormatSeconds(int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{:g}s", static_cast<double>(ms) / 1000.0);
}

ToolResult FormatBashResult(const exec::ProcessOutcome& outcome, const BashResultOptions& options) {
  std::string out = CleanStream(outcome.stdout_data, options.max_output_length);
  std::string err = CleanStream(outcome.stderr_data, options.max_output_length);
  if (outcome.dropped_bytes > 0) {
    if (!err.empty()) err += "\n";
    err += fmt::format("[{} more bytes of output were dropped]", outcome.dropped_bytes);
  }
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
