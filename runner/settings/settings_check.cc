#include "runner/settings/settings_check.h"

#include "runner/settings/settings_keys.h"

namespace runner::settings {
namespace {

/// What one pass over a document needs to know and collect.
struct CheckContext {
  std::string_view file;
  SettingsSource source;
  std::vector<std::string>* warnings;
};

base::Result<void> CheckObject(base::Json& object, std::string_view parent,
                               const CheckContext& ctx);

std::unexpected<base::Error> TypeError(const CheckContext& ctx, std::string_view path,
                                       std::string_view expected) {
  return base::Fail(
      base::ErrorKind::kConfig,
      std::string(ctx.file) + ": key '" + std::string(path) + "' must be " + std::string(expected));
}

/// Per-entry check for string maps, so the error names the entry ("env.FOO").
base::Result<void> CheckStringMap(const base::Json& value, std::string_view path,
                                  const CheckContext& ctx) {
  for (const auto& [name, entry] : value.members()) {
    if (!entry.is_string() && !entry.is_number() && !entry.is_bool()) {
      return TypeError(ctx, ChildPath(path, name), "a string");
    }
  }
  return {};
}

/// Checks one member; sets `drop` when the member must be removed from the document.
base::Result<void> CheckMember(base::Json& value, const std::string& path, const CheckContext& ctx,
                               bool& drop) {
  const KeySpec* spec = FindSettingKey(path);
  if (spec == nullptr) {
    ctx.warnings->push_back(std::string(ctx.file) + ": unknown setting '" + path + "'");
    return {};
  }
  if (spec->scope == KeyScope::kManagedOnly && ctx.source != SettingsSource::kManaged) {
    ctx.warnings->push_back(std::string(ctx.file) + ": setting '" + path +
                            "' is only honored in managed settings; ignored");
    drop = true;
    return {};
  }
  if (spec->relevance == Relevance::kIgnored) return {};
  if (spec->type == ValueType::kStringMap && value.is_object()) {
    return CheckStringMap(value, path, ctx);
  }
  if (!MatchesType(*spec, value)) return TypeError(ctx, path, DescribeType(*spec));
  if (spec->type == ValueType::kObject) return CheckObject(value, path, ctx);
  return {};
}

base::Result<void> CheckObject(base::Json& object, std::string_view parent,
                               const CheckContext& ctx) {
  std::vector<std::string> dropped;
  for (auto& [name, value] : object.members()) {
    bool drop = false;
    TRY_VOID(CheckMember(value, ChildPath(parent, name), ctx, drop));
    if (drop) dropped.push_back(name);
  }
  for (const std::string& name : dropped) object.Erase(name);
  return {};
}

}  // namespace

base::Result<CheckedSettings> CheckSettings(base::Json doc, std::string_view file,
                                            SettingsSource source) {
  if (!doc.is_object()) {
    return base::Fail(base::ErrorKind::kConfig,
                      std::string(file) + ": settings must be a JSON object");
  }
  CheckedSettings out;
  CheckContext ctx{file, source, &out.warnings};
  TRY_VOID(CheckObject(doc, "", ctx));
  out.value = std::move(doc);
  return out;
}

}  // namespace runner::settings
