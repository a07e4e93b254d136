#include "runner/memory/memory.h"

#include <algorithm>

#include "runner/memory/file_loader.h"

namespace runner::memory {

namespace fs = std::filesystem;

std::vector<MemoryFile> LoadStartupMemory(const MemoryInputs& in) {
  std::vector<MemoryFile> out;
  internal::FileLoader loader(in);
  auto unconditional = [](const MemoryFile& rule) { return rule.paths.empty(); };
  loader.Load(in.managed_dir / "CLAUDE.md", MemoryType::kManaged, /*external=*/true, out);
  loader.LoadRules(in.managed_dir / ".claude" / "rules", MemoryType::kManaged, true, unconditional, out);
  if (in.user && in.user_dir) {
    loader.Load(*in.user_dir / "CLAUDE.md", MemoryType::kUser, true, out);
    loader.LoadRules(*in.user_dir / "rules", MemoryType::kUser, true, unconditional, out);
  }
  std::vector<fs::path> dirs;  // the working directory up to, not including, the root
  fs::path cwd = in.cwd.lexically_normal();
  if (!cwd.has_filename() && cwd.has_relative_path()) cwd = cwd.parent_path();  // "/a/b/"
  for (fs::path d = cwd; d.has_relative_path(); d = d.parent_path()) dirs.push_back(d);
  std::reverse(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    if (in.project) {
      loader.Load(dir / "CLAUDE.md", MemoryType::kProject, in.external_imports, out);
      loader.Load(dir / ".claude" / "CLAUDE.md", MemoryType::kProject, in.external_imports, out);
      loader.LoadRules(dir / ".claude" / "rules", MemoryType::kProject, in.external_imports,
                       unconditional, out);
    }
    if (in.local) loader.Load(dir / "CLAUDE.local.md", MemoryType::kLocal, in.external_imports, out);
  }
  for (const fs::path& dir : in.additional_dirs) {
    loader.Load(dir / "CLAUDE.md", MemoryType::kProject, in.external_imports, out);
    loader.Load(dir / ".claude" / "CLAUDE.md", MemoryType::kProject, in.external_imports, out);
    loader.LoadRules(dir / ".claude" / "rules", MemoryType::kProject, in.external_imports, unconditional, out);
  }
  return out;
}

}  // namespace runner::memory
