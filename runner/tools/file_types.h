#pragma once
/// ripgrep's file types for Grep's `type` parameter (`rg --type`): a name such as `py` or `cpp`
/// stands for file-name globs. The table follows ripgrep 14's built-in definitions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::tools {

/// The file-name globs of `type`, or nullopt when ripgrep has no such type.
std::optional<std::vector<std::string>> FileTypeGlobs(std::string_view type);

/// Every type name, sorted (for error messages and docs).
std::vector<std::string_view> FileTypeNames();

}  // namespace runner::tools
