#pragma once
/// Finds, reads, checks and merges the settings layers, as Claude Code does, highest first:
///   1. managed   <managed_dir>/managed-settings.json, then managed-settings.d/*.json in name order
///   2. flag      --settings <file-or-json>
///   3. local     <cwd>/.claude/settings.local.json
///   4. project   <cwd>/.claude/settings.json
///   5. user      $CLAUDE_CONFIG_DIR/settings.json (default $HOME/.claude/settings.json)
/// `--setting-sources` picks among user, project and local; managed and flag always load.
/// Missing files are skipped. See docs/settings.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/settings/settings_source.h"

namespace runner::settings {

inline constexpr std::string_view kDefaultManagedDir = "/etc/claude-code";

struct SettingsInputs {
  std::filesystem::path cwd;  ///< project root; its .claude/ holds project and local settings
  base::Env env;              ///< reads CLAUDE_CONFIG_DIR and HOME
  std::filesystem::path managed_dir{kDefaultManagedDir};
  std::string flag_settings;  ///< the --settings value: a path or inline JSON; "" = not given
  /// The --setting-sources list; nullopt (flag absent) = user, project and local. An empty list
  /// (`--setting-sources ""`, what the SDK sends for `settingSources: []`) loads none of them.
  std::optional<std::vector<SettingsSource>> setting_sources;
};

/// One entry of a permissions list, with the layer it came from.
struct SourcedEntry {
  std::string value;  ///< the rule ("Read(./src/**)") or directory, as written
  SettingsSource source = SettingsSource::kUser;
  std::string file;                ///< settings file, or "--settings" for inline JSON
  std::filesystem::path base_dir;  ///< what relative paths in `value` are relative to

  bool operator==(const SourcedEntry&) const = default;
};

/// The permission lists of every layer that still applies after the managed locks, highest
/// precedence first (managed, flag, local, project, user), each layer in file order.
struct SourcedPermissions {
  std::vector<SourcedEntry> allow, deny, ask, additional_directories;
};

struct LoadedSettings {
  base::Json merged;                  ///< all layers merged, locks and disableAllHooks applied
  std::vector<SettingsLayer> layers;  ///< lowest precedence first (user … managed drop-ins)
  SourcedPermissions permissions;
  std::vector<std::string> warnings;  ///< for the caller to log; never fatal
};

/// Loads every layer `inputs` selects. Fails with:
///   kConfig "<file>: invalid JSON at line L col C: <reason>"
///   kConfig "<file>: key 'permissions.allow' must be an array of strings" (see CheckSettings)
///   kConfig "cannot open <file>: <reason>" (or "cannot read …") for a file that exists but
///           cannot be read, and "cannot list <dir>: <reason>" for managed-settings.d
///   kUsage  "--settings: file not found: <path>"
/// Inline --settings JSON is named "--settings" in messages.
base::Result<LoadedSettings> LoadSettings(const SettingsInputs& inputs);

/// Where user settings live: $CLAUDE_CONFIG_DIR, else $HOME/.claude; nullopt when neither is set.
std::optional<std::filesystem::path> UserConfigDir(const base::Env& env);

}  // namespace runner::settings
