#pragma once
/// Reading files for Grep: each search thread loads whole files into one reusable buffer
/// (large files are memory-mapped instead), with the modification time and the binary check.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace runner::tools {

/// Files from this size on are mapped rather than read.
inline constexpr size_t kGrepMapThreshold = 64 * 1024 * 1024;

/// Whether a path that is a symbolic link may be opened.
enum class FollowLinks { kYes, kNo };

class FileReader {
 public:
  FileReader() = default;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  ~FileReader();

  /// Loads the regular file `name`, relative to `dir_fd` (AT_FDCWD: a path). False when it
  /// cannot be opened or read or is not a regular file. The previous contents are dropped.
  bool Load(int dir_fd, const char* name, FollowLinks follow = FollowLinks::kNo);

  std::string_view text() const { return {data_, size_}; }
  int64_t mtime_ns() const { return mtime_ns_; }
  /// A NUL byte in the first 8 KiB: the file is binary and not searched.
  bool LooksBinary() const;
  /// A NUL byte anywhere: ripgrep drops the matches of such a file too.
  bool HasNul() const;

 private:
  void Unmap();

  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  const char* data_ = nullptr;
  size_t size_ = 0;
  void* map_ = nullptr;
  size_t map_size_ = 0;
  int64_t mtime_ns_ = 0;
};

}  // namespace runner::tools
