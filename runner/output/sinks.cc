#include "runner/output/sinks.h"

#include "runner/output/json_sink.h"
#include "runner/output/stream_json_sink.h"
#include "runner/output/text_sink.h"

namespace runner::output {

std::unique_ptr<protocol::EventSink> MakeOutputSink(const OutputOptions& options, int fd) {
  switch (options.format) {
    case OutputFormat::kText:
      return std::make_unique<TextSink>(fd);
    case OutputFormat::kJson:
      return std::make_unique<JsonSink>(options, fd);
    case OutputFormat::kStreamJson:
      return std::make_unique<StreamJsonSink>(options, fd);
  }
  return std::make_unique<TextSink>(fd);
}

}  // namespace runner::output
