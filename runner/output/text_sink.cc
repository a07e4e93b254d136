#include "runner/output/text_sink.h"

#include "runner/base/strings.h"

namespace runner::output {

std::string ResultText(const protocol::RunResult& result) {
  const bool success = result.subtype == "success";
  std::string text = success ? result.result : "";
  if (text.empty() && (result.is_error || !success)) {
    text = "Error: " + (result.errors.empty() ? result.subtype : base::Join(result.errors, "; "));
  }
  if (text.empty() || text.back() != '\n') text.push_back('\n');
  return text;
}

void TextSink::Emit(const protocol::Event& event) {
  if (const auto* r = std::get_if<protocol::ResultEvent>(&event)) out_.Write(ResultText(r->result));
}

}  // namespace runner::output
