#pragma once
/// Checks the dependency rule of docs/architecture.md over a source tree: which module may
/// include which, and that only output/ and cli/ write to stdout.

#include <filesystem>
#include <string>
#include <vector>

namespace runner::layering {

struct Violation {
  std::string file;  ///< relative to the root
  int line = 0;
  std::string what;
};

/// Scans `root`/runner and `root`/integrations (tests excluded). Empty = the tree obeys the rule.
std::vector<Violation> CheckTree(const std::filesystem::path& root);

/// The modules `module` may include (its own included). Unknown modules may include nothing.
std::vector<std::string> AllowedIncludes(const std::string& module);

}  // namespace runner::layering
