#pragma once
/// CLAUDE.md files below the working directory. Claude Code does not load them at start: when
/// a file in such a directory is read, the CLAUDE.md files of every directory from below the
/// working directory down to the file's own come along, once per session.

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "runner/memory/memory.h"

namespace runner::memory {

class NestedMemory {
 public:
  /// `startup` are the files loaded at start; they are never attached again.
  NestedMemory(MemoryInputs inputs, const std::vector<MemoryFile>& startup);

  /// The memory files that reading `file` (absolute) brings in and that have not come before:
  /// for each directory strictly below the working directory down to `file`'s own, shallow
  /// first, its CLAUDE.md and .claude/CLAUDE.md (when the project source is enabled) and
  /// CLAUDE.local.md (local source), each followed by its imports, which must stay inside the
  /// working directory. `file` itself is never returned (whoever read it has it) and counts as
  /// attached from then on. Thread-safe: tools run in parallel.
  std::vector<MemoryFile> ForRead(const std::filesystem::path& file);

 private:
  MemoryInputs in_;
  std::mutex mu_;
  std::set<std::string> attached_;  ///< lexically normal paths
};

}  // namespace runner::memory
