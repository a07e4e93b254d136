#pragma once
/// Test helper: a scratch directory tree, removed at scope end.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace runner::testing {

class ScratchTree {
 public:
  ScratchTree() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "runner_test_XXXXXX").string();
    root_ = std::filesystem::path(::mkdtemp(tmpl.data()));
  }
  ~ScratchTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  ScratchTree(const ScratchTree&) = delete;
  ScratchTree& operator=(const ScratchTree&) = delete;

  /// Writes `text` to `rel` below the root (creating directories) and returns the full path.
  std::filesystem::path Write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::filesystem::path operator/(const std::string& rel) const { return root_ / rel; }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace runner::testing
