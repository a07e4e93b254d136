#include "integrations/github/outputs.h"

#include <gtest/gtest.h>

#include <map>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/base/uuid.h"

namespace integrations::github {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("outputs_test-" + runner::base::NewUuid())) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Reads a GITHUB_OUTPUT file the way the Actions runner does: `name=value` lines and
/// `name<<DELIM` … `DELIM` blocks.
std::map<std::string, std::string> ParseOutputFile(const std::string& text) {
  std::map<std::string, std::string> out;
  std::vector<std::string> lines = runner::base::Split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t heredoc = line.find("<<");
    size_t eq = line.find('=');
    if (heredoc != std::string::npos && (eq == std::string::npos || heredoc < eq)) {
      const std::string name = line.substr(0, heredoc);
      const std::string delim = line.substr(heredoc + 2);
      std::vector<std::string> value;
      for (++i; i < lines.size() && lines[i] != delim; ++i) value.push_back(lines[i]);
      EXPECT_LT(i, lines.size()) << "no closing delimiter for " << name;
      out[name] = runner::base::Join(value, "\n");
    } else if (eq != std::string::npos) {
      out[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  return out;
}

TEST(AppendGithubOutput, MultiLineValuesRoundTripAndAppend) {
  TempDir dir;
  const fs::path file = dir.path() / "output";
  ASSERT_TRUE(runner::base::WriteFileAtomic(file, "earlier=step\n").has_value());
  const std::string tricky = "line one\nEOF\nname<<EOF\n\nlast";
  auto r = AppendGithubOutput(
      file, {{"conclusion", "success"}, {"structured_output", tricky}, {"empty", ""}});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto text = runner::base::ReadFile(file);
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->starts_with("earlier=step\nconclusion<<ghadelimiter_")) << *text;
  EXPECT_EQ(ParseOutputFile(*text), (std::map<std::string, std::string>{
                                        {"earlier", "step"},
                                        {"conclusion", "success"},
                                        {"structured_output", tricky},
                                        {"empty", ""},
                                    }));
}

TEST(AppendGithubOutput, DelimitersDifferPerValue) {
  TempDir dir;
  const fs::path file = dir.path() / "output";
  ASSERT_TRUE(AppendGithubOutput(file, {{"a", "1"}, {"b", "2"}}).has_value());
  auto lines = runner::base::Split(*runner::base::ReadFile(file), '\n');
  ASSERT_GE(lines.size(), 6u);
  EXPECT_NE(lines[0].substr(3), lines[3].substr(3));
}

TEST(AppendGithubOutput, RejectsBadNamesWithoutWriting) {
  TempDir dir;
  const fs::path file = dir.path() / "output";
  for (const char* bad : {"", "a\nb", "x<<y"}) {
    auto r = AppendGithubOutput(file, {{"ok", "1"}, {bad, "v"}});
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().kind, runner::base::ErrorKind::kUsage);
  }
  EXPECT_FALSE(fs::exists(file));
}

TEST(AppendGithubOutput, UnwritableFileIsAnIoError) {
  TempDir dir;
  auto r = AppendGithubOutput(dir.path() / "missing-dir" / "output", {{"a", "1"}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, runner::base::ErrorKind::kIo);
  auto empty = AppendStepSummary("", "x");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().kind, runner::base::ErrorKind::kConfig);
}

TEST(AppendStepSummary, AppendsWithAFinalNewline) {
  TempDir dir;
  const fs::path file = dir.path() / "summary.md";
  ASSERT_TRUE(AppendStepSummary(file, "## One").has_value());
  ASSERT_TRUE(AppendStepSummary(file, "## Two\n").has_value());
  EXPECT_EQ(*runner::base::ReadFile(file), "## One\n## Two\n");
}

}  // namespace
}  // namespace integrations::github
