#include "runner/tools/grep_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "runner/base/files.h"
#include "runner/tools/read_tool.h"

namespace runner::tools {
namespace {

/// Reads up to `size` bytes; returns how many were read (fewer when the file shrank).
size_t ReadUpTo(int fd, char* out, size_t size) {
  size_t got = 0;
  while (got < size) {
    ssize_t n = ::read(fd, out + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  return got;
}

}  // namespace

FileReader::~FileReader() { Unmap(); }

void FileReader::Unmap() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = nullptr;
  map_size_ = 0;
}

bool FileReader::Load(int dir_fd, const char* name, FollowLinks follow) {
  Unmap();
  data_ = nullptr;
  size_ = 0;
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (follow == FollowLinks::kNo ? O_NOFOLLOW : 0);
  base::Fd fd(::openat(dir_fd, name, flags));
  if (!fd.valid()) return false;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  mtime_ns_ = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) return true;
  if (size >= kGrepMapThreshold) {
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (map == MAP_FAILED) return false;
    ::madvise(map, size, MADV_SEQUENTIAL);
    map_ = map;
    map_size_ = size;
    data_ = static_cast<const char*>(map);
    size_ = size;
    return true;
  }
  if (capacity_ < size) {
    capacity_ = std::max(size, capacity_ * 2);
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
  }
  size_ = ReadUpTo(fd.get(), buffer_.get(), size);
  data_ = buffer_.get();
  return true;
}

bool FileReader::LooksBinary() const {
  return std::memchr(data_, 0, std::min(size_, kBinaryProbeBytes)) != nullptr;
}

bool FileReader::HasNul() const { return size_ > 0 && std::memchr(data_, 0, size_) != nullptr; }

}  // namespace runner::tools
