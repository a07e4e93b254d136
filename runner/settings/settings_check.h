#pragma once
/// Checks one parsed settings document against the key table (settings_keys.h): wrong types are
/// errors, unknown keys are warnings, managed-only keys outside managed settings are dropped
/// with a warning.

#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/settings/settings_source.h"

namespace runner::settings {

struct CheckedSettings {
  base::Json value;                   ///< the document, minus keys dropped by scope
  std::vector<std::string> warnings;  ///< "<file>: unknown setting 'foo'", …
};

/// Checks `doc`, read from `file` (a path, or "--settings" for inline JSON) for `source`.
/// Fails with kConfig:
///   "<file>: settings must be a JSON object"
///   "<file>: key 'permissions.allow' must be an array of strings"
///   "<file>: key 'env.FOO' must be a string"
/// Warns (and keeps the key): "<file>: unknown setting 'permissions.foo'".
/// Warns (and drops the key) outside managed settings:
///   "<file>: setting 'allowManagedHooksOnly' is only honored in managed settings; ignored".
base::Result<CheckedSettings> CheckSettings(base::Json doc, std::string_view file,
                                            SettingsSource source);

}  // namespace runner::settings
