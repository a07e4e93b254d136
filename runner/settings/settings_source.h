#pragma once
/// Where settings come from: the five sources in precedence order, one loaded layer, and the
/// `--setting-sources` list that picks which file sources load.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::settings {

/// The sources, lowest precedence first: a later source overrides an earlier one.
enum class SettingsSource {
  kUser,     ///< $CLAUDE_CONFIG_DIR/settings.json (default ~/.claude/settings.json)
  kProject,  ///< <cwd>/.claude/settings.json
  kLocal,    ///< <cwd>/.claude/settings.local.json
  kFlag,     ///< --settings <file-or-json>
  kManaged,  ///< <managed_dir>/managed-settings.json and managed-settings.d/*.json
};

/// Claude Code's name for a source, as used in SDK messages: "userSettings", "projectSettings",
/// "localSettings", "flagSettings", "policySettings".
std::string_view SettingsSourceName(SettingsSource source);

/// Parses a `--setting-sources` value: names separated by commas and/or spaces, each one of
/// "user", "project", "local". An empty or blank value yields an empty list (no file sources).
/// Fails with kUsage naming the bad entry.
base::Result<std::vector<SettingsSource>> ParseSettingSources(std::string_view value);

/// One settings document as it takes part in the merge.
struct SettingsLayer {
  SettingsSource source = SettingsSource::kUser;
  std::string file;                ///< the file path, or "--settings" for inline JSON
  std::filesystem::path base_dir;  ///< root for relative paths in this layer's rules
  base::Json value;                ///< checked document (managed-only keys already removed)
};

}  // namespace runner::settings
