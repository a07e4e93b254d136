#include "runner/memory/memory_text.h"

#include "runner/base/strings.h"

namespace runner::memory {

namespace {

constexpr const char kOpening[] = "Use the following context while you work on the user's requests:";
constexpr const char kPreamble[] =
    "These instructions come from CLAUDE.md files of the organization, the user and the project. "
    "Follow them; where they differ from your default behaviour, they take precedence.";
constexpr const char kClosing[] =
    "Parts of this context may not bear on the current task; act on what applies and do not "
    "mention the rest.";

}  // namespace

std::string_view KindLabel(MemoryType type) {
  switch (type) {
    case MemoryType::kProject: return "project instructions, checked into the codebase";
    case MemoryType::kLocal: return "user's private project instructions, not checked in";
    case MemoryType::kUser:
    case MemoryType::kManaged: return "user's private global instructions for all projects";
  }
  return "";
}

std::string StartupReminder(const std::vector<MemoryFile>& files) {
  std::string entries;
  for (const MemoryFile& f : files) {
    std::string_view content = base::Trim(f.content);
    if (content.empty()) continue;
    entries += "\n\nContents of " + f.path.string() + " (" + std::string(KindLabel(f.type)) + "):\n\n";
    entries += content;
  }
  if (entries.empty()) return "";
  return std::string("<system-reminder>\n") + kOpening + "\n# claudeMd\n" + kPreamble + entries +
         "\n\n" + kClosing + "\n</system-reminder>";
}

std::string NestedReminder(const MemoryFile& file) {
  return "<system-reminder>\nContents of " + file.path.string() + ":\n\n" +
         std::string(base::Trim(file.content)) + "\n</system-reminder>";
}

}  // namespace runner::memory
