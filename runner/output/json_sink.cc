#include "runner/output/json_sink.h"

namespace runner::output {

void JsonSink::Emit(const protocol::Event& event) {
  std::optional<base::Json> line = lines_.Next(event);
  const bool is_result = std::holds_alternative<protocol::ResultEvent>(event);
  if (!verbose_) {
    if (is_result && line) out_.WriteLine(line->Dump());
    return;
  }
  if (line) pending_.Push(std::move(*line));
  if (!is_result) return;
  out_.WriteLine(pending_.Dump());
  pending_ = base::Json::MakeArray();
}

}  // namespace runner::output
