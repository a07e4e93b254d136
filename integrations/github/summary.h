#pragma once
/// The job summary (`$GITHUB_STEP_SUMMARY`): a readable Markdown report of one run, built from
/// its stream-json messages (the same messages as the execution file):
/// - a header: outcome, duration, cost, turns and model (from the `system/init` and `result`
///   messages; SummaryFacts::conclusion overrides the result's), then branch and pull request
///   links and SummaryFacts::error in a fenced block;
/// - the assistant's text, in order;
/// - each tool call as `### 🔧 \`Tool\`` with its input (compact JSON, cut at
///   input_excerpt_bytes) and, right after it, its result (cut at result_excerpt_bytes), with
///   `❌` marking results that are errors;
/// - `### ✅ Final result` (or `### ❌ Final result`) with the result text.
/// Every text taken from the messages is passed through RedactSecrets with
/// SummaryFacts::known_secrets before it is cut, and the whole report once more at the end.

#include <string>
#include <vector>

#include "runner/base/json.h"

namespace integrations::github {

struct SummaryFacts {
  std::string title = "Claude Code Report";
  std::string
      conclusion;     ///< "success", "failure", "cancelled", …; empty = from the result message
  std::string error;  ///< why the run failed, shown under the header (redacted here)
  std::string job_url;
  std::string branch;
  std::string branch_url;
  std::string pr_url;
  std::string compare_url;
  std::vector<std::string> known_secrets;
  size_t input_excerpt_bytes = 300;
  size_t result_excerpt_bytes = 500;
};

std::string JobSummaryMarkdown(const std::vector<runner::base::Json>& messages,
                               const SummaryFacts& facts);

}  // namespace integrations::github
