#pragma once
/// Writing the files GitHub Actions reads after a step: `$GITHUB_OUTPUT` (step outputs) and
/// `$GITHUB_STEP_SUMMARY` (the Markdown shown on the job page). Both are appended to, as other
/// steps of the same job may have written to them already.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "runner/base/result.h"

namespace integrations::github {

/// Appends each `name`/`value` in GitHub's multi-line form `name<<DELIM\nvalue\nDELIM\n`, with
/// a random delimiter that occurs in neither. Fails (kUsage) for an empty name or one with a
/// line break or `<<`, without writing anything; fails (kIo) when the file cannot be written.
runner::base::Result<void> AppendGithubOutput(
    const std::filesystem::path& file,
    const std::vector<std::pair<std::string, std::string>>& values);

/// Appends `markdown` (plus a final newline when missing) to the step summary file.
runner::base::Result<void> AppendStepSummary(const std::filesystem::path& file,
                                             std::string_view markdown);

}  // namespace integrations::github
