#include "runner/permissions/call_facts.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

using base::JsonObject;
using Paths = std::vector<std::string>;
using Writes = std::vector<std::optional<std::string>>;

const CallContext kCtx{"/w", "/home/u", nullptr};

TEST(DescribeCall, ReadsTheFileOrDirectoryEachToolWorksOn) {
  EXPECT_EQ(DescribeCall("Read", JsonObject({{"file_path", "/w/a/../b"}}), kCtx).paths,
            (Paths{"/w/b"}));
  EXPECT_EQ(DescribeCall("NotebookEdit", JsonObject({{"notebook_path", "n.ipynb"}}), kCtx).paths,
            (Paths{"/w/n.ipynb"}));
  EXPECT_EQ(DescribeCall("Grep", JsonObject({{"pattern", "x"}}), kCtx).paths, (Paths{"/w"}));
  EXPECT_EQ(DescribeCall("LS", JsonObject({{"path", "../up"}}), kCtx).paths, (Paths{"/up"}));
  EXPECT_EQ(DescribeCall("Glob", JsonObject({{"pattern", "/etc/ssl/**/*.pem"}}), kCtx).paths,
            (Paths{"/etc/ssl"}));
  EXPECT_EQ(DescribeCall("Glob", JsonObject({{"pattern", "/*"}}), kCtx).paths, (Paths{"/"}));
  EXPECT_EQ(DescribeCall("Glob", JsonObject({{"pattern", "**/*.c"}, {"path", "src"}}), kCtx).paths,
            (Paths{"/w/src"}));
  CallFacts f = DescribeCall("Write", JsonObject({{"file_path", "rel.txt"}}), kCtx);
  EXPECT_EQ(f.family, ToolFamily::kEdit);
  EXPECT_EQ(f.shown_path, "rel.txt");
}

TEST(DescribeCall, AddsTheRealPathWhenItDiffers) {
  RealPathFn real = [](const std::string& p) { return p == "/w/link" ? "/target" : p; };
  CallContext ctx{"/w", "/home/u", &real};
  EXPECT_EQ(DescribeCall("Read", JsonObject({{"file_path", "/w/link"}}), ctx).paths,
            (Paths{"/w/link", "/target"}));
  EXPECT_EQ(DescribeCall("Read", JsonObject({{"file_path", "/w/x"}}), ctx).paths, (Paths{"/w/x"}));
}

TEST(DescribeCall, ReadsTheHostOfAWebFetch) {
  EXPECT_EQ(DescribeCall("WebFetch", JsonObject({{"url", "https://A.b.org/x"}}), kCtx).host,
            "a.b.org");
  EXPECT_EQ(DescribeCall("WebFetch", JsonObject({{"url", "nonsense"}}), kCtx).host, std::nullopt);
}

TEST(DescribeCall, ListsTheFilesABashCommandWrites) {
  CallFacts f = DescribeCall(
      "Bash",
      JsonObject({{"command", "make >build.log 2>&1 && cat x > /tmp/o 2>/dev/null >> $LOG"}}),
      kCtx);
  EXPECT_EQ(f.shell.commands.size(), 2u);
  EXPECT_EQ(f.writes, (Writes{"/w/build.log", "/tmp/o", std::nullopt}));
  EXPECT_EQ(DescribeCall("Bash", JsonObject({{"command", "cd sub && echo > f"}}), kCtx).writes,
            (Writes{std::nullopt}));
  EXPECT_EQ(DescribeCall("Bash", JsonObject({{"command", "cd sub && echo > /abs"}}), kCtx).writes,
            (Writes{"/abs"}));
  EXPECT_EQ(DescribeCall("Bash", JsonObject({{"command", "echo > ~/.profile"}}), kCtx).writes,
            (Writes{std::nullopt}));
}

}  // namespace
}  // namespace runner::permissions
