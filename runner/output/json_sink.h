#pragma once
/// `--output-format json`: one result object per turn, or with --verbose one array of every
/// message stream-json would have printed for the turn.

#include "runner/output/line_writer.h"
#include "runner/output/stream_lines.h"

namespace runner::output {

class JsonSink : public protocol::EventSink {
 public:
  JsonSink(const OutputOptions& options, int fd)
      : verbose_(options.verbose), lines_(options), out_(fd) {}
  /// Prints on each ResultEvent: the result object (one line), or in verbose mode the array of
  /// the turn's messages ending with that result (one line); the array then starts afresh.
  void Emit(const protocol::Event& event) override;

 private:
  bool verbose_;
  StreamLines lines_;
  base::Json pending_ = base::Json::MakeArray();  // verbose: messages since the last result
  LineWriter out_;
};

}  // namespace runner::output
