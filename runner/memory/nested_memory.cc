#include "runner/memory/nested_memory.h"

#include <algorithm>
#include <functional>

#include "runner/memory/file_loader.h"
#include "runner/memory/glob.h"

namespace runner::memory {

namespace fs = std::filesystem;

NestedMemory::NestedMemory(MemoryInputs inputs, const std::vector<MemoryFile>& startup)
    : in_(std::move(inputs)) {
  in_.cwd = in_.cwd.lexically_normal();
  for (const MemoryFile& f : startup) attached_.insert(f.path.string());
}

namespace {

/// A rule loader's filter: rules whose `paths:` match `target` relative to `base`; with
/// `unconditional`, rules without `paths:` too.
std::function<bool(const MemoryFile&)> Matching(const fs::path& target, const fs::path& base,
                                                bool unconditional) {
  std::string rel = target.lexically_relative(base).generic_string();
  return [rel, unconditional](const MemoryFile& rule) {
    return rule.paths.empty() ? unconditional : PathPatternsMatch(rule.paths, rel);
  };
}

}  // namespace

std::vector<MemoryFile> NestedMemory::ForRead(const fs::path& file) {
  fs::path target = file.lexically_normal();
  std::vector<fs::path> nested;  // from below cwd down to the file's directory
  for (fs::path d = target.parent_path(); d != d.parent_path() && d.has_relative_path();
       d = d.parent_path()) {
    if (!internal::IsWithin(d, in_.cwd) || internal::IsWithin(in_.cwd, d)) break;
    nested.push_back(d);
  }
  std::reverse(nested.begin(), nested.end());
  std::vector<fs::path> above;  // the directories from the one below `/` down to cwd
  for (fs::path d = in_.cwd; d.has_relative_path(); d = d.parent_path()) {
    if (d.has_filename()) above.push_back(d);
  }
  std::reverse(above.begin(), above.end());

  std::lock_guard<std::mutex> lock(mu_);
  std::vector<MemoryFile> found;
  internal::FileLoader loader(in_);
  // Managed and user rules scoped to paths (relative to the working directory).
  auto scoped = Matching(target, in_.cwd, /*unconditional=*/false);
  loader.LoadRules(in_.managed_dir / ".claude" / "rules", MemoryType::kManaged, true, scoped, found);
  if (in_.user && in_.user_dir) loader.LoadRules(*in_.user_dir / "rules", MemoryType::kUser, true, scoped, found);
  // Each directory below cwd on the way to the file: its memory files and all its rules.
  for (const fs::path& dir : nested) {
    if (in_.project) {
      loader.Load(dir / "CLAUDE.md", MemoryType::kProject, /*external=*/false, found);
      loader.Load(dir / ".claude" / "CLAUDE.md", MemoryType::kProject, false, found);
    }
    if (in_.local) loader.Load(dir / "CLAUDE.local.md", MemoryType::kLocal, false, found);
    if (in_.project) {
      loader.LoadRules(dir / ".claude" / "rules", MemoryType::kProject, false,
                       Matching(target, dir, /*unconditional=*/true), found);
    }
  }
  // The working directory and those above it: their scoped rules (the others loaded at start).
  for (const fs::path& dir : above) {
    if (!in_.project) break;
    loader.LoadRules(dir / ".claude" / "rules", MemoryType::kProject, in_.external_imports,
                     Matching(target, dir, /*unconditional=*/false), found);
  }
  std::vector<MemoryFile> out;
  attached_.insert(target.string());  // read directly: the reader has its text
  for (MemoryFile& f : found) {
    if (attached_.insert(f.path.string()).second) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace runner::memory
