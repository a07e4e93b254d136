#include "runner/output/sinks.h"

#include <gtest/gtest.h>

#include "runner/output/output_testing.h"

namespace runner::output {
namespace {

using testing_support::CapturedFd;
using testing_support::ScriptedTurn;

std::string RunWith(OutputFormat format) {
  CapturedFd out;
  auto sink = MakeOutputSink(OutputOptions{.format = format}, out.fd());
  for (const auto& e : ScriptedTurn()) sink->Emit(e);
  return out.Contents();
}

TEST(MakeOutputSink, BuildsTheSinkForEachFormat) {
  EXPECT_EQ(RunWith(OutputFormat::kText), "Done.\n");
  EXPECT_EQ(base::Split(RunWith(OutputFormat::kJson), '\n').size(), 2u);  // one line + ""
  EXPECT_EQ(base::Split(RunWith(OutputFormat::kStreamJson), '\n').size(), 8u);
}

}  // namespace
}  // namespace runner::output
