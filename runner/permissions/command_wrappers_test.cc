#include "runner/permissions/command_wrappers.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

std::vector<ShellWord> Words(std::string_view line) {
  ShellAnalysis a = SplitShellCommand(line);
  return a.commands.empty() ? std::vector<ShellWord>{} : a.commands[0].words;
}

std::optional<size_t> Safe(std::string_view line) {
  return WrappedCommandStart(Words(line), WrapperSet::kSafe);
}
std::optional<size_t> All(std::string_view line) {
  return WrappedCommandStart(Words(line), WrapperSet::kAll);
}

TEST(WrappedCommandStart, SafeWrappersWithKnownOptions) {
  EXPECT_EQ(Safe("timeout 10 make"), 2u);
  EXPECT_EQ(Safe("timeout -k 5 --signal=TERM 1.5m make"), 5u);
  EXPECT_EQ(Safe("nice -n 10 make"), 3u);
  EXPECT_EQ(Safe("nice -5 make"), 2u);
  EXPECT_EQ(Safe("nohup make"), 1u);
  EXPECT_EQ(Safe("stdbuf -oL -e 0 make"), 4u);
  EXPECT_EQ(Safe("\\time -p make"), 2u);  // quoted: the program, not the keyword
}

TEST(WrappedCommandStart, SafeSetRefusesAnythingUnclear) {
  EXPECT_EQ(Safe("timeout --bogus 10 make"), std::nullopt);
  EXPECT_EQ(Safe("timeout soon make"), std::nullopt);
  EXPECT_EQ(Safe("timeout 10"), std::nullopt);
  EXPECT_EQ(Safe("sudo make"), std::nullopt);
  EXPECT_EQ(Safe("/usr/bin/nohup make"), std::nullopt);
  EXPECT_EQ(Safe("make"), std::nullopt);
}

TEST(WrappedCommandStart, AllSetSkipsOptionsGenerously) {
  EXPECT_EQ(All("sudo -u root -E make"), 4u);
  EXPECT_EQ(All("env -i A=1 B=2 make"), 4u);
  EXPECT_EQ(All("xargs -n 1 -0 make"), 4u);
  EXPECT_EQ(All("/usr/bin/env make"), 1u);
  EXPECT_EQ(All("command -- make"), 2u);
  EXPECT_EQ(All("exec -a name make"), 3u);
  EXPECT_EQ(All("sudo"), std::nullopt);
}

TEST(InlineScript, FindsShellEvalAndEnvScripts) {
  EXPECT_EQ(InlineScript(Words("bash -c 'ls; rm x' arg0"))->text, "ls; rm x");
  EXPECT_EQ(InlineScript(Words("/bin/sh -euc 'ls'"))->text, "ls");
  EXPECT_EQ(InlineScript(Words("bash -o pipefail -c ls"))->text, "ls");
  EXPECT_EQ(InlineScript(Words("eval echo \"$x\""))->text, "echo $x");
  EXPECT_TRUE(InlineScript(Words("eval echo \"$x\""))->dynamic);
  EXPECT_EQ(InlineScript(Words("env -S 'curl x'"))->text, "curl x");
  EXPECT_EQ(InlineScript(Words("bash script.sh")), std::nullopt);
  EXPECT_EQ(InlineScript(Words("bash -x script.sh")), std::nullopt);
  EXPECT_EQ(InlineScript(Words("ls -c x")), std::nullopt);
}

TEST(ProgramName, DropsTheDirectory) {
  EXPECT_EQ(ProgramName("/usr/bin/curl"), "curl");
  EXPECT_EQ(ProgramName("curl"), "curl");
}

}  // namespace
}  // namespace runner::permissions
