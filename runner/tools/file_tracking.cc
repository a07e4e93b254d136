#include "runner/tools/file_tracking.h"

#include "runner/base/files.h"

namespace runner::tools {

std::string TrackingKey(const std::filesystem::path& path) {
  return path.lexically_normal().string();
}

int64_t MtimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::optional<int64_t> FileMtimeNs(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return MtimeNs(st);
}

void RecordRead(ToolSession& session, const std::filesystem::path& path) {
  if (std::optional<int64_t> mtime = FileMtimeNs(path)) RecordRead(session, path, *mtime);
}

void RecordRead(ToolSession& session, const std::filesystem::path& path, int64_t mtime_ns) {
  std::lock_guard lock(session.mu);
  session.read_mtimes[TrackingKey(path)] = mtime_ns;
}

std::optional<std::string> CheckReadBeforeWrite(ToolSession& session,
                                                const std::filesystem::path& path) {
  std::optional<int64_t> recorded;
  {
    std::lock_guard lock(session.mu);
    auto it = session.read_mtimes.find(TrackingKey(path));
    if (it != session.read_mtimes.end()) recorded = it->second;
  }
  if (!recorded) return "File has not been read yet. Read it first before writing to it.";
  if (FileMtimeNs(path) != recorded) {
    return "File has been modified since read, either by the user or by a linter. Read it again "
           "before attempting to write it.";
  }
  return std::nullopt;
}

base::Result<void> WriteAndRecord(ToolSession* session, const std::filesystem::path& path,
                                  std::string_view data) {
  std::error_code ec;
  std::filesystem::path target = path;
  if (std::filesystem::is_symlink(path, ec)) {
    target = std::filesystem::weakly_canonical(path, ec);
    if (ec) return base::Fail(base::ErrorKind::kIo, "cannot resolve symlink " + path.string());
  }
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) {
    return base::Fail(
        base::ErrorKind::kIo,
        "cannot create directory " + target.parent_path().string() + ": " + ec.message());
  }
  TRY_VOID(base::WriteFileAtomic(target, data));
  if (session != nullptr) RecordRead(*session, path);
  return {};
}

std::optional<std::string> CheckAbsolute(std::string_view file_path) {
  if (std::filesystem::path(file_path).is_absolute()) return std::nullopt;
  return "file_path must be an absolute path, got '" + std::string(file_path) + "'.";
}

std::filesystem::path CurrentDir(const ToolContext& ctx) {
  if (ctx.session != nullptr) {
    std::lock_guard lock(ctx.session->mu);
    if (!ctx.session->bash_cwd.empty()) return ctx.session->bash_cwd;
  }
  return ctx.project_dir;
}

std::string FileNotFoundMessage(const ToolContext& ctx) {
  return "File does not exist. Note: your current working directory is " +
         CurrentDir(ctx).string() + ".";
}

std::string IsDirectoryMessage(std::string_view op, const std::filesystem::path& path) {
  return "EISDIR: illegal operation on a directory, " + std::string(op) + " '" + path.string() +
         "'";
}

}  // namespace runner::tools
