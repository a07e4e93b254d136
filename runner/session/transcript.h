#pragma once
/// The session module owns transcripts: JSONL files under
/// `$CLAUDE_CONFIG_DIR/projects/<cwd key>/<session id>.jsonl` (default config dir ~/.claude),
/// appended and flushed per event, and read back for --resume / --continue.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/result.h"
#include "runner/protocol/events.h"

namespace runner::session {

/// `$CLAUDE_CONFIG_DIR` or `$HOME/.claude`.
std::filesystem::path ConfigDir(const base::Env& env);
/// The cwd with every character outside [A-Za-z0-9] replaced by '-' (as Claude Code does).
std::string ProjectKey(const std::filesystem::path& cwd);
std::filesystem::path ProjectDir(const base::Env& env, const std::filesystem::path& cwd);
std::filesystem::path TranscriptPath(const base::Env& env, const std::filesystem::path& cwd,
                                     const std::string& session_id);

/// `cleanupPeriodDays`: removes transcripts (`projects/*/*.jsonl` under `config_dir`) last
/// written more than `days` days before `now`, and project directories left empty. Never
/// follows symlinks; errors are skipped. Returns how many files it removed.
size_t RemoveOldTranscripts(const std::filesystem::path& config_dir, int64_t days,
                            std::filesystem::file_time_type now);

struct TranscriptContext {
  std::string session_id;
  std::filesystem::path cwd;
  std::string version;
  std::string git_branch;
  /// The uuid of the transcript's last line when appending to an existing conversation
  /// (--resume / --continue; LoadedSession::last_uuid), so the parentUuid chain continues.
  /// Empty = the first line's parentUuid is null.
  std::string parent_uuid;
};

/// Writes user/assistant events as transcript lines (Claude Code's shape: parentUuid chain,
/// sessionId, cwd, version, type, message, uuid, timestamp, toolUseResult).
class TranscriptWriter : public protocol::EventSink {
 public:
  static base::Result<std::unique_ptr<TranscriptWriter>> Open(const std::filesystem::path& path,
                                                              TranscriptContext context);
  void Emit(const protocol::Event& event) override;
  const std::filesystem::path& path() const;
  ~TranscriptWriter() override;

 private:
  struct Impl;
  explicit TranscriptWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A conversation read back from a transcript.
struct LoadedSession {
  std::string session_id;
  std::vector<protocol::Message> messages;  ///< ready to send (consecutive blocks merged)
  std::string last_uuid;                    ///< for continuing the parentUuid chain
};

/// Reads a transcript. A torn last line (killed writer) is skipped. Messages are rebuilt so the
/// API accepts them: assistant blocks with the same message id merge, tool_use without a result
/// gets an error tool_result ("interrupted"), consecutive user messages merge.
base::Result<LoadedSession> LoadTranscript(const std::filesystem::path& path);
/// The most recently modified transcript for this cwd (for --continue); kUsage error when none.
base::Result<std::filesystem::path> FindLatestTranscript(const base::Env& env,
                                                         const std::filesystem::path& cwd);

}  // namespace runner::session
