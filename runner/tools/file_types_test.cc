#include "runner/tools/file_types.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace runner::tools {
namespace {

using Globs = std::vector<std::string>;

TEST(FileTypes, MapsRipgrepTypeNamesToGlobs) {
  EXPECT_EQ(FileTypeGlobs("py"), (Globs{"*.py", "*.pyi"}));
  EXPECT_EQ(FileTypeGlobs("rust"), (Globs{"*.rs"}));
  EXPECT_EQ(FileTypeGlobs("ts"), (Globs{"*.ts", "*.tsx", "*.cts", "*.mts"}));
  EXPECT_EQ(FileTypeGlobs("c"), (Globs{"*.[chH]", "*.[chH].in", "*.cats"}));
  EXPECT_EQ(FileTypeGlobs("md"), FileTypeGlobs("markdown"));
  EXPECT_EQ(FileTypeGlobs("rb"), FileTypeGlobs("ruby"));
  EXPECT_EQ(FileTypeGlobs("cobol"), std::nullopt);
  EXPECT_EQ(FileTypeGlobs(""), std::nullopt);
}

TEST(FileTypes, HasTheCommonTypesSorted) {
  std::vector<std::string_view> names = FileTypeNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (std::string_view t :
       {"js", "ts", "py", "rust", "go", "java",   "c",     "cpp",  "h",   "json", "yaml",
        "md", "sh", "rb", "php",  "cs", "kotlin", "swift", "html", "css", "txt"}) {
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), t)) << t;
  }
}

}  // namespace
}  // namespace runner::tools
