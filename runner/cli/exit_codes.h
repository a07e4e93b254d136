#pragma once
/// The process exit codes (documented in docs/exit-codes.md). Nonzero on every failure.

namespace runner::cli {

enum class ExitCode : int {
  kSuccess = 0,
  kError = 1,              ///< internal or unclassified failure
  kUsage = 2,              ///< bad flags, bad input, bad configuration
  kMaxTurns = 3,           ///< --max-turns reached
  kBudget = 4,             ///< --max-budget-usd reached
  kTimeout = 5,            ///< --timeout reached
  kAuth = 6,               ///< the API refused the credentials (401/403)
  kApi = 7,                ///< the API failed after retries (or a network failure)
  kStructuredOutput = 8,   ///< --json-schema output never produced
  kHookStopped = 9,        ///< a hook blocked the prompt or said continue:false
  kCommand = 10,           ///< a custom slash command could not run (unknown, `!` denied/failed)
  kInterrupted = 130,      ///< SIGINT
  kTerminated = 143,       ///< SIGTERM
};

}  // namespace runner::cli
