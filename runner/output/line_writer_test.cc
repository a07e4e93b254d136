#include "runner/output/line_writer.h"

#include <gtest/gtest.h>

#include "runner/output/output_testing.h"

namespace runner::output {
namespace {

using testing_support::CapturedFd;

TEST(LineWriter, AppendsNewlineToEachLine) {
  CapturedFd out;
  LineWriter w(out.fd());
  w.WriteLine("a");
  w.WriteLine("{\"b\":1}");
  EXPECT_EQ(out.Contents(), "a\n{\"b\":1}\n");
  EXPECT_FALSE(w.failed());
}

TEST(LineWriter, StopsAfterFirstFailureWithoutThrowing) {
  LineWriter w(-1);
  w.WriteLine("lost");
  EXPECT_TRUE(w.failed());
  w.WriteLine("also dropped");
  EXPECT_TRUE(w.failed());
}

}  // namespace
}  // namespace runner::output
