#include "runner/memory/imports.h"

#include <gtest/gtest.h>

namespace runner::memory {
namespace {

using Paths = std::vector<std::string>;

TEST(FindImports, AcceptsTheDocumentedForms) {
  EXPECT_EQ(FindImports("See @README for an overview and @package.json for scripts.\n"
                        "# More\n- git workflow @docs/git-instructions.md\n"
                        "- @~/.claude/my-project-instructions.md\n@/etc/team.md @./local.md\n"),
            (Paths{"README", "package.json", "docs/git-instructions.md",
                   "~/.claude/my-project-instructions.md", "/etc/team.md", "./local.md"}));
}

TEST(FindImports, NeedsLineStartOrWhitespaceBeforeTheAt) {
  EXPECT_EQ(FindImports("mail me at someone@example.com or (@paren.md)\n\t@tabbed.md\n"),
            (Paths{"tabbed.md"}));
}

TEST(FindImports, SkipsCodeSpansOfAnyLength) {
  EXPECT_EQ(FindImports("This is not an import: `@anthropic-ai/claude-code`, nor ``a ` @b.md``,\n"
                        "but @c.md is. `unclosed @d.md\n"),
            (Paths{"c.md", "d.md"}));
  // A code span may run over a line break inside one paragraph.
  EXPECT_EQ(FindImports("`start\n@inside.md end` @after.md\n"), (Paths{"after.md"}));
}

TEST(FindImports, SkipsFencedAndIndentedCodeBlocks) {
  EXPECT_EQ(FindImports("```sh\n@fenced.md\n```\n~~~~\n@tilde.md\n~~~\nstill code @x.md\n~~~~\n"
                        "@after.md\n"),
            (Paths{"after.md"}));
  EXPECT_EQ(FindImports("Para.\n\n    @indented.md\n\tpnpm @tab.md\n\n@ok.md\n"), (Paths{"ok.md"}));
  // An unclosed fence runs to the end.
  EXPECT_EQ(FindImports("```\n@never.md\n"), Paths{});
}

TEST(FindImports, IndentedLinesThatContinueAParagraphOrListAreProse) {
  EXPECT_EQ(FindImports("Paragraph\n    @continued.md\n"), (Paths{"continued.md"}));
  EXPECT_EQ(FindImports("- item\n\n    @in-item.md\n1. next\n   @lazy.md\n"),
            (Paths{"in-item.md", "lazy.md"}));
}

TEST(FindImports, SkipsHtmlButNotTextAfterABlockComment) {
  EXPECT_EQ(FindImports("<!-- @hidden.md\nstill @hidden2.md -->\n<!-- note --> @after-comment.md\n"
                        "text <!-- @inline.md --> @kept.md\n<div>\n@in-div.md\n</div>\n\n@out.md\n"),
            (Paths{"after-comment.md", "kept.md", "out.md"}));
  // A comment that never closes hides the rest of the file.
  EXPECT_EQ(FindImports("@first.md\n\n<!-- open\n@never.md\n"), (Paths{"first.md"}));
}

TEST(FindImports, StripsFragmentsUnescapesSpacesAndDropsRepeats) {
  EXPECT_EQ(FindImports("@docs/guide.md#setup @My\\ Notes.md @docs/guide.md @#heading\n"),
            (Paths{"docs/guide.md", "My Notes.md"}));
}

TEST(FindImports, RejectsWhatIsNotAPath) {
  EXPECT_EQ(FindImports("@ alone, @/ root, @@twice, @*bold*, @(x), @%p, \\@escaped.md, @\n"), Paths{});
}

TEST(ResolveImport, ResolvesRelativeHomeAndAbsolutePaths) {
  std::filesystem::path base = "/repo/docs", home = "/home/ci";
  EXPECT_EQ(*ResolveImport("style.md", base, home), "/repo/docs/style.md");
  EXPECT_EQ(*ResolveImport("./a/../b.md", base, home), "/repo/docs/b.md");
  EXPECT_EQ(*ResolveImport("../CLAUDE.md", base, home), "/repo/CLAUDE.md");
  EXPECT_EQ(*ResolveImport("~/.claude/x.md", base, home), "/home/ci/.claude/x.md");
  EXPECT_EQ(*ResolveImport("/etc//team.md", base, home), "/etc/team.md");
  EXPECT_FALSE(ResolveImport("~/x.md", base, ""));
}

TEST(StripBlockComments, RemovesBlockCommentsOnly) {
  EXPECT_EQ(StripBlockComments("# Title\n<!-- maintainers: keep short -->\nBody\n"), "# Title\nBody\n");
  EXPECT_EQ(StripBlockComments("<!-- a\nb --> Use bun\nNext\n"), " Use bun\nNext\n");
  EXPECT_EQ(StripBlockComments("Inline <!-- stays --> here\n```\n<!-- in code -->\n```\n"),
            "Inline <!-- stays --> here\n```\n<!-- in code -->\n```\n");
  EXPECT_EQ(StripBlockComments("<!-- never closed\nrest\n"), "<!-- never closed\nrest\n");
}

}  // namespace
}  // namespace runner::memory
