#pragma once
/// The commands module owns custom slash commands, as Claude Code runs them from a prompt:
///   command.h      (this file) one command file: Markdown with optional YAML frontmatter
///   catalog.h      where command files are found and how they are named
///   invocation.h   `/name args` and argument substitution
///   shell_snippets.h  the `!`…`` commands run before the prompt is sent
///   file_mentions.h   `@file` references and how their contents are attached
///   expand.h       a command and its arguments → the user message the model receives
/// docs/commands.md describes the behaviour for users.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/result.h"

namespace runner::commands {

/// Where a command file was found.
enum class CommandScope { kManaged, kUser, kProject };

struct CommandDef {
  std::string name;  ///< "review-pr"; namespaced by subdirectory: "frontend:component"
  std::filesystem::path path;
  CommandScope scope = CommandScope::kProject;
  std::string body;  ///< the Markdown after the frontmatter
  std::string description;
  std::string argument_hint;
  std::vector<std::string> allowed_tools;   ///< permission rules granted while it runs
  std::optional<std::string> model;         ///< model (alias or id) for its turn
  std::vector<std::string> argument_names;  ///< `arguments:` names for `$name`
  bool disable_model_invocation = false;
  /// Set when the frontmatter could not be read; running the command then fails with it.
  std::string error;
};

/// Builds a command from its file text. Frontmatter keys: `description`, `argument-hint`,
/// `allowed-tools` (a list, or one string of rules separated by commas or spaces), `model`
/// (`inherit` means none), `arguments` (a list or a space-separated string),
/// `disable-model-invocation`. Other keys are ignored. Malformed frontmatter does not fail the
/// load: it is recorded in `error`, so a run that never uses the command is not affected.
CommandDef ParseCommandFile(std::string_view text, std::string name, std::filesystem::path path,
                            CommandScope scope);

}  // namespace runner::commands
