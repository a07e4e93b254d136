#pragma once
/// SIGINT/SIGTERM → cancellation of the run (a second SIGINT exits at once). SIGPIPE ignored.

#include "runner/base/cancel.h"

namespace runner::cli {

/// Installs the handlers; `token` must live until the process exits.
void InstallSignalHandlers(base::CancelToken* token);

}  // namespace runner::cli
