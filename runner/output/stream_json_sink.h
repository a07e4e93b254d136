#pragma once
/// `--output-format stream-json`: every printed event as one JSONL line, written (and so
/// visible to the reader) as soon as it happens.

#include "runner/output/line_writer.h"
#include "runner/output/stream_lines.h"

namespace runner::output {

class StreamJsonSink : public protocol::EventSink {
 public:
  StreamJsonSink(const OutputOptions& options, int fd) : lines_(options), out_(fd) {}
  void Emit(const protocol::Event& event) override;

 private:
  StreamLines lines_;
  LineWriter out_;
};

}  // namespace runner::output
