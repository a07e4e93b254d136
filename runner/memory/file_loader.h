#pragma once
/// Internal to the memory module: reads one memory file and, depth first, the files it
/// imports, skipping files already seen. Shared by the startup load and nested memory.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "runner/memory/memory.h"

namespace runner::memory::internal {

class FileLoader {
 public:
  explicit FileLoader(const MemoryInputs& inputs) : in_(inputs) {}

  /// Appends `file` (when readable, a text file, not yet seen and not empty) and its imports
  /// to `out`. `external` allows imports outside the working directory.
  void Load(const std::filesystem::path& file, MemoryType type, bool external,
            std::vector<MemoryFile>& out) {
    Visit(file, type, external, 0, {}, out);
  }

  /// Appends the rule files below `dir` (`*.md`, recursively, in name order) that `keep`
  /// accepts, each followed by its imports.
  void LoadRules(const std::filesystem::path& dir, MemoryType type, bool external,
                 const std::function<bool(const MemoryFile& rule)>& keep, std::vector<MemoryFile>& out);

 private:
  void Visit(const std::filesystem::path& file, MemoryType type, bool external, int depth,
             const std::filesystem::path& parent, std::vector<MemoryFile>& out);
  bool Excluded(const std::filesystem::path& path, const std::filesystem::path& real,
                MemoryType type) const;

  const MemoryInputs& in_;
  std::set<std::string> seen_;  ///< lexical and real paths of every file visited
};

/// True when `path` is `dir` or below it (both absolute; compared lexically).
bool IsWithin(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace runner::memory::internal
