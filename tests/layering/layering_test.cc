#include "layering.h"

#include <gtest/gtest.h>

#include <fstream>

namespace runner::layering {
namespace {
namespace fs = std::filesystem;

class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("layering-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  fs::path root_;
};

TEST(Layering, TheProjectTreeObeysTheDependencyRule) {
  std::vector<Violation> v = CheckTree(SOURCE_DIR);
  for (const Violation& x : v) ADD_FAILURE() << x.file << ":" << x.line << ": " << x.what;
  EXPECT_TRUE(v.empty());
}

TEST_F(TempTree, FlagsALowerModuleIncludingAHigherOne) {
  Write("runner/tools/bash_tool.cc", "#include \"runner/agent/agent.h\"\n");
  Write("runner/agent/agent.cc", "#include \"runner/tools/tool.h\"\n");
  std::vector<Violation> v = CheckTree(root_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].file, "runner/tools/bash_tool.cc");
  EXPECT_EQ(v[0].what, "tools may not include agent");
}

TEST_F(TempTree, FlagsTheAgentIncludingOutputAndRunnerIncludingIntegrations) {
  Write("runner/agent/a.cc", "#include \"runner/output/sinks.h\"\n#include \"integrations/github/x.h\"\n");
  EXPECT_EQ(CheckTree(root_).size(), 2u);
}

TEST_F(TempTree, FlagsStdoutWritesOutsideOutputAndCli) {
  Write("runner/tools/t.cc", "void f() { printf(\"x\"); }\n");
  Write("runner/providers/p.cc", "void g() { std::cout << 1; }\n");
  Write("runner/exec/e.cc", "void h() { fprintf(stdout, \"x\"); write(1, \"x\", 1); }\n");
  Write("runner/output/o.cc", "void i() { write(STDOUT_FILENO, \"x\", 1); }\n");
  Write("runner/base/ok.cc", "void j() { snprintf(b, 1, \"x\"); fprintf(stderr, \"x\"); dup2(fd, STDOUT_FILENO); }\n");
  Write("runner/agent/w.cc", "void k() { base::WriteAll(STDOUT_FILENO, s); std::printf(\"x\"); }\n");
  Write("runner/session/s.cc", "void l() { fmt::print(\"x\"); fmt::print(stderr, \"y\"); }\n");
  std::vector<Violation> v = CheckTree(root_);
  ASSERT_EQ(v.size(), 5u);  // one report per offending line
  for (const Violation& x : v) EXPECT_EQ(x.what, "stdout write outside output/ and cli/");
}

TEST(Layering, IntegrationsUseOnlyAgentProtocolGitAndBase) {
  EXPECT_EQ(AllowedIncludes("integrations/github"),
            (std::vector<std::string>{"integrations/github", "agent", "protocol", "git", "base"}));
}

}  // namespace
}  // namespace runner::layering
