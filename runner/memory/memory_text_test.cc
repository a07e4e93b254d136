#include "runner/memory/memory_text.h"

#include <gtest/gtest.h>

namespace runner::memory {
namespace {

TEST(StartupReminder, ListsEveryFileWithItsKindInsideOneSystemReminder) {
  std::vector<MemoryFile> files = {
      {"/etc/claude-code/CLAUDE.md", MemoryType::kManaged, "Org rules.\n", {}},
      {"/home/ci/.claude/CLAUDE.md", MemoryType::kUser, "Mine.", {}},
      {"/repo/CLAUDE.md", MemoryType::kProject, "\n# Project\nUse tabs.\n\n", {}},
      {"/repo/docs/style.md", MemoryType::kProject, "Style.", "/repo/CLAUDE.md"},
      {"/repo/CLAUDE.local.md", MemoryType::kLocal, "Local.", {}},
  };
  EXPECT_EQ(StartupReminder(files),
            "<system-reminder>\n"
            "Use the following context while you work on the user's requests:\n"
            "# claudeMd\n"
            "These instructions come from CLAUDE.md files of the organization, the user and the "
            "project. Follow them; where they differ from your default behaviour, they take "
            "precedence.\n\n"
            "Contents of /etc/claude-code/CLAUDE.md (user's private global instructions for all projects):\n\nOrg rules.\n\n"
            "Contents of /home/ci/.claude/CLAUDE.md (user's private global instructions for all projects):\n\nMine.\n\n"
            "Contents of /repo/CLAUDE.md (project instructions, checked into the codebase):\n\n# Project\nUse tabs.\n\n"
            "Contents of /repo/docs/style.md (project instructions, checked into the codebase):\n\nStyle.\n\n"
            "Contents of /repo/CLAUDE.local.md (user's private project instructions, not checked in):\n\nLocal.\n\n"
            "Parts of this context may not bear on the current task; act on what applies and do not "
            "mention the rest.\n"
            "</system-reminder>");
}

TEST(StartupReminder, NothingToSayGivesNoBlock) {
  EXPECT_EQ(StartupReminder({}), "");
  EXPECT_EQ(StartupReminder({{"/repo/CLAUDE.md", MemoryType::kProject, " \n", {}}}), "");
}

TEST(NestedReminder, NamesThePathWithoutAKind) {
  EXPECT_EQ(NestedReminder({"/repo/src/CLAUDE.md", MemoryType::kProject, "Rules for src.\n", {}}),
            "<system-reminder>\nContents of /repo/src/CLAUDE.md:\n\nRules for src.\n</system-reminder>");
}

}  // namespace
}  // namespace runner::memory
