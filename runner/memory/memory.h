#pragma once
/// The memory module owns CLAUDE.md files, as Claude Code reads them:
///   memory.h         (this file) which files a session loads at start, in Claude Code's order
///   imports.h        `@path` imports and the HTML comments left out of what the model sees
///   nested_memory.h  CLAUDE.md files below the working directory, loaded when a file there is read
///   memory_text.h    the `<system-reminder>` text the model receives
/// Pure apart from reading files: nothing here prints or runs anything. docs/memory.md
/// describes the behaviour for users.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace runner::memory {

/// What a memory file is; decides its label and which `--setting-sources` entry enables it.
enum class MemoryType {
  kManaged,  ///< <managed dir>/CLAUDE.md; always loaded
  kUser,     ///< $CLAUDE_CONFIG_DIR/CLAUDE.md (default ~/.claude/CLAUDE.md); source "user"
  kProject,  ///< CLAUDE.md and .claude/CLAUDE.md of the project's directories; source "project"
  kLocal,    ///< CLAUDE.local.md of the project's directories; source "local"
};

struct MemoryFile {
  std::filesystem::path path;  ///< absolute, lexically normal, not symlink-resolved
  MemoryType type = MemoryType::kProject;  ///< an imported file takes its importer's type
  std::string content;  ///< the text without frontmatter and block-level HTML comments
  std::filesystem::path parent;  ///< the file that imported this one; empty for the others

  bool operator==(const MemoryFile&) const = default;
};

/// Imports nest at most this deep: a file at depth 5 (the top-level file is depth 0) is not read.
inline constexpr int kMaxImportDepth = 5;

struct MemoryInputs {
  std::filesystem::path cwd;          ///< absolute: where the session starts
  std::filesystem::path managed_dir;  ///< holds the managed CLAUDE.md (/etc/claude-code)
  std::optional<std::filesystem::path> user_dir;  ///< $CLAUDE_CONFIG_DIR or ~/.claude
  std::filesystem::path home;         ///< for `@~/…` imports; empty: such imports are skipped
  bool user = true;                   ///< the "user" setting source is enabled
  bool project = true;                ///< the "project" setting source is enabled
  bool local = true;                  ///< the "local" setting source is enabled
  /// Project and local files may import files outside `cwd` (Claude Code records that approval
  /// per project in ~/.claude.json as hasClaudeMdExternalIncludesApproved). Managed and user
  /// files always may; CLAUDE.md files below `cwd` never do.
  bool external_imports = false;
};

/// The memory a session starts with, in the order the model reads it (later files weigh more):
/// managed, user, then for every directory from the one below `/` down to `cwd`: CLAUDE.md,
/// .claude/CLAUDE.md (project) and CLAUDE.local.md (local). Each file is followed by the files
/// it imports, depth first. A file is read once however often it is reached (so import cycles
/// end), missing or unreadable files and files that are empty after stripping are skipped, and
/// files with a non-text extension are never read.
std::vector<MemoryFile> LoadStartupMemory(const MemoryInputs& inputs);

}  // namespace runner::memory
