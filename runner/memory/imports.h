#pragma once
/// `@path` imports in CLAUDE.md text, found the way Claude Code finds them: an `@` at the start
/// of a line or after whitespace, in prose only (never inside code spans, fenced or indented code
/// blocks, or HTML), and the block-level HTML comments it leaves out of what the model sees.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::memory {

/// The import paths in `markdown`, as written but with a `#fragment` cut off and `\ ` turned
/// into a space, in order of appearance and without repeats. Accepted forms: `./x`, `~/x`,
/// `/x` and bare relative paths starting with a letter, digit, `.`, `_` or `-`.
std::vector<std::string> FindImports(std::string_view markdown);

/// Where an import points: `~/x` below `home` (nullopt when home is empty), `/x` as written,
/// anything else relative to `base_dir`. The result is lexically normal.
std::optional<std::filesystem::path> ResolveImport(std::string_view import,
                                                   const std::filesystem::path& base_dir,
                                                   const std::filesystem::path& home);

/// `markdown` without block-level HTML comments: a comment that opens a line (after at most
/// three spaces) is removed up to its `-->`, keeping any text after it on that line. Comments
/// inside a paragraph, code span or code block stay, and so does a comment that never closes.
std::string StripBlockComments(std::string_view markdown);

}  // namespace runner::memory
