#pragma once
/// The composition root: builds every concrete part from flags and environment, runs the
/// session, and returns the process exit code. The only place concrete classes are constructed.

#include "runner/agent/embedding.h"

namespace runner::cli {

int Run(int argc, const char* const* argv);

/// A print-mode session run on behalf of a forge integration (`claude-runner github`).
int RunEmbedded(agent::EmbeddedRun& run);

}  // namespace runner::cli
