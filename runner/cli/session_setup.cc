#include "runner/cli/session_setup.h"

#include "runner/base/uuid.h"
#include "runner/session/transcript.h"

namespace runner::cli {

namespace {
base::Result<std::filesystem::path> ResumePath(const Flags& flags, const base::Env& env,
                                               const std::filesystem::path& cwd) {
  if (flags.continue_session) return session::FindLatestTranscript(env, cwd);
  if (flags.resume.empty()) {
    return base::Fail(base::ErrorKind::kUsage,
                      "--resume needs a session id in print mode (e.g. --resume <uuid>)");
  }
  if (flags.resume.ends_with(".jsonl")) return std::filesystem::path(flags.resume);
  if (!base::IsUuid(flags.resume)) {
    return base::Fail(base::ErrorKind::kUsage, "--resume: '" + flags.resume + "' is not a session id");
  }
  std::filesystem::path p = session::TranscriptPath(env, cwd, flags.resume);
  std::error_code ec;
  if (!std::filesystem::exists(p, ec)) {
    return base::Fail(base::ErrorKind::kUsage,
                      "No conversation found with session ID: " + flags.resume);
  }
  return p;
}
}  // namespace

base::Result<SessionPlan> PlanSession(const Flags& flags, const base::Env& env,
                                      const std::filesystem::path& cwd) {
  SessionPlan plan;
  if (flags.session_id && !base::IsUuid(*flags.session_id)) {
    return base::Fail(base::ErrorKind::kUsage, "--session-id must be a valid UUID");
  }
  if (!flags.resume_given && !flags.continue_session) {
    plan.session_id = flags.session_id ? *flags.session_id : base::NewUuid();
    std::error_code ec;
    if (flags.session_id &&
        std::filesystem::exists(session::TranscriptPath(env, cwd, plan.session_id), ec)) {
      return base::Fail(base::ErrorKind::kUsage,
                        "Session ID " + plan.session_id +
                            " is already in use (use --resume to continue it)");
    }
    return plan;
  }
  std::filesystem::path path = TRY(ResumePath(flags, env, cwd));
  session::LoadedSession loaded = TRY(session::LoadTranscript(path));
  plan.history = std::move(loaded.messages);
  if (flags.fork_session || flags.session_id) {
    plan.session_id = flags.session_id ? *flags.session_id : base::NewUuid();
    plan.history_needs_copy = true;
  } else {
    plan.session_id = loaded.session_id.empty() ? path.stem().string() : loaded.session_id;
    plan.transcript_path = path;
    plan.parent_uuid = loaded.last_uuid;
  }
  return plan;
}

}  // namespace runner::cli
