#pragma once
/// A parallel directory walk for the search tools: a few worker threads share a queue of
/// directories, skip what IgnoreStack and GlobOverrides say to skip, and hand every regular file
/// to a visitor. Symbolic links are never followed (nor reported), so a walk cannot loop.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/tools/ignore_rules.h"

namespace runner::tools {

/// Whether ignore files (.gitignore, .ignore, .rgignore, .git/info/exclude) are honoured.
enum class IgnoreFiles { kRespect, kDisregard };

struct WalkOptions {
  HiddenFiles hidden = HiddenFiles::kSkip;
  IgnoreFiles ignore_files = IgnoreFiles::kRespect;
  /// `--glob` overrides, matched against root-relative paths before anything else. Borrowed.
  const GlobOverrides* overrides = nullptr;
  /// `--type` selection, matched against file names after the ignore files. Borrowed.
  const GlobOverrides* types = nullptr;
  /// Worker threads; 0 means DefaultWalkThreads().
  size_t threads = 0;
};

/// A regular file found by the walk; the views are valid during the visitor call only.
struct WalkedFile {
  std::string_view path;      ///< absolute: the root as given, then `/`-joined names
  std::string_view rel_path;  ///< relative to the root
  std::string_view name;      ///< the last component; NUL-terminated (name.data() is a C string)
  int dir_fd = -1;            ///< an open descriptor of the containing directory (for *at calls)
};

/// Called on the worker threads, concurrently. `worker` (below the thread count) names the
/// calling thread so a visitor can keep per-thread state without locking.
using FileVisitor = std::function<void(const WalkedFile& file, size_t worker)>;

enum class WalkEnd { kComplete, kCancelled };

/// hardware_concurrency(), at least 1 and at most 8.
size_t DefaultWalkThreads();

/// The number of workers a walk with `options` uses.
size_t WalkThreads(const WalkOptions& options);

/// Walks the directory `root` (absolute). Unreadable directories are skipped silently. Stops
/// early, returning kCancelled, once `cancel` (may be null) is cancelled.
WalkEnd WalkFiles(const std::filesystem::path& root, const WalkOptions& options,
                  base::CancelToken* cancel, const FileVisitor& visit);

/// A file with its modification time.
struct FoundFile {
  std::string path;      ///< absolute
  int64_t mtime_ns = 0;  ///< 0 when it could not be stat'ed
};

/// Every file the walk yields, with its mtime, in no particular order.
std::vector<FoundFile> ListFiles(const std::filesystem::path& root, const WalkOptions& options,
                                 base::CancelToken* cancel, WalkEnd* end = nullptr);

}  // namespace runner::tools
