#pragma once
/// Internal to the memory module: a small line-level reading of CommonMark, just enough to tell
/// prose (where `@path` imports count) from code and HTML (where they do not), the way Claude
/// Code's Markdown lexer splits a CLAUDE.md. It is not a Markdown parser: inline structure other
/// than code spans, HTML and backslash escapes is left alone.

#include <string>
#include <string_view>
#include <vector>

namespace runner::memory::internal {

enum class BlockKind {
  kProse,        ///< paragraphs, headings, list items, block quotes, tables
  kCode,         ///< fenced (``` or ~~~) or indented code
  kHtmlComment,  ///< an HTML block that opens with `<!--` and is closed by `-->`
  kHtml,         ///< any other HTML block, or a comment block that never closes
};

/// A run of whole lines (each keeps its line ending).
struct Block {
  BlockKind kind = BlockKind::kProse;
  std::string_view text;
};

/// Splits `markdown` into blocks, in order; concatenating the texts gives `markdown` back.
std::vector<Block> SplitBlocks(std::string_view markdown);

/// Splits prose into the pieces the lexer would give as plain text: code spans, inline HTML
/// (tags and comments) and backslash escapes are cut out, so each piece starts where a text
/// token would.
std::vector<std::string_view> ProseSegments(std::string_view prose);

/// `text` with every `<!-- … -->` span removed.
std::string WithoutCommentSpans(std::string_view text);

}  // namespace runner::memory::internal
