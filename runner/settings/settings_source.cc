#include "runner/settings/settings_source.h"

#include <algorithm>

#include "runner/base/strings.h"

namespace runner::settings {

std::string_view SettingsSourceName(SettingsSource source) {
  switch (source) {
    case SettingsSource::kUser:
      return "userSettings";
    case SettingsSource::kProject:
      return "projectSettings";
    case SettingsSource::kLocal:
      return "localSettings";
    case SettingsSource::kFlag:
      return "flagSettings";
    case SettingsSource::kManaged:
      return "policySettings";
  }
  return "unknown";
}

base::Result<std::vector<SettingsSource>> ParseSettingSources(std::string_view value) {
  std::string normalized(value);
  for (char& c : normalized) {
    if (c == ',' || c == '\t' || c == '\n') c = ' ';
  }
  std::vector<SettingsSource> out;
  for (const std::string& part : base::Split(normalized, ' ')) {
    std::string_view name = base::Trim(part);
    if (name.empty()) continue;
    SettingsSource source;
    if (name == "user") {
      source = SettingsSource::kUser;
    } else if (name == "project") {
      source = SettingsSource::kProject;
    } else if (name == "local") {
      source = SettingsSource::kLocal;
    } else {
      return base::Fail(base::ErrorKind::kUsage, "--setting-sources: unknown source '" +
                                                     std::string(name) +
                                                     "' (expected user, project, local)");
    }
    if (std::ranges::find(out, source) == out.end()) out.push_back(source);
  }
  return out;
}

}  // namespace runner::settings
