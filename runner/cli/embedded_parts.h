#pragma once
/// The parts an embedded run (agent/embedding.h) adds to a print-mode session: the embedder's
/// tools as Tools, and an observer that sees every stream-json message.

#include <functional>
#include <memory>

#include "runner/agent/embedding.h"
#include "runner/protocol/events.h"
#include "runner/tools/tool.h"

namespace runner::cli {

std::unique_ptr<tools::Tool> MakeExternalTool(const agent::ExternalTool& tool);

/// A sink that turns events into the messages `--output-format stream-json --verbose` prints
/// and passes each to `on_message`.
std::unique_ptr<protocol::EventSink> MakeMessageObserver(
    std::function<void(const base::Json&)> on_message);

}  // namespace runner::cli
