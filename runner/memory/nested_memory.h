#pragma once
/// Memory that Claude Code does not load at start: CLAUDE.md files below the working directory,
/// and rule files scoped with `paths:`. They come along when a file they concern is read, each
/// once per session.

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

  /// The memory files that reading `file` (absolute) brings in and that have not come before,
  /// in this order:
  ///   1. managed and user rules whose `paths:` match `file` relative to the working directory;
  ///   2. for each directory strictly below the working directory down to `file`'s own,
  ///      shallow first: its CLAUDE.md and .claude/CLAUDE.md (project source), CLAUDE.local.md
  ///      (local source), and its .claude/rules files that have no `paths:` or whose `paths:`
  ///      match `file` relative to that directory;
  ///   3. the rules with matching `paths:` of the working directory and the directories above.
  /// Each file is followed by its imports; those of files below the working directory must
  /// stay inside it. `file` itself is never returned (whoever read it has it) and counts as
  /// attached from then on. Thread-safe: tools run in parallel.
  std::vector<MemoryFile> ForRead(const std::filesystem::path& file);

 private:
  MemoryInputs in_;
  std::mutex mu_;
  std::set<std::string> attached_;  ///< lexically normal paths
};

}  // namespace runner::memory
