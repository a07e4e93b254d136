#pragma once
/// The memory module owns CLAUDE.md files, as Claude Code reads them:
///   memory.h         (this file) which files a session loads at start, in Claude Code's order
///   imports.h        `@path` imports and the HTML comments left out of what the model sees
///   nested_memory.h  CLAUDE.md files below the working directory and `paths:`-scoped rules,
///                    loaded when a file they concern is read
///   glob.h           the patterns of `claudeMdExcludes` and of rules' `paths:`
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
  kManaged,  ///< <managed dir>/CLAUDE.md and <managed dir>/.claude/rules; always loaded
  kUser,     ///< $CLAUDE_CONFIG_DIR/CLAUDE.md and …/rules (default ~/.claude); source "user"
  kProject,  ///< CLAUDE.md, .claude/CLAUDE.md and .claude/rules of the project's directories;
             ///< source "project"
  kLocal,    ///< CLAUDE.local.md of the project's directories; source "local"
};

struct MemoryFile {
  std::filesystem::path path;  ///< absolute, lexically normal, not symlink-resolved
  MemoryType type = MemoryType::kProject;  ///< an imported file takes its importer's type
  std::string content;  ///< the text without frontmatter and block-level HTML comments
  std::filesystem::path parent;  ///< the file that imported this one; empty for the others
  /// The `paths:` patterns of its frontmatter (see SplitPathPatterns); a rule file with
  /// patterns only loads when a file they match is read.
  std::vector<std::string> paths;

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
  /// `claudeMdExcludes`: glob patterns of absolute paths of user, project and local files not
  /// to load (managed files are never excluded).
  std::vector<std::string> excludes;
  /// Directories whose CLAUDE.md, .claude/CLAUDE.md and unconditional rules load as project
  /// memory after the walk (`--add-dir` with CLAUDE_CODE_ADDITIONAL_DIRECTORIES_CLAUDE_MD set),
  /// whatever the setting sources say.
  std::vector<std::filesystem::path> additional_dirs;
};

/// The memory a session starts with, in the order the model reads it (later files weigh more):
/// managed CLAUDE.md and rules, user CLAUDE.md and rules, then for every directory from the one
/// below `/` down to `cwd`: CLAUDE.md, .claude/CLAUDE.md and the rules in .claude/rules
/// (project), and CLAUDE.local.md (local); then the additional directories. Rules are the `*.md` files below a rules directory,
/// in name order; those with `paths:` wait for a matching read (NestedMemory). Each file is
/// followed by the files it imports, depth first. A file is read once however often it is
/// reached (so import cycles end); missing or unreadable files, files that are empty after
/// stripping, excluded files and files with a non-text extension are skipped.
std::vector<MemoryFile> LoadStartupMemory(const MemoryInputs& inputs);

}  // namespace runner::memory
