#include "runner/memory/nested_memory.h"

#include <algorithm>

#include "runner/memory/file_loader.h"

namespace runner::memory {

namespace fs = std::filesystem;

NestedMemory::NestedMemory(MemoryInputs inputs, const std::vector<MemoryFile>& startup)
    : in_(std::move(inputs)) {
  in_.cwd = in_.cwd.lexically_normal();
  for (const MemoryFile& f : startup) attached_.insert(f.path.string());
}

std::vector<MemoryFile> NestedMemory::ForRead(const fs::path& file) {
  fs::path target = file.lexically_normal();
  std::vector<fs::path> dirs;  // from the file's directory up to, not including, cwd
  for (fs::path d = target.parent_path(); d != d.parent_path() && d.has_relative_path();
       d = d.parent_path()) {
    if (!internal::IsWithin(d, in_.cwd) || internal::IsWithin(in_.cwd, d)) break;
    dirs.push_back(d);
  }
  std::reverse(dirs.begin(), dirs.end());

  std::lock_guard<std::mutex> lock(mu_);
  std::vector<MemoryFile> found;
  internal::FileLoader loader(in_);
  for (const fs::path& dir : dirs) {
    if (in_.project) {
      loader.Load(dir / "CLAUDE.md", MemoryType::kProject, /*external=*/false, found);
      loader.Load(dir / ".claude" / "CLAUDE.md", MemoryType::kProject, false, found);
    }
    if (in_.local) loader.Load(dir / "CLAUDE.local.md", MemoryType::kLocal, false, found);
  }
  std::vector<MemoryFile> out;
  attached_.insert(target.string());  // read directly: the reader has its text
  for (MemoryFile& f : found) {
    if (attached_.insert(f.path.string()).second) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace runner::memory
