#pragma once
/// `--output-format text`: only the final answer reaches stdout.

#include <string>

#include "runner/output/line_writer.h"
#include "runner/protocol/events.h"

namespace runner::output {

/// What text mode prints for one result, newline included: for subtype "success" the result
/// text (for API-error results that text is the error message); for the error subtypes, or an
/// error without text, "Error: " and the errors joined with "; " (the subtype when none).
std::string ResultText(const protocol::RunResult& result);

/// Prints ResultText for every ResultEvent and ignores all other events.
class TextSink : public protocol::EventSink {
 public:
  explicit TextSink(int fd) : out_(fd) {}
  void Emit(const protocol::Event& event) override;

 private:
  LineWriter out_;
};

}  // namespace runner::output
