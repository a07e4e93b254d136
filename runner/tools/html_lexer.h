#pragma once
/// Lexing for the page-to-text conversion (html_to_markdown.h): start and end tags with their
/// attributes, the bodies of raw-text elements (script, style), and character references.
/// Forgiving like a browser: malformed markup is text or is skipped, never an error.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace runner::tools {

/// One start or end tag.
struct HtmlTag {
  std::string name;  ///< lower case
  bool closing = false;
  bool self_closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< names lower case, decoded

  /// The value of attribute `key` (lower case), empty when absent.
  std::string Attribute(std::string_view key) const;
};

/// Scans `<name attr="v" …>` or `</name>` at html[pos] (which is `<`) into `tag`. Returns the
/// position after `>`, or npos when the text there is not a tag (a lone `<` is text). A tag cut
/// off by the end of the input returns the input's size and leaves `tag.name` empty.
size_t ScanHtmlTag(std::string_view html, size_t pos, HtmlTag& tag);

/// The position after `</name…>`, searched case-insensitively from `pos`; the input's size when
/// the element is never closed.
size_t SkipRawText(std::string_view html, size_t pos, std::string_view name);

/// Decodes character references in HTML text or an attribute value: numeric (`&#39;`,
/// `&#x27;`; invalid code points become U+FFFD) and the common named ones (`&amp;`, `&lt;`,
/// `&mdash;`, …; `&nbsp;` becomes a plain space). Unknown names and a bare `&` stay as written.
std::string DecodeEntities(std::string_view text);

}  // namespace runner::tools
