#pragma once
/// What the model receives for memory files. The shape follows Claude Code, because tools that
/// read transcripts and prompts look for it: a `<system-reminder>` text block at the start of the
/// first user message holding a `# claudeMd` section with one `Contents of <path> (<kind>):`
/// entry per file, and for files loaded later, a `<system-reminder>` with
/// `Contents of <path>:` after the tool result that triggered it. The sentences around them
/// are our own.

#include <string>
#include <string_view>
#include <vector>

#include "runner/memory/memory.h"

namespace runner::memory {

/// The words after a path: "project instructions, checked into the codebase",
/// "user's private project instructions, not checked in", and for user and managed files
/// "user's private global instructions for all projects" (Claude Code labels both that way).
std::string_view KindLabel(MemoryType type);

/// The `<system-reminder>` block for the first user message; empty when `files` is empty.
std::string StartupReminder(const std::vector<MemoryFile>& files);

/// The `<system-reminder>` block for one file loaded during the session.
std::string NestedReminder(const MemoryFile& file);

}  // namespace runner::memory
