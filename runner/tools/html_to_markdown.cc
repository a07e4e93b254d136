#include "runner/tools/html_to_markdown.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "runner/base/strings.h"
#include "runner/tools/html_lexer.h"

namespace runner::tools {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// What an element does to the text.
enum class Kind {
  kOther,       ///< nothing: its text flows inline (span, b, em, unknown tags)
  kBlock,       ///< a paragraph break before and after
  kHeading,     ///< `#`… by level
  kBreak,       ///< a line break
  kRule,        ///< `---`
  kList,        ///< ul/ol: nesting and numbering for its items
  kItem,        ///< `- ` or `N. `, indented by list depth
  kLink,        ///< `[text](href)`
  kImage,       ///< `![alt](src)` when it has alt text
  kCode,        ///< inline `code`
  kPre,         ///< a fenced block, whitespace kept
  kQuote,       ///< `> ` before each line
  kTable,       ///< a paragraph break before and after
  kRow,         ///< `| a | b |`
  kCell,        ///< one cell of a row
  kHeaderCell,  ///< a cell that makes its row a header (adds `| --- |`)
  kTerm,        ///< dt: its own line
  kDefinition,  ///< dd: `: ` on its own line
};

struct ElementKind {
  std::string_view name;
  Kind kind;
};

constexpr ElementKind kElementKinds[] = {
    {"p", Kind::kBlock},          {"div", Kind::kBlock},        {"section", Kind::kBlock},
    {"article", Kind::kBlock},    {"main", Kind::kBlock},       {"header", Kind::kBlock},
    {"footer", Kind::kBlock},     {"aside", Kind::kBlock},      {"figure", Kind::kBlock},
    {"figcaption", Kind::kBlock}, {"address", Kind::kBlock},    {"details", Kind::kBlock},
    {"summary", Kind::kBlock},    {"fieldset", Kind::kBlock},   {"form", Kind::kBlock},
    {"dl", Kind::kBlock},         {"center", Kind::kBlock},     {"body", Kind::kBlock},
    {"h1", Kind::kHeading},       {"h2", Kind::kHeading},       {"h3", Kind::kHeading},
    {"h4", Kind::kHeading},       {"h5", Kind::kHeading},       {"h6", Kind::kHeading},
    {"br", Kind::kBreak},         {"hr", Kind::kRule},          {"ul", Kind::kList},
    {"ol", Kind::kList},          {"menu", Kind::kList},        {"li", Kind::kItem},
    {"a", Kind::kLink},           {"img", Kind::kImage},        {"code", Kind::kCode},
    {"kbd", Kind::kCode},         {"samp", Kind::kCode},        {"tt", Kind::kCode},
    {"pre", Kind::kPre},          {"blockquote", Kind::kQuote}, {"table", Kind::kTable},
    {"tr", Kind::kRow},           {"td", Kind::kCell},          {"th", Kind::kHeaderCell},
    {"dt", Kind::kTerm},          {"dd", Kind::kDefinition},
};

Kind KindOf(std::string_view name) {
  for (const ElementKind& e : kElementKinds) {
    if (e.name == name) return e.kind;
  }
  return Kind::kOther;
}

/// Elements whose content is raw text up to the matching end tag; always dropped.
constexpr std::string_view kRawTextElements[] = {"script", "style", "textarea",
                                                 "title",  "xmp",   "noscript"};
/// Elements dropped with everything inside them: page chrome and controls, not content.
constexpr std::string_view kSkippedElements[] = {"head",   "template", "svg",    "math",
                                                 "nav",    "iframe",   "object", "canvas",
                                                 "select", "button",   "dialog"};

bool IsOneOf(std::string_view name, std::span<const std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// Tracks whether the scanner is inside a skipped element (nesting of the same name counts).
class Skipper {
 public:
  /// Updates the state for `tag`; true when the tag is part of a skipped subtree.
  bool Consume(const HtmlTag& tag) {
    if (name_.empty()) {
      if (tag.closing || tag.self_closing || !IsOneOf(tag.name, kSkippedElements)) return false;
      name_ = tag.name;
      depth_ = 1;
      return true;
    }
    if (name_ == "head" && tag.name == "body" && !tag.closing) {  // `</head>` left out
      name_.clear();
      return false;
    }
    if (tag.name == name_ && !tag.self_closing) depth_ += tag.closing ? -1 : 1;
    if (depth_ == 0) name_.clear();
    return true;
  }
  bool active() const { return !name_.empty(); }

 private:
  std::string name_;
  int depth_ = 0;
};

/// Builds the markdown text from the scanner's text runs and tags.
class MarkdownWriter {
 public:
  explicit MarkdownWriter(const LinkResolver& resolve) : resolve_(resolve) {}

  /// Decoded text: whitespace collapses to single spaces, except inside `pre`.
  void Text(std::string_view text) {
    if (pre_depth_ > 0) return PreText(text);
    for (char c : text) {
      if (IsSpace(c)) {
        pending_space_ = true;
        continue;
      }
      StartContent();
      out_ += c;
    }
  }
  void Open(const HtmlTag& tag);
  void Close(std::string_view name);
  std::string Finish();

 private:
  struct List {
    bool ordered;
    int64_t next;
  };
  struct Link {
    size_t start;  ///< where the link text begins (after "["); npos = not a link
    std::string target;
  };

  bool AtLineStart() const { return out_.empty() || out_.back() == '\n'; }
  /// Before visible output: the quote prefix at a line start, or the pending space.
  void StartContent() {
    if (AtLineStart()) {
      for (int i = 0; i < quote_depth_; ++i) out_ += "> ";
    } else if (pending_space_ && !after_opener_) {
      out_ += ' ';
    }
    pending_space_ = false;
    after_opener_ = false;
    item_opened_ = false;
  }
  /// Writes markup that opens something (`[`, `- `, `# `, "`"): no space may follow it.
  void Opener(std::string_view markup) {
    StartContent();
    out_ += markup;
    after_opener_ = true;
  }
  void TrimTrailingSpaces() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    pending_space_ = false;
  }
  void NewLine() {
    if (cell_depth_ > 0) {
      pending_space_ = true;
      return;
    }
    if (item_opened_) return;
    TrimTrailingSpaces();
    if (!AtLineStart()) out_ += '\n';
  }
  void BlankLine() {
    if (!lists_.empty() || cell_depth_ > 0) return NewLine();
    NewLine();
    if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
  }
  void PreText(std::string_view text) {
    if (pre_fresh_ && text.starts_with('\n')) text.remove_prefix(1);  // HTML drops it
    pre_fresh_ = false;
    for (char c : text) {
      if (c == '\r') continue;
      if (c != '\n') StartContent();
      out_ += c;
    }
  }
  void OpenList(const HtmlTag& tag);
  void CloseList();
  void OpenItem();
  void OpenRow();
  void OpenCell(bool header);
  void OpenLink(const HtmlTag& tag);
  void CloseLink();
  void Image(const HtmlTag& tag);
  void OpenPre();
  void ClosePre();
  void CloseRow();
  std::string Resolve(std::string_view href) const;

  const LinkResolver& resolve_;
  std::string out_;
  bool pending_space_ = false;
  bool after_opener_ = false;
  bool item_opened_ = false;  ///< a list marker was just written; the next block starts no line
  size_t item_start_ = 0;     ///< where the latest list marker begins
  bool pre_fresh_ = false;
  int pre_depth_ = 0;
  int quote_depth_ = 0;
  int cell_depth_ = 0;
  int row_cells_ = 0;
  bool row_has_header_ = false;
  std::vector<List> lists_;
  std::vector<Link> links_;
};

void MarkdownWriter::Open(const HtmlTag& tag) {
  Kind kind = KindOf(tag.name);
  switch (kind) {
    case Kind::kOther:
      return;
    case Kind::kBlock:
    case Kind::kTable:
      return BlankLine();
    case Kind::kHeading:
      BlankLine();
      return Opener(std::string(tag.name[1] - '0', '#') + " ");
    case Kind::kBreak:
      TrimTrailingSpaces();
      out_ += '\n';
      return;
    case Kind::kRule:
      BlankLine();
      out_ += "---";
      return BlankLine();
    case Kind::kList:
      return OpenList(tag);
    case Kind::kItem:
      return OpenItem();
    case Kind::kLink:
      return OpenLink(tag);
    case Kind::kImage:
      return Image(tag);
    case Kind::kCode:
      return pre_depth_ == 0 ? Opener("`") : void();
    case Kind::kPre:
      return OpenPre();
    case Kind::kQuote:
      BlankLine();
      ++quote_depth_;
      return;
    case Kind::kRow:
      return OpenRow();
    case Kind::kCell:
    case Kind::kHeaderCell:
      return OpenCell(kind == Kind::kHeaderCell);
    case Kind::kTerm:
      return NewLine();
    case Kind::kDefinition:
      NewLine();
      return Opener(": ");
  }
}

void MarkdownWriter::Close(std::string_view name) {
  switch (KindOf(name)) {
    case Kind::kOther:
    case Kind::kBreak:
    case Kind::kRule:
    case Kind::kImage:
      return;
    case Kind::kBlock:
    case Kind::kHeading:
    case Kind::kTable:
      return BlankLine();
    case Kind::kList:
      return CloseList();
    case Kind::kItem:
      if (item_opened_) out_.erase(item_start_);  // nothing in it: drop the marker
      item_opened_ = false;
      return NewLine();
    case Kind::kLink:
      return CloseLink();
    case Kind::kCode:
      if (pre_depth_ == 0) out_ += '`';
      return;
    case Kind::kPre:
      return ClosePre();
    case Kind::kQuote:
      BlankLine();
      if (quote_depth_ > 0) --quote_depth_;
      return;
    case Kind::kRow:
      return CloseRow();
    case Kind::kCell:
    case Kind::kHeaderCell:
      if (cell_depth_ > 0) --cell_depth_;
      return;
    case Kind::kTerm:
    case Kind::kDefinition:
      return NewLine();
  }
}

void MarkdownWriter::OpenList(const HtmlTag& tag) {
  lists_.empty() ? BlankLine() : NewLine();
  int64_t start = base::ParseInt(tag.Attribute("start")).value_or(1);
  lists_.push_back(List{tag.name == "ol", start});
}

void MarkdownWriter::CloseList() {
  if (!lists_.empty()) lists_.pop_back();
  item_opened_ = false;
  lists_.empty() ? BlankLine() : NewLine();
}

void MarkdownWriter::OpenRow() {
  NewLine();
  row_cells_ = 0;
  row_has_header_ = false;
}

void MarkdownWriter::OpenCell(bool header) {
  pending_space_ = false;
  Opener(row_cells_++ == 0 ? "| " : " | ");
  row_has_header_ |= header;
  ++cell_depth_;
}

void MarkdownWriter::OpenItem() {
  item_opened_ = false;
  NewLine();
  item_start_ = out_.size();
  size_t depth = lists_.empty() ? 0 : lists_.size() - 1;
  std::string marker(2 * depth, ' ');
  if (!lists_.empty() && lists_.back().ordered) {
    marker += std::to_string(lists_.back().next++) + ". ";
  } else {
    marker += "- ";
  }
  Opener(marker);
  item_opened_ = true;
}

std::string MarkdownWriter::Resolve(std::string_view href) const {
  href = base::Trim(href);
  if (href.empty() || href.starts_with('#') || base::ToLower(href).starts_with("javascript:")) {
    return "";
  }
  return resolve_ ? resolve_(href) : std::string(href);
}

void MarkdownWriter::OpenLink(const HtmlTag& tag) {
  std::string target = Resolve(tag.Attribute("href"));
  if (target.empty()) return links_.push_back(Link{std::string::npos, ""});
  Opener("[");
  links_.push_back(Link{out_.size(), std::move(target)});
}

void MarkdownWriter::CloseLink() {
  if (links_.empty()) return;
  Link link = std::move(links_.back());
  links_.pop_back();
  if (link.start == std::string::npos || link.start > out_.size()) return;
  if (base::Trim(std::string_view(out_).substr(link.start)).empty()) {
    out_.erase(link.start - 1);  // nothing to show: drop the "[" and stray spaces
    after_opener_ = false;
    return;
  }
  out_ += "](" + link.target + ")";
  after_opener_ = false;
}

void MarkdownWriter::Image(const HtmlTag& tag) {
  std::string alt(base::Trim(tag.Attribute("alt")));
  if (alt.empty()) return;
  std::string src = Resolve(tag.Attribute("src"));
  if (src.empty() || base::ToLower(src).starts_with("data:")) return Text(alt);
  StartContent();
  out_ += "![" + alt + "](" + src + ")";
}

void MarkdownWriter::OpenPre() {
  if (pre_depth_++ > 0) return;
  BlankLine();
  StartContent();
  out_ += "```\n";
  pre_fresh_ = true;
}

void MarkdownWriter::ClosePre() {
  if (pre_depth_ == 0 || --pre_depth_ > 0) return;
  if (!AtLineStart()) out_ += '\n';
  StartContent();
  out_ += "```";
  BlankLine();
}

void MarkdownWriter::CloseRow() {
  if (row_cells_ == 0) return;
  cell_depth_ = 0;
  TrimTrailingSpaces();
  out_ += " |";
  if (row_has_header_) {
    out_ += '\n';
    StartContent();
    out_ += "|";
    for (int i = 0; i < row_cells_; ++i) out_ += " --- |";
  }
  row_cells_ = 0;
  NewLine();
}

/// Drops spaces before line ends and runs of more than one blank line; trims the ends.
std::string Tidy(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  for (char c : text) {
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (++newlines > 2) continue;
    } else {
      newlines = 0;
    }
    out += c;
  }
  return std::string(base::Trim(out));
}

std::string MarkdownWriter::Finish() {
  while (!links_.empty()) CloseLink();
  return Tidy(out_);
}

}  // namespace

std::string HtmlToMarkdown(std::string_view html, const LinkResolver& resolve) {
  MarkdownWriter writer(resolve);
  Skipper skipper;
  size_t pos = 0;
  while (pos < html.size()) {
    if (html[pos] != '<') {
      size_t next = std::min(html.find('<', pos), html.size());
      if (!skipper.active()) writer.Text(DecodeEntities(html.substr(pos, next - pos)));
      pos = next;
    } else if (html.substr(pos, 4) == "<!--") {
      size_t end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
    } else if (pos + 1 < html.size() && (html[pos + 1] == '!' || html[pos + 1] == '?')) {
      size_t end = html.find('>', pos);  // doctype, CDATA, processing instruction
      pos = end == std::string_view::npos ? html.size() : end + 1;
    } else {
      HtmlTag tag;
      size_t end = ScanHtmlTag(html, pos, tag);
      if (end == std::string_view::npos) {
        if (!skipper.active()) writer.Text("<");
        ++pos;
        continue;
      }
      pos = end;
      if (tag.name.empty()) break;
      if (!tag.closing && IsOneOf(tag.name, kRawTextElements)) {
        pos = tag.self_closing ? pos : SkipRawText(html, pos, tag.name);
      } else if (!skipper.Consume(tag)) {
        tag.closing ? writer.Close(tag.name) : writer.Open(tag);
      }
    }
  }
  return writer.Finish();
}

bool IsHtml(std::string_view content_type, std::string_view body) {
  std::string type = base::ToLower(base::Trim(content_type.substr(0, content_type.find(';'))));
  if (!type.empty()) return type == "text/html" || type == "application/xhtml+xml";
  std::string head = base::ToLower(base::Trim(body.substr(0, 512)));
  return head.starts_with("<!doctype html") || head.starts_with("<html");
}

}  // namespace runner::tools
