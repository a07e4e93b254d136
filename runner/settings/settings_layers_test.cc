#include "runner/settings/settings_layers.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace runner::settings {
namespace {

namespace fs = std::filesystem;
using base::Json;
using Warnings = std::vector<std::string>;

Json Parse(std::string_view text) { return *Json::Parse(text); }

/// A scratch tree with a project (cwd), a config dir and a managed dir, removed at scope end.
class SettingsTree {
 public:
  SettingsTree() {
    std::string tmpl = (fs::temp_directory_path() / "settings_test_XXXXXX").string();
    root_ = ::mkdtemp(tmpl.data());
    inputs_.cwd = root_ / "project";
    inputs_.managed_dir = root_ / "etc";
    inputs_.env =
        base::Env(std::map<std::string, std::string>{{"HOME", (root_ / "home").string()}});
    fs::create_directories(inputs_.cwd);
  }
  ~SettingsTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  SettingsTree(const SettingsTree&) = delete;
  SettingsTree& operator=(const SettingsTree&) = delete;

  /// Writes `text` to `path` (relative to the scratch root) and returns the full path.
  fs::path Write(const fs::path& path, std::string_view text) {
    fs::path full = root_ / path;
    fs::create_directories(full.parent_path());
    std::ofstream(full) << text;
    return full;
  }
  fs::path User(std::string_view t) { return Write("home/.claude/settings.json", t); }
  fs::path Project(std::string_view t) { return Write("project/.claude/settings.json", t); }
  fs::path Local(std::string_view t) { return Write("project/.claude/settings.local.json", t); }
  fs::path Managed(std::string_view t) { return Write("etc/managed-settings.json", t); }
  fs::path DropIn(std::string_view name, std::string_view t) {
    return Write(fs::path("etc/managed-settings.d") / name, t);
  }

  const fs::path& root() const { return root_; }
  SettingsInputs& inputs() { return inputs_; }
  base::Result<LoadedSettings> Load() { return LoadSettings(inputs_); }
  Json Merged() {
    auto loaded = Load();
    EXPECT_TRUE(loaded) << loaded.error().message;
    return loaded ? loaded->merged : Json();
  }

 private:
  fs::path root_;
  SettingsInputs inputs_;
};

std::vector<std::string> Files(const LoadedSettings& loaded) {
  std::vector<std::string> out;
  for (const SettingsLayer& layer : loaded.layers) out.push_back(layer.file);
  return out;
}

TEST(LoadSettings, MissingFilesAreFine) {
  SettingsTree tree;
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->merged, Json::MakeObject());
  EXPECT_TRUE(loaded->layers.empty());
  EXPECT_EQ(loaded->warnings, Warnings{});
}

TEST(LoadSettings, EachLayerOverridesTheOneBelow) {
  // Given the same scalar in every layer, when one layer at a time is removed from the top,
  // then the next one down wins: managed > flag > local > project > user.
  SettingsTree tree;
  tree.User(R"({"model": "user"})");
  tree.Project(R"({"model": "project"})");
  tree.Local(R"({"model": "local"})");
  tree.inputs().flag_settings = R"({"model": "flag"})";
  fs::path managed = tree.Managed(R"({"model": "managed"})");
  EXPECT_EQ(tree.Merged()["model"], Json("managed"));
  fs::remove(managed);
  EXPECT_EQ(tree.Merged()["model"], Json("flag"));
  tree.inputs().flag_settings.clear();
  EXPECT_EQ(tree.Merged()["model"], Json("local"));
  fs::remove(tree.root() / "project/.claude/settings.local.json");
  EXPECT_EQ(tree.Merged()["model"], Json("project"));
  fs::remove(tree.root() / "project/.claude/settings.json");
  EXPECT_EQ(tree.Merged()["model"], Json("user"));
}

TEST(LoadSettings, LayersAreListedLowestPrecedenceFirst) {
  SettingsTree tree;
  fs::path user = tree.User("{}");
  fs::path project = tree.Project("{}");
  fs::path local = tree.Local("{}");
  fs::path flag = tree.Write("flag.json", "{}");
  fs::path managed = tree.Managed("{}");
  tree.inputs().flag_settings = flag.string();
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(Files(*loaded),
            (std::vector<std::string>{user.string(), project.string(), local.string(),
                                      flag.string(), managed.string()}));
}

TEST(LoadSettings, PermissionListsMergeAcrossAllLayers) {
  SettingsTree tree;
  tree.User(R"j({"permissions": {"allow": ["Read", "Bash(ls)"], "deny": ["WebFetch"]}})j");
  tree.Project(R"j({"permissions": {"allow": ["Bash(ls)", "Edit"], "ask": ["Write"]}})j");
  tree.Managed(R"j({"permissions": {"deny": ["Bash(curl:*)"], "additionalDirectories": ["/x"]}})j");
  EXPECT_EQ(tree.Merged()["permissions"],
            Parse(R"j({"allow": ["Read", "Bash(ls)", "Edit"], "deny": ["WebFetch", "Bash(curl:*)"],
                      "ask": ["Write"], "additionalDirectories": ["/x"]})j"));
}

TEST(LoadSettings, EnvAndHooksMergePerKey) {
  SettingsTree tree;
  tree.User(R"({"env": {"A": "user", "B": "user"}, "hooks": {"Stop": [{"hooks": []}]}})");
  tree.Local(R"({"env": {"B": "local"}, "hooks": {"PreToolUse": [{"hooks": []}]}})");
  EXPECT_EQ(tree.Merged(), Parse(R"({"env": {"A": "user", "B": "local"},
                                     "hooks": {"Stop": [{"hooks": []}],
                                               "PreToolUse": [{"hooks": []}]}})"));
}

TEST(LoadSettings, ClaudeConfigDirReplacesHomeDotClaude) {
  SettingsTree tree;
  tree.User(R"({"model": "home"})");
  tree.Write("config/settings.json", R"({"model": "config-dir"})");
  EXPECT_EQ(tree.Merged()["model"], Json("home"));
  tree.inputs().env.Set("CLAUDE_CONFIG_DIR", (tree.root() / "config").string());
  EXPECT_EQ(tree.Merged()["model"], Json("config-dir"));
}

TEST(LoadSettings, SettingSourcesSelectFileLayersButNeverManagedOrFlag) {
  SettingsTree tree;
  tree.User(R"({"env": {"U": "1"}})");
  tree.Project(R"({"env": {"P": "1"}})");
  tree.Local(R"({"env": {"L": "1"}})");
  tree.Managed(R"({"env": {"M": "1"}})");
  tree.inputs().flag_settings = R"({"env": {"F": "1"}})";
  tree.inputs().setting_sources = std::vector{SettingsSource::kProject};
  EXPECT_EQ(tree.Merged()["env"], Parse(R"({"P": "1", "F": "1", "M": "1"})"));
  tree.inputs().setting_sources = std::vector<SettingsSource>{};
  EXPECT_EQ(tree.Merged()["env"], Parse(R"({"F": "1", "M": "1"})"));
  tree.inputs().setting_sources = std::nullopt;
  EXPECT_EQ(tree.Merged()["env"], Parse(R"({"U": "1", "P": "1", "L": "1", "F": "1", "M": "1"})"));
}

TEST(LoadSettings, FlagSettingsTakeAPathRelativeToCwd) {
  SettingsTree tree;
  fs::path file = tree.Write("project/ci/settings.json", R"({"model": "from-file"})");
  tree.inputs().flag_settings = "ci/settings.json";
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->merged["model"], Json("from-file"));
  ASSERT_EQ(loaded->layers.size(), 1u);
  EXPECT_EQ(loaded->layers[0].source, SettingsSource::kFlag);
  EXPECT_EQ(loaded->layers[0].file, file.string());
  EXPECT_EQ(loaded->layers[0].base_dir, file.parent_path());
}

TEST(LoadSettings, MissingFlagSettingsFileIsAUsageError) {
  SettingsTree tree;
  tree.inputs().flag_settings = "nope.json";
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(loaded.error().message,
            "--settings: file not found: " + (tree.root() / "project/nope.json").string());
}

TEST(LoadSettings, InvalidJsonNamesFileLineAndColumn) {
  SettingsTree tree;
  fs::path file = tree.Project("{\n  \"model\": \"opus\"\n  \"env\": {}\n}\n");
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, base::ErrorKind::kConfig);
  EXPECT_EQ(loaded.error().message,
            file.string() +
                ": invalid JSON at line 3 col 3: Missing a comma or '}' after an object member.");
}

TEST(LoadSettings, InvalidInlineJsonIsNamedAfterTheFlag) {
  SettingsTree tree;
  tree.inputs().flag_settings = R"({"model": })";
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "--settings: invalid JSON at line 1 col 11: Invalid value.");
}

TEST(LoadSettings, WrongTypeNamesFileAndKey) {
  SettingsTree tree;
  fs::path file = tree.Local(R"({"permissions": {"allow": "Bash"}})");
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, base::ErrorKind::kConfig);
  EXPECT_EQ(loaded.error().message,
            file.string() + ": key 'permissions.allow' must be an array of strings");
}

TEST(LoadSettings, UnknownKeysWarnAndBlankFilesAreEmpty) {
  SettingsTree tree;
  fs::path user = tree.User(R"({"colour": "blue"})");
  tree.Project("  \n");
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->warnings, Warnings{user.string() + ": unknown setting 'colour'"});
  EXPECT_EQ(loaded->layers.size(), 2u);
}

TEST(LoadSettings, ManagedDropInsMergeInNameOrderAfterTheBaseFile) {
  SettingsTree tree;
  fs::path base = tree.Managed(R"({"model": "base", "permissions": {"deny": ["A"]}})");
  fs::path b = tree.DropIn("20-b.json", R"({"model": "b", "permissions": {"deny": ["C"]}})");
  fs::path a = tree.DropIn("10-a.json", R"({"model": "a", "permissions": {"deny": ["B", "A"]}})");
  tree.DropIn(".hidden.json", R"({"model": "hidden"})");
  tree.DropIn("notes.txt", "not json");
  fs::create_symlink(tree.root() / "nowhere.json",
                     tree.root() / "etc/managed-settings.d/30-x.json");
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(Files(*loaded), (std::vector<std::string>{base.string(), a.string(), b.string()}));
  EXPECT_EQ(loaded->merged, Parse(R"({"model": "b", "permissions": {"deny": ["A", "B", "C"]}})"));
}

TEST(LoadSettings, DropInsWorkWithoutTheBaseFileAndOverrideEveryOtherLayer) {
  SettingsTree tree;
  tree.Local(R"({"model": "local"})");
  tree.DropIn("policy.json", R"({"model": "policy"})");
  EXPECT_EQ(tree.Merged()["model"], Json("policy"));
}

TEST(LoadSettings, BrokenDropInFailsNamingTheFile) {
  SettingsTree tree;
  fs::path file = tree.DropIn("10-x.json", R"({"cleanupPeriodDays": "30"})");
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            file.string() + ": key 'cleanupPeriodDays' must be a positive integer");
}

TEST(LoadSettings, PermissionEntriesKeepTheirSourceAndBaseDirectory) {
  SettingsTree tree;
  fs::path user = tree.User(R"j({"permissions": {"allow": ["Read(./a)"]}})j");
  fs::path project =
      tree.Project(R"j({"permissions": {"allow": ["Read(./a)", "Read(./a)"], "deny": ["Edit"]}})j");
  fs::path managed = tree.Managed(R"({"permissions": {"additionalDirectories": ["../docs"]}})");
  tree.inputs().flag_settings = R"({"permissions": {"ask": ["Bash"]}})";
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  const fs::path& cwd = tree.inputs().cwd;
  fs::path config = tree.root() / "home/.claude";
  const SourcedPermissions& p = loaded->permissions;
  EXPECT_EQ(p.allow, (std::vector<SourcedEntry>{
                         {"Read(./a)", SettingsSource::kProject, project.string(), cwd},
                         {"Read(./a)", SettingsSource::kUser, user.string(), config}}));
  EXPECT_EQ(p.deny,
            (std::vector<SourcedEntry>{{"Edit", SettingsSource::kProject, project.string(), cwd}}));
  EXPECT_EQ(p.ask, (std::vector<SourcedEntry>{{"Bash", SettingsSource::kFlag, "--settings", cwd}}));
  EXPECT_EQ(
      p.additional_directories,
      (std::vector<SourcedEntry>{{"../docs", SettingsSource::kManaged, managed.string(), cwd}}));
}

TEST(LoadSettings, ManagedPermissionRulesOnlyDropsOtherRules) {
  SettingsTree tree;
  fs::path project = tree.Project(R"({"permissions": {"allow": ["Bash"]}})");
  fs::path managed = tree.Managed(
      R"({"allowManagedPermissionRulesOnly": true, "permissions": {"allow": ["Read"]}})");
  auto loaded = tree.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->merged["permissions"], Parse(R"({"allow": ["Read"]})"));
  EXPECT_EQ(loaded->permissions.allow,
            (std::vector<SourcedEntry>{
                {"Read", SettingsSource::kManaged, managed.string(), tree.inputs().cwd}}));
  EXPECT_EQ(loaded->warnings,
            Warnings{project.string() + ": permissions.allow ignored: managed settings set "
                                        "allowManagedPermissionRulesOnly"});
}

TEST(LoadSettings, UnreadableFileIsAConfigError) {
  SettingsTree tree;
  fs::create_directories(tree.root() / "project/.claude/settings.json");  // a directory
  auto loaded = tree.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, base::ErrorKind::kConfig);
  EXPECT_EQ(loaded.error().message, "cannot read " +
                                        (tree.root() / "project/.claude/settings.json").string() +
                                        ": Is a directory");
}

TEST(UserConfigDir, PrefersClaudeConfigDir) {
  using Vars = std::map<std::string, std::string>;
  EXPECT_EQ(UserConfigDir(base::Env(Vars{{"HOME", "/h"}})), fs::path("/h/.claude"));
  EXPECT_EQ(UserConfigDir(base::Env(Vars{{"HOME", "/h"}, {"CLAUDE_CONFIG_DIR", "/c"}})),
            fs::path("/c"));
  EXPECT_EQ(UserConfigDir(base::Env(Vars{{"CLAUDE_CONFIG_DIR", ""}})), std::nullopt);
}

}  // namespace
}  // namespace runner::settings
