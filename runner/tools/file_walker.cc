#include "runner/tools/file_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace runner::tools {
namespace {

/// A directory still to be read, with the ignore files in force in it.
struct DirTask {
  std::string path;
  std::shared_ptr<const IgnoreStack> ignores;
};

/// The directories still to read, shared by the workers. The walk is over when no task is
/// queued and none is being processed (a task in progress may queue more).
class WorkQueue {
 public:
  void Push(DirTask task) {
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(task));
      ++pending_;
    }
    cv_.notify_one();
  }
  /// The next task (newest first, for depth-first locality), or nullopt when the walk is over.
  std::optional<DirTask> Pop() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !tasks_.empty() || pending_ == 0 || stopped_; });
    if (stopped_ || tasks_.empty()) return std::nullopt;
    DirTask task = std::move(tasks_.back());
    tasks_.pop_back();
    return task;
  }
  /// Marks one popped task as finished.
  void Done() {
    std::lock_guard lock(mu_);
    if (--pending_ == 0) cv_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<DirTask> tasks_;
  size_t pending_ = 0;
  bool stopped_ = false;
};

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

/// One directory entry: its name sits in DirListing::names at [offset, offset + size), followed
/// by a NUL.
struct Entry {
  size_t offset = 0;
  size_t size = 0;
  bool is_dir = false;
};

/// The directories and regular files of one directory (symlinks and special files are left
/// out). Reused from directory to directory by one worker to spare allocations.
struct DirListing {
  std::string names;
  std::vector<Entry> entries;

  std::string_view Name(const Entry& e) const { return {names.data() + e.offset, e.size}; }

  void Read(DIR* dir, IgnoreMarkers& markers) {
    names.clear();
    entries.clear();
    while (struct dirent* d = ::readdir(dir)) {
      std::string_view name = d->d_name;
      if (name == "." || name == "..") continue;
      markers.Note(name);
      unsigned char type = d->d_type;
      if (type == DT_UNKNOWN) {
        struct stat st {};
        if (::fstatat(::dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
      }
      if (type != DT_DIR && type != DT_REG) continue;
      entries.push_back(Entry{names.size(), name.size(), type == DT_DIR});
      names.append(name);
      names.push_back('\0');
    }
  }
};

class Walker {
 public:
  Walker(const std::filesystem::path& root, const WalkOptions& options, base::CancelToken* cancel,
         const FileVisitor& visit)
      : root_(root.lexically_normal().string()), options_(options), cancel_(cancel), visit_(visit) {
    while (root_.size() > 1 && root_.ends_with('/')) root_.pop_back();
    rel_start_ = root_ == "/" ? 1 : root_.size() + 1;
  }

  WalkEnd Run() {
    std::shared_ptr<const IgnoreStack> ignores;
    if (options_.ignore_files == IgnoreFiles::kRespect) ignores = IgnoreStack::ForRoot(root_);
    queue_.Push(DirTask{root_, std::move(ignores)});
    size_t threads = WalkThreads(options_);
    std::vector<std::thread> workers;
    for (size_t i = 1; i < threads; ++i) workers.emplace_back([this, i] { Work(i); });
    Work(0);
    for (std::thread& t : workers) t.join();
    return cancelled_.load() ? WalkEnd::kCancelled : WalkEnd::kComplete;
  }

 private:
  void Work(size_t worker) {
    DirListing listing;
    std::string path;
    while (std::optional<DirTask> task = queue_.Pop()) {
      if (cancel_ != nullptr && cancel_->cancelled()) {
        cancelled_.store(true);
        queue_.Stop();
      } else {
        ReadDir(*task, worker, listing, path);
      }
      queue_.Done();
    }
  }

  /// Lists one directory, queues its subdirectories and visits its files. `listing` and
  /// `path` are the worker's scratch space.
  void ReadDir(const DirTask& task, size_t worker, DirListing& listing, std::string& path) {
    int fd = ::open(task.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    DirHandle dir(::fdopendir(fd));
    if (!dir) {
      ::close(fd);
      return;
    }
    IgnoreMarkers markers;
    listing.Read(dir.get(), markers);
    std::shared_ptr<const IgnoreStack> ignores = task.ignores;
    if (options_.ignore_files == IgnoreFiles::kRespect && task.path != root_) {
      ignores = IgnoreStack::ForChild(std::move(ignores), task.path, markers);
    }
    path = task.path;
    if (!path.ends_with('/')) path += '/';
    size_t base = path.size();
    for (const Entry& entry : listing.entries) {
      std::string_view name = listing.Name(entry);
      if (IsAlwaysSkipped(name)) continue;
      path.resize(base);
      path += name;
      std::string_view rel = std::string_view(path).substr(rel_start_);
      if (!Keep(path, rel, name, entry.is_dir, ignores.get())) continue;
      if (entry.is_dir) {
        queue_.Push(DirTask{path, ignores});
      } else {
        visit_(WalkedFile{path, rel, name, ::dirfd(dir.get())}, worker);
      }
    }
  }

  /// ripgrep's order: overrides, then ignore files, then types, then hidden names.
  bool Keep(std::string_view path, std::string_view rel, std::string_view name, bool is_dir,
            const IgnoreStack* ignores) const {
    if (options_.overrides != nullptr) {
      IgnoreMatch m = options_.overrides->Match(rel, is_dir);
      if (m != IgnoreMatch::kNone) return m == IgnoreMatch::kWhitelist;
    }
    bool whitelisted = false;
    if (ignores != nullptr) {
      IgnoreMatch m = ignores->Match(path, is_dir);
      if (m == IgnoreMatch::kIgnore) return false;
      whitelisted = m == IgnoreMatch::kWhitelist;
    }
    if (options_.types != nullptr && !is_dir) {
      IgnoreMatch m = options_.types->Match(name, false);
      if (m == IgnoreMatch::kIgnore) return false;
      whitelisted = whitelisted || m == IgnoreMatch::kWhitelist;
    }
    return whitelisted || options_.hidden == HiddenFiles::kInclude || !IsHiddenName(name);
  }

  std::string root_;
  size_t rel_start_ = 0;
  const WalkOptions& options_;
  base::CancelToken* cancel_;
  const FileVisitor& visit_;
  WorkQueue queue_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace

size_t DefaultWalkThreads() {
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

size_t WalkThreads(const WalkOptions& options) {
  return options.threads == 0 ? DefaultWalkThreads() : options.threads;
}

WalkEnd WalkFiles(const std::filesystem::path& root, const WalkOptions& options,
                  base::CancelToken* cancel, const FileVisitor& visit) {
  return Walker(root, options, cancel, visit).Run();
}

std::vector<FoundFile> ListFiles(const std::filesystem::path& root, const WalkOptions& options,
                                 base::CancelToken* cancel, WalkEnd* end) {
  std::vector<std::vector<FoundFile>> per_worker(WalkThreads(options));
  WalkEnd result = WalkFiles(root, options, cancel, [&](const WalkedFile& file, size_t worker) {
    struct stat st {};
    int64_t mtime = 0;
    if (::fstatat(file.dir_fd, file.name.data(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
      mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    }
    per_worker[worker].push_back(FoundFile{std::string(file.path), mtime});
  });
  if (end != nullptr) *end = result;
  std::vector<FoundFile> all;
  for (auto& files : per_worker) {
    all.insert(all.end(), std::make_move_iterator(files.begin()),
               std::make_move_iterator(files.end()));
  }
  return all;
}

}  // namespace runner::tools
