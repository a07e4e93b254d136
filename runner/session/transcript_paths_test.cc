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

}  // namespace
}  // namespace runner::session
