#include "runner/output/text_sink.h"

#include <gtest/gtest.h>

#include "runner/output/output_testing.h"

namespace runner::output {
namespace {

using protocol::RunResult;
using testing_support::CapturedFd;
using testing_support::ScriptedTurn;

TEST(TextSink, PrintsOnlyTheFinalResultText) {
  CapturedFd out;
  TextSink sink(out.fd());
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  EXPECT_EQ(out.Contents(), "Done.\n");
}

TEST(TextSink, PrintsEveryResultOfAMultiTurnRun) {
  CapturedFd out;
  TextSink sink(out.fd());
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  EXPECT_EQ(out.Contents(), "Done.\nDone.\n");
}

TEST(ResultText, KeepsAnExistingTrailingNewline) {
  EXPECT_EQ(ResultText(RunResult{.result = "two\nlines\n"}), "two\nlines\n");
}

TEST(ResultText, ErrorSubtypePrintsItsErrors) {
  RunResult r{.subtype = "error_max_turns",
              .is_error = true,
              .errors = {"Reached maximum number of turns (1)"}};
  EXPECT_EQ(ResultText(r), "Error: Reached maximum number of turns (1)\n");
}

TEST(ResultText, ErrorSubtypeIgnoresPartialResultText) {
  RunResult r{.subtype = "error_max_budget_usd",
              .is_error = true,
              .result = "half an answer",
              .errors = {"Reached maximum budget ($0.1)", "second"}};
  EXPECT_EQ(ResultText(r), "Error: Reached maximum budget ($0.1); second\n");
}

TEST(ResultText, ErrorWithoutMessagesNamesTheSubtype) {
  RunResult r{.subtype = "error_during_execution", .is_error = true};
  EXPECT_EQ(ResultText(r), "Error: error_during_execution\n");
}

TEST(ResultText, ApiErrorResultPrintsItsText) {
  RunResult r{.is_error = true, .result = "API Error: 500 boom", .api_error_status = 500};
  EXPECT_EQ(ResultText(r), "API Error: 500 boom\n");
}

TEST(ResultText, EmptySuccessIsAnEmptyLine) { EXPECT_EQ(ResultText(RunResult{}), "\n"); }

}  // namespace
}  // namespace runner::output
