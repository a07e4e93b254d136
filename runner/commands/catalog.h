#pragma once
/// Where custom commands come from, as in Claude Code:
///   managed  <managed dir>/.claude/commands/        always
///   user     $CLAUDE_CONFIG_DIR/commands/ (default ~/.claude/commands/)   source "user"
///   project  .claude/commands/ of the working directory and of each parent up to the git
///            root (never the home directory or above it)                source "project"
/// Every `*.md` file below such a directory is a command; subdirectories namespace it:
/// `frontend/component.md` is `/frontend:component`. Names starting with `.` are skipped.

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "runner/commands/command.h"

namespace runner::commands {

struct CatalogInputs {
  std::filesystem::path cwd;          ///< absolute
  std::filesystem::path managed_dir;  ///< /etc/claude-code
  std::optional<std::filesystem::path> user_dir;  ///< $CLAUDE_CONFIG_DIR or ~/.claude
  std::filesystem::path home;         ///< the project walk stops below it; may be empty
  bool user = true;     ///< the "user" setting source is enabled
  bool project = true;  ///< the "project" setting source is enabled
};

/// Every command, managed first, then user, then project (the working directory's before its
/// parents'); the first one of a name wins. A file reached twice (symlinks) counts once.
std::vector<CommandDef> LoadCommands(const CatalogInputs& inputs);

/// The command called `name`, or null.
const CommandDef* FindCommand(const std::vector<CommandDef>& commands, std::string_view name);

}  // namespace runner::commands
