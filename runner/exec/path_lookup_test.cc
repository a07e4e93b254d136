#include "runner/exec/path_lookup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace runner::exec {
namespace {

class PathLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/path_lookup_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::filesystem::create_directories(dir_ / "a");
    std::filesystem::create_directories(dir_ / "b");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void MakeFile(const std::filesystem::path& p, mode_t mode) {
    std::ofstream(p) << "#!/bin/sh\n";
    ::chmod(p.c_str(), mode);
  }
  std::filesystem::path dir_;
};

TEST_F(PathLookupTest, FindsFirstExecutableInPathOrder) {
  MakeFile(dir_ / "a" / "tool", 0644);  // not executable: skipped
  MakeFile(dir_ / "b" / "tool", 0755);
  std::string path = (dir_ / "a").string() + ":" + (dir_ / "b").string();
  EXPECT_EQ(FindExecutable("tool", path, {}), (dir_ / "b" / "tool").string());
}

TEST_F(PathLookupTest, ReturnsNamesWithSlashUnchanged) {
  EXPECT_EQ(FindExecutable("./x/y", "/nowhere", {}), "./x/y");
}

TEST_F(PathLookupTest, ResolvesRelativeEntriesAgainstChildCwd) {
  MakeFile(dir_ / "b" / "tool", 0755);
  EXPECT_EQ(FindExecutable("tool", "b", dir_), (dir_ / "b" / "tool").string());
}

TEST_F(PathLookupTest, SkipsDirectoriesAndMissingNames) {
  std::filesystem::create_directories(dir_ / "a" / "tool");
  EXPECT_EQ(FindExecutable("tool", (dir_ / "a").string(), {}), std::nullopt);
  EXPECT_EQ(FindExecutable("no-such-tool-xyz", (dir_ / "a").string(), {}), std::nullopt);
}

TEST_F(PathLookupTest, FallsBackToDefaultPathWhenUnset) {
  EXPECT_EQ(FindExecutable("sh", std::nullopt, {}), "/bin/sh");
}

}  // namespace
}  // namespace runner::exec
