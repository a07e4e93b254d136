#pragma once
/// Resolves which session this run is: new, --session-id, --resume, --continue, --fork-session.

#include <filesystem>
#include <string>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/result.h"
#include "runner/cli/flags.h"
#include "runner/protocol/messages.h"

namespace runner::cli {

struct SessionPlan {
  std::string session_id;
  std::vector<protocol::Message> history;  ///< from the resumed transcript
  bool history_needs_copy = false;         ///< forked: write history into the new transcript
  /// Where to append: the resumed file when continuing it in place, else empty (the default
  /// path for the session id).
  std::filesystem::path transcript_path;
  std::string parent_uuid;  ///< last uuid of the resumed transcript, to continue its chain
};

base::Result<SessionPlan> PlanSession(const Flags& flags, const base::Env& env,
                                      const std::filesystem::path& cwd);

}  // namespace runner::cli
