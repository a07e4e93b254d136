#pragma once
/// What the file tools share: path rules, the messages Claude Code uses for them, and the
/// session's record of which files were Read (and at what mtime) before a Write or Edit.

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/result.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// The key under which a path is tracked in ToolSession::read_mtimes (lexically normalised).
std::string TrackingKey(const std::filesystem::path& path);

/// The file's modification time in nanoseconds, or nullopt when it cannot be stat'ed.
std::optional<int64_t> FileMtimeNs(const std::filesystem::path& path);

/// The modification time in nanoseconds from a stat result.
int64_t MtimeNs(const struct stat& st);

/// Remembers the file's current mtime as "read" in the session.
void RecordRead(ToolSession& session, const std::filesystem::path& path);
/// Remembers `mtime_ns` (taken before the content was read) as "read" in the session.
void RecordRead(ToolSession& session, const std::filesystem::path& path, int64_t mtime_ns);

/// For a Write or Edit of an existing file: the error message when the file was not Read in
/// this session or changed on disk since, nullopt when writing is allowed.
std::optional<std::string> CheckReadBeforeWrite(ToolSession& session,
                                                const std::filesystem::path& path);

/// Writes `data` atomically (through a symlink to its target, keeping an existing file's mode),
/// creating missing parent directories, then records the new mtime as read so the next Edit of
/// the same file is allowed. `session` may be null.
base::Result<void> WriteAndRecord(ToolSession* session, const std::filesystem::path& path,
                                  std::string_view data);

/// The error message for a relative `file_path`, nullopt when it is absolute.
std::optional<std::string> CheckAbsolute(std::string_view file_path);

/// The shell's current directory (the project dir before the first Bash call).
std::filesystem::path CurrentDir(const ToolContext& ctx);

/// `File does not exist. Note: your current working directory is <cwd>.`
std::string FileNotFoundMessage(const ToolContext& ctx);

/// `EISDIR: illegal operation on a directory, <op> '<path>'`.
std::string IsDirectoryMessage(std::string_view op, const std::filesystem::path& path);

}  // namespace runner::tools
