#include "runner/settings/settings_layers.h"

#include <algorithm>
#include <system_error>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/settings/settings_check.h"
#include "runner/settings/settings_merge.h"

namespace runner::settings {
namespace {

namespace fs = std::filesystem;
using base::Json;

constexpr std::string_view kInlineLabel = "--settings";

/// Rewrites base::Json's "invalid JSON at offset N: reason" as "line L col C: reason".
std::string DescribeParseError(std::string_view text, const std::string& message) {
  constexpr std::string_view kPrefix = "invalid JSON at offset ";
  size_t colon = message.find(": ", kPrefix.size());
  if (!message.starts_with(kPrefix) || colon == std::string::npos) return message;
  std::optional<long long> offset =
      base::ParseInt(std::string_view(message).substr(kPrefix.size(), colon - kPrefix.size()));
  if (!offset) return message;
  size_t end = std::min(static_cast<size_t>(*offset), text.size());
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "invalid JSON at line " + std::to_string(line) + " col " +
         std::to_string(end - line_start + 1) + message.substr(colon);
}

/// Parses settings text; blank text is an empty object, as in Claude Code.
base::Result<Json> ParseSettingsText(std::string_view text, std::string_view label) {
  if (base::Trim(text).empty()) return Json::MakeObject();
  base::Result<Json> doc = Json::Parse(text);
  if (!doc) {
    return base::Fail(base::ErrorKind::kConfig,
                      std::string(label) + ": " + DescribeParseError(text, doc.error().message));
  }
  return doc;
}

/// The file's text, or nullopt when it does not exist.
base::Result<std::optional<std::string>> ReadIfPresent(const fs::path& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return std::optional<std::string>();
  base::Result<std::string> text = base::ReadFile(path);
  if (!text) return base::Fail(base::ErrorKind::kConfig, text.error().message);
  return std::optional<std::string>(std::move(*text));
}

/// Checks and appends one layer parsed from `text`.
base::Result<void> AddLayer(LoadedSettings& out, SettingsSource source, std::string label,
                            fs::path base_dir, std::string_view text) {
  Json doc = TRY(ParseSettingsText(text, label));
  CheckedSettings checked = TRY(CheckSettings(std::move(doc), label, source));
  out.warnings.insert(out.warnings.end(), checked.warnings.begin(), checked.warnings.end());
  out.layers.push_back(
      SettingsLayer{source, std::move(label), std::move(base_dir), std::move(checked.value)});
  return {};
}

base::Result<void> AddFileLayer(LoadedSettings& out, SettingsSource source, const fs::path& path,
                                fs::path base_dir) {
  std::optional<std::string> text = TRY(ReadIfPresent(path));
  if (!text) return {};
  return AddLayer(out, source, path.string(), std::move(base_dir), *text);
}

base::Result<void> AddFlagLayer(LoadedSettings& out, const SettingsInputs& in) {
  std::string_view value = base::Trim(in.flag_settings);
  if (value.empty()) return {};
  if (value.starts_with('{')) {
    return AddLayer(out, SettingsSource::kFlag, std::string(kInlineLabel), in.cwd, value);
  }
  fs::path path = in.cwd / fs::path(value);  // an absolute `value` replaces cwd
  std::optional<std::string> text = TRY(ReadIfPresent(path));
  if (!text) {
    return base::Fail(base::ErrorKind::kUsage,
                      std::string(kInlineLabel) + ": file not found: " + path.string());
  }
  return AddLayer(out, SettingsSource::kFlag, path.string(), path.parent_path(), *text);
}

/// managed-settings.d/*.json (no hidden files), sorted by name; empty when the directory is
/// missing.
base::Result<std::vector<fs::path>> ListDropIns(const fs::path& dir) {
  std::error_code ec;
  if (fs::status(dir, ec).type() == fs::file_type::not_found) return std::vector<fs::path>();
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with('.') || !name.ends_with(".json")) continue;
    std::error_code file_ec;  // a dangling link is skipped, not an error of the listing
    if (fs::is_regular_file(it->path(), file_ec)) files.push_back(it->path());
  }
  if (ec) {
    return base::Fail(base::ErrorKind::kConfig,
                      "cannot list " + dir.string() + ": " + ec.message());
  }
  std::ranges::sort(files, {}, [](const fs::path& p) { return p.filename().string(); });
  return files;
}

base::Result<void> AddManagedLayers(LoadedSettings& out, const SettingsInputs& in) {
  // Claude Code resolves relative rules in managed settings against the project root.
  TRY_VOID(AddFileLayer(out, SettingsSource::kManaged, in.managed_dir / "managed-settings.json",
                        in.cwd));
  std::vector<fs::path> drop_ins = TRY(ListDropIns(in.managed_dir / "managed-settings.d"));
  for (const fs::path& file : drop_ins) {
    TRY_VOID(AddFileLayer(out, SettingsSource::kManaged, file, in.cwd));
  }
  return {};
}

bool FileSourceEnabled(const SettingsInputs& in, SettingsSource source) {
  return !in.setting_sources ||
         std::ranges::find(*in.setting_sources, source) != in.setting_sources->end();
}

void CollectList(const SettingsLayer& layer, std::string_view key, std::vector<SourcedEntry>& out) {
  std::vector<std::string> seen;
  for (const Json& item : layer.value["permissions"][key].items()) {
    if (std::ranges::find(seen, item.AsString()) != seen.end()) continue;
    seen.push_back(item.AsString());
    out.push_back(SourcedEntry{item.AsString(), layer.source, layer.file, layer.base_dir});
  }
}

SourcedPermissions CollectPermissions(const std::vector<SettingsLayer>& layers) {
  SourcedPermissions out;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    CollectList(*it, "allow", out.allow);
    CollectList(*it, "deny", out.deny);
    CollectList(*it, "ask", out.ask);
    CollectList(*it, "additionalDirectories", out.additional_directories);
  }
  return out;
}

}  // namespace

std::optional<fs::path> UserConfigDir(const base::Env& env) {
  std::string dir = env.GetOr("CLAUDE_CONFIG_DIR", "");
  if (!dir.empty()) return fs::path(dir);
  std::string home = env.GetOr("HOME", "");
  if (!home.empty()) return fs::path(home) / ".claude";
  return std::nullopt;
}

base::Result<LoadedSettings> LoadSettings(const SettingsInputs& in) {
  LoadedSettings out;
  std::optional<fs::path> user_dir = UserConfigDir(in.env);
  if (user_dir && FileSourceEnabled(in, SettingsSource::kUser)) {
    TRY_VOID(AddFileLayer(out, SettingsSource::kUser, *user_dir / "settings.json", *user_dir));
  }
  fs::path claude_dir = in.cwd / ".claude";
  if (FileSourceEnabled(in, SettingsSource::kProject)) {
    TRY_VOID(AddFileLayer(out, SettingsSource::kProject, claude_dir / "settings.json", in.cwd));
  }
  if (FileSourceEnabled(in, SettingsSource::kLocal)) {
    TRY_VOID(AddFileLayer(out, SettingsSource::kLocal, claude_dir / "settings.local.json", in.cwd));
  }
  TRY_VOID(AddFlagLayer(out, in));
  TRY_VOID(AddManagedLayers(out, in));
  std::vector<std::string> lock_warnings = ApplyManagedLocks(out.layers);
  out.warnings.insert(out.warnings.end(), lock_warnings.begin(), lock_warnings.end());
  out.merged = MergeLayers(out.layers);
  out.permissions = CollectPermissions(out.layers);
  return out;
}

}  // namespace runner::settings
