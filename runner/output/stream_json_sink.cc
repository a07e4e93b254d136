#include "runner/output/stream_json_sink.h"

namespace runner::output {

void StreamJsonSink::Emit(const protocol::Event& event) {
  if (std::optional<base::Json> line = lines_.Next(event)) out_.WriteLine(line->Dump());
}

}  // namespace runner::output
