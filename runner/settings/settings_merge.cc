#include "runner/settings/settings_merge.h"

#include <algorithm>

#include "runner/base/strings.h"
#include "runner/settings/settings_keys.h"

namespace runner::settings {
namespace {

using base::Json;

/// A managed-only switch and the keys it reserves for managed settings.
struct ManagedLock {
  std::string_view flag;
  std::string_view locked[3];
};

constexpr ManagedLock kLocks[] = {
    {"allowManagedPermissionRulesOnly",
     {"permissions.allow", "permissions.ask", "permissions.deny"}},
    {"allowManagedHooksOnly", {"hooks"}},
    {"allowManagedMcpServersOnly", {"allowedMcpServers"}},
    {"sandbox.network.allowManagedDomainsOnly", {"sandbox.network.allowedDomains"}},
    {"sandbox.filesystem.allowManagedReadPathsOnly", {"sandbox.filesystem.allowRead"}},
};

/// The member at a dotted path, or nullptr. `J` is Json or const Json.
template <class J>
J* FindPath(J& doc, std::string_view path) {
  J* node = &doc;
  for (const std::string& part : base::Split(path, '.')) {
    node = node->Find(part);
    if (node == nullptr) return nullptr;
  }
  return node;
}

/// Erases the member at `path`; returns whether it was there.
bool ErasePath(Json& doc, std::string_view path) {
  size_t dot = path.rfind('.');
  Json* parent = &doc;
  if (dot != std::string_view::npos) {
    parent = FindPath(doc, path.substr(0, dot));
    if (parent == nullptr) return false;
  }
  std::string_view name = dot == std::string_view::npos ? path : path.substr(dot + 1);
  if (parent->Find(name) == nullptr) return false;
  parent->Erase(name);
  return true;
}

void ConcatUnique(Json& base, const Json& overlay) {
  for (const Json& item : overlay.items()) {
    if (std::ranges::find(base.items(), item) == base.items().end()) base.Push(item);
  }
}

void MergeMember(Json& existing, const Json& value, const std::string& path) {
  switch (MergeRuleFor(path)) {
    case MergeRule::kReplace:
      existing = value;
      return;
    case MergeRule::kAnyTrue:
      existing = Json(existing.AsBool() || value.AsBool());
      return;
    case MergeRule::kByType:
      if (existing.is_array() && value.is_array()) {
        ConcatUnique(existing, value);
      } else if (existing.is_object() && value.is_object()) {
        MergeSettings(existing, value, path);
      } else {
        existing = value;
      }
      return;
  }
}

Json MergeManaged(std::span<const SettingsLayer> layers) {
  Json managed = Json::MakeObject();
  for (const SettingsLayer& layer : layers) {
    if (layer.source == SettingsSource::kManaged) MergeSettings(managed, layer.value);
  }
  return managed;
}

}  // namespace

void MergeSettings(Json& base, const Json& overlay, std::string_view path) {
  for (const auto& [name, value] : overlay.members()) {
    Json* existing = base.Find(name);
    if (existing == nullptr) {
      base.Set(name, value);
    } else {
      MergeMember(*existing, value, ChildPath(path, name));
    }
  }
}

std::vector<std::string> ApplyManagedLocks(std::span<SettingsLayer> layers) {
  Json managed = MergeManaged(layers);
  std::vector<std::string> warnings;
  for (const ManagedLock& lock : kLocks) {
    const Json* flag = FindPath(managed, lock.flag);
    if (flag == nullptr || !flag->AsBool()) continue;
    for (SettingsLayer& layer : layers) {
      if (layer.source == SettingsSource::kManaged) continue;
      for (std::string_view key : lock.locked) {
        if (key.empty() || !ErasePath(layer.value, key)) continue;
        warnings.push_back(layer.file + ": " + std::string(key) +
                           " ignored: managed settings set " + std::string(lock.flag));
      }
    }
  }
  return warnings;
}

Json MergeLayers(std::span<const SettingsLayer> layers) {
  Json merged = Json::MakeObject();
  for (const SettingsLayer& layer : layers) MergeSettings(merged, layer.value);
  Json managed = MergeManaged(layers);
  if (managed["disableAllHooks"].AsBool()) {
    merged.Erase("hooks");
  } else if (merged["disableAllHooks"].AsBool()) {
    // Outside managed settings the switch cannot turn managed hooks off.
    if (managed.Contains("hooks")) {
      merged.Set("hooks", managed["hooks"]);
    } else {
      merged.Erase("hooks");
    }
  }
  return merged;
}

}  // namespace runner::settings
