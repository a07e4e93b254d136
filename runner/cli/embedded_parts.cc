#include "runner/cli/embedded_parts.h"

#include <utility>

#include "runner/output/stream_lines.h"

namespace runner::cli {
namespace {

class ExternalToolAdapter : public tools::Tool {
 public:
  explicit ExternalToolAdapter(agent::ExternalTool tool) : tool_(std::move(tool)) {}
  std::string_view name() const override { return tool_.name; }
  std::string description() const override { return tool_.description; }
  base::Json input_schema() const override { return tool_.input_schema; }
  bool IsReadOnly(const base::Json&) const override { return tool_.read_only; }
  tools::ToolResult Run(const base::Json& input, tools::ToolContext&) override {
    agent::ExternalToolResult r = tool_.run(input);
    tools::ToolResult out;
    out.content = base::Json(r.text);
    out.is_error = r.is_error;
    return out;
  }

 private:
  agent::ExternalTool tool_;
};

class MessageObserver : public protocol::EventSink {
 public:
  explicit MessageObserver(std::function<void(const base::Json&)> on_message)
      : lines_(Options()), on_message_(std::move(on_message)) {}
  void Emit(const protocol::Event& event) override {
    if (auto line = lines_.Next(event)) on_message_(*line);
  }

 private:
  static output::OutputOptions Options() {
    output::OutputOptions o;
    o.format = output::OutputFormat::kStreamJson;
    o.verbose = true;
    return o;
  }
  output::StreamLines lines_;
  std::function<void(const base::Json&)> on_message_;
};

}  // namespace

std::unique_ptr<tools::Tool> MakeExternalTool(const agent::ExternalTool& tool) {
  return std::make_unique<ExternalToolAdapter>(tool);
}

std::unique_ptr<protocol::EventSink> MakeMessageObserver(
    std::function<void(const base::Json&)> on_message) {
  return std::make_unique<MessageObserver>(std::move(on_message));
}

}  // namespace runner::cli
