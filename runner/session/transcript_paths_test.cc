#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>

#include "runner/session/session_testing.h"
#include "runner/session/transcript.h"

namespace runner::session {
namespace {

namespace fs = std::filesystem;
using testing_support::ScratchDir;
using Vars = std::map<std::string, std::string>;

TEST(ProjectKey, ReplacesEveryNonAlphanumericCharacter) {
  EXPECT_EQ(ProjectKey("/tmp/research/scratch"), "-tmp-research-scratch");
  EXPECT_EQ(ProjectKey("/home/a.b/c_d e~f"), "-home-a-b-c-d-e-f");
}

TEST(ProjectKey, CountsNonAsciiCharactersLikeJavaScript) {
  EXPECT_EQ(ProjectKey("/tmp/caf\xC3\xA9"), "-tmp-caf-");       // é: one UTF-16 unit
  EXPECT_EQ(ProjectKey("/tmp/\xE2\x82\xAC"), "-tmp--");         // €: one UTF-16 unit
  EXPECT_EQ(ProjectKey("/tmp/\xF0\x9F\x98\x80x"), "-tmp---x");  // 😀: a surrogate pair
}

TEST(ConfigDir, PrefersClaudeConfigDirOverHome) {
  EXPECT_EQ(ConfigDir(base::Env(Vars{{"CLAUDE_CONFIG_DIR", "/cfg"}, {"HOME", "/home/u"}})),
            fs::path("/cfg"));
  EXPECT_EQ(ConfigDir(base::Env(Vars{{"HOME", "/home/u"}})), fs::path("/home/u/.claude"));
  EXPECT_EQ(ConfigDir(base::Env(Vars{{"CLAUDE_CONFIG_DIR", ""}, {"HOME", "/h"}})),
            fs::path("/h/.claude"));
}

TEST(TranscriptPath, IsProjectDirSlashSessionJsonl) {
  base::Env env(Vars{{"CLAUDE_CONFIG_DIR", "/cfg"}});
  EXPECT_EQ(TranscriptPath(env, "/tmp/research/scratch", "abc"),
            fs::path("/cfg/projects/-tmp-research-scratch/abc.jsonl"));
}

void Touch(const fs::path& path, std::chrono::seconds age) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "{}\n";
  fs::last_write_time(path, fs::file_time_type::clock::now() - age);
}

TEST(FindLatestTranscript, PicksTheMostRecentlyModifiedJsonl) {
  ScratchDir dir;
  base::Env env(Vars{{"CLAUDE_CONFIG_DIR", dir.path().string()}});
  fs::path project = ProjectDir(env, "/work/repo");
  Touch(project / "old.jsonl", std::chrono::seconds(300));
  Touch(project / "new.jsonl", std::chrono::seconds(10));
  Touch(project / "newest.txt", std::chrono::seconds(1));
  Touch(project / "mid.jsonl", std::chrono::seconds(100));
  auto latest = FindLatestTranscript(env, "/work/repo");
  ASSERT_TRUE(latest) << latest.error().message;
  EXPECT_EQ(*latest, project / "new.jsonl");
}

TEST(FindLatestTranscript, FailsWithUsageErrorWhenThereIsNone) {
  ScratchDir dir;
  base::Env env(Vars{{"CLAUDE_CONFIG_DIR", dir.path().string()}});
  auto missing_dir = FindLatestTranscript(env, "/nowhere");
  ASSERT_FALSE(missing_dir);
  EXPECT_EQ(missing_dir.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(missing_dir.error().message, "No conversation found to continue");

  fs::create_directories(ProjectDir(env, "/empty"));
  EXPECT_FALSE(FindLatestTranscript(env, "/empty"));
}

TEST(RemoveOldTranscripts, RemovesOnlyTranscriptsOlderThanThePeriod) {
  ScratchDir dir;
  fs::path old_project = dir.path() / "projects" / "-old";
  fs::path live_project = dir.path() / "projects" / "-live";
  fs::create_directories(old_project);
  fs::create_directories(live_project);
  auto now = fs::file_time_type::clock::now();
  auto write = [&](const fs::path& p, std::chrono::hours age) {
    std::ofstream(p) << "{}\n";
    fs::last_write_time(p, now - age);
  };
  write(old_project / "a.jsonl", std::chrono::hours(24 * 31));
  write(live_project / "b.jsonl", std::chrono::hours(24 * 31));
  write(live_project / "c.jsonl", std::chrono::hours(24 * 29));
  write(live_project / "notes.txt", std::chrono::hours(24 * 400));
  EXPECT_EQ(RemoveOldTranscripts(dir.path(), 30, now), 2u);
  EXPECT_FALSE(fs::exists(old_project));  // emptied, so removed
  EXPECT_FALSE(fs::exists(live_project / "b.jsonl"));
  EXPECT_TRUE(fs::exists(live_project / "c.jsonl"));
  EXPECT_TRUE(fs::exists(live_project / "notes.txt"));
  EXPECT_EQ(RemoveOldTranscripts(dir.path() / "missing", 30, now), 0u);
}

}  // namespace
}  // namespace runner::session
