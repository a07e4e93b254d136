#pragma once
/// Turns a web page into markdown-like text for a model to read: headings (`#`), paragraphs,
/// links `[text](href)`, lists, block quotes, simple tables, inline code and fenced `pre`
/// blocks. Script, style, navigation and form controls are dropped, entities are decoded and
/// whitespace is collapsed as a browser would. A forgiving scanner, not a full HTML5 parser:
/// good enough to read a page, never fails.

#include <functional>
#include <string>
#include <string_view>

namespace runner::tools {

/// Maps a link or image reference as written in the page to the text to show (typically the
/// absolute URL); an empty result drops the link and keeps its text.
using LinkResolver = std::function<std::string(std::string_view href)>;

/// Converts an HTML document (or fragment). Without a resolver, hrefs are kept as written.
std::string HtmlToMarkdown(std::string_view html, const LinkResolver& resolve = {});

/// Whether a response should go through HtmlToMarkdown: an HTML media type, or no media type
/// and a body that starts like an HTML document.
bool IsHtml(std::string_view content_type, std::string_view body);

}  // namespace runner::tools
