#include "runner/commands/catalog.h"

#include <algorithm>
#include <set>

#include "runner/base/files.h"

namespace runner::commands {

namespace fs = std::filesystem;

namespace {

/// The nearest directory at or above `dir` holding `.git` (a repository or a worktree).
std::optional<fs::path> GitRoot(fs::path dir) {
  std::error_code ec;
  for (;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir;
    if (dir == dir.parent_path()) return std::nullopt;
  }
}

std::vector<fs::path> ProjectDirs(const CatalogInputs& in) {
  std::vector<fs::path> dirs;
  fs::path cwd = in.cwd.lexically_normal();
  if (!cwd.has_filename() && cwd.has_relative_path()) cwd = cwd.parent_path();
  std::optional<fs::path> git_root = GitRoot(cwd);
  fs::path home = in.home.empty() ? fs::path() : in.home.lexically_normal();
  std::error_code ec;
  for (fs::path d = cwd;; d = d.parent_path()) {
    if (!home.empty() && d == home) break;
    if (fs::is_directory(d / ".claude" / "commands", ec)) dirs.push_back(d / ".claude" / "commands");
    if ((git_root && d == *git_root) || d == d.parent_path()) break;
  }
  return dirs;
}

bool Hidden(const fs::path& rel) {
  for (const fs::path& part : rel) {
    if (part.string().starts_with(".")) return true;
  }
  return false;
}

/// The `*.md` files below `dir`, by path.
std::vector<fs::path> MarkdownFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    fs::path rel = it->path().lexically_relative(dir);
    if (Hidden(rel)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".md" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string CommandName(const fs::path& file, const fs::path& dir) {
  fs::path rel = file.lexically_relative(dir);
  rel.replace_extension();
  std::string name;
  for (const fs::path& part : rel) name += (name.empty() ? "" : ":") + part.string();
  return name;
}

void AddDir(const fs::path& dir, CommandScope scope, std::set<std::string>& seen,
            std::vector<CommandDef>& out) {
  for (const fs::path& file : MarkdownFiles(dir)) {
    std::error_code ec;
    fs::path real = fs::weakly_canonical(file, ec);
    if (!seen.insert((ec ? file : real).string()).second) continue;
    auto text = base::ReadFile(file);
    if (!text) continue;
    out.push_back(ParseCommandFile(*text, CommandName(file, dir), file, scope));
  }
}

}  // namespace

std::vector<CommandDef> LoadCommands(const CatalogInputs& in) {
  std::vector<CommandDef> out;
  std::set<std::string> seen;
  AddDir(in.managed_dir / ".claude" / "commands", CommandScope::kManaged, seen, out);
  if (in.user && in.user_dir) AddDir(*in.user_dir / "commands", CommandScope::kUser, seen, out);
  if (in.project) {
    for (const fs::path& dir : ProjectDirs(in)) AddDir(dir, CommandScope::kProject, seen, out);
  }
  return out;
}

const CommandDef* FindCommand(const std::vector<CommandDef>& commands, std::string_view name) {
  for (const CommandDef& c : commands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace runner::commands
