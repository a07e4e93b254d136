#pragma once
/// A subagent started with run_in_background (private to the Agent implementation).

#include <atomic>
#include <string>
#include <thread>

#include "runner/agent/agent.h"

namespace runner::agent {

struct Agent::BackgroundAgent {
  std::string id;
  std::string description;
  std::thread thread;
  std::atomic<bool> done{false};
  bool delivered = false;
  tools::ToolResult result;
};

}  // namespace runner::agent
