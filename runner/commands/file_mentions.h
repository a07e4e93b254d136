#pragma once
/// `@file` references in a command's prompt. As in Claude Code, each existing text file that is
/// mentioned is attached after the prompt as if the Read tool had been called on it: a
/// `<system-reminder>` naming the call and one holding the numbered lines.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::commands {

struct FileMention {
  std::string path;              ///< as written, without `#L…`
  std::optional<int> first_line; ///< `#L10` or `#L10-20` (1-based)
  std::optional<int> last_line;

  bool operator==(const FileMention&) const = default;
};

/// `@path` at the start of a line or after whitespace (the path ends where the last word
/// character is followed by a non-word one, so `@a.js.` is `a.js`), and `@"path with
/// spaces"`. In order, without repeats.
std::vector<FileMention> FindFileMentions(std::string_view text);

/// At most this many lines of a mentioned file are attached.
inline constexpr int kMaxAttachedLines = 2000;

/// The text blocks attached for `mention` resolved against `cwd` (and `home` for `~/`): none
/// when it is not a readable text file.
std::vector<std::string> AttachFile(const FileMention& mention, const std::filesystem::path& cwd,
                                    const std::filesystem::path& home,
                                    std::filesystem::path* attached_path = nullptr);

}  // namespace runner::commands
