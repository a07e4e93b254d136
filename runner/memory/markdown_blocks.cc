#include "runner/memory/markdown_blocks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "runner/base/strings.h"

namespace runner::memory::internal {

namespace {

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

bool IsBlank(std::string_view line) { return base::Trim(line).empty(); }

/// Columns of leading blanks (a tab advances to the next multiple of 4) and where text starts.
struct Indentation {
  int columns = 0;
  size_t first = 0;
};
Indentation IndentOf(std::string_view line) {
  Indentation ind;
  while (ind.first < line.size() && (line[ind.first] == ' ' || line[ind.first] == '\t')) {
    ind.columns = line[ind.first] == '\t' ? (ind.columns / 4 + 1) * 4 : ind.columns + 1;
    ++ind.first;
  }
  return ind;
}

/// The text of a line after up to three columns of indentation; nullopt when indented more.
std::optional<std::string_view> Unindented(std::string_view line) {
  Indentation ind = IndentOf(line);
  if (ind.columns > 3) return std::nullopt;
  return line.substr(ind.first);
}

size_t RunLength(std::string_view s, size_t at, char c) {
  size_t n = 0;
  while (at + n < s.size() && s[at + n] == c) ++n;
  return n;
}

struct Fence {
  char c = 0;
  size_t length = 0;
};

std::optional<Fence> FenceOpening(std::string_view line) {
  auto rest = Unindented(line);
  if (!rest || rest->empty() || ((*rest)[0] != '`' && (*rest)[0] != '~')) return std::nullopt;
  Fence f{(*rest)[0], RunLength(*rest, 0, (*rest)[0])};
  if (f.length < 3) return std::nullopt;
  if (f.c == '`' && rest->find('`', f.length) != std::string_view::npos) return std::nullopt;
  return f;
}

bool ClosesFence(std::string_view line, const Fence& f) {
  auto rest = Unindented(line);
  if (!rest) return false;
  size_t n = RunLength(*rest, 0, f.c);
  return n >= f.length && IsBlank(rest->substr(n));
}

bool IsListItem(std::string_view line) {
  auto rest = Unindented(line);
  if (!rest || rest->empty()) return false;
  auto marker_ends = [&](size_t at) {
    return at >= rest->size() || (*rest)[at] == ' ' || (*rest)[at] == '\t' || (*rest)[at] == '\n' ||
           (*rest)[at] == '\r';
  };
  char c = (*rest)[0];
  if (c == '-' || c == '*' || c == '+') return marker_ends(1);
  size_t digits = 0;
  while (digits < rest->size() && digits < 10 && std::isdigit(static_cast<unsigned char>((*rest)[digits]))) {
    ++digits;
  }
  if (digits == 0 || digits > 9 || digits >= rest->size()) return false;
  return ((*rest)[digits] == '.' || (*rest)[digits] == ')') && marker_ends(digits + 1);
}

bool IsAtxHeading(std::string_view line) {
  auto rest = Unindented(line);
  if (!rest) return false;
  size_t n = RunLength(*rest, 0, '#');
  return n >= 1 && n <= 6 && (n == rest->size() || std::isspace(static_cast<unsigned char>((*rest)[n])));
}

std::string LowerTagName(std::string_view s, size_t at) {
  std::string name;
  while (at < s.size() && (std::isalnum(static_cast<unsigned char>(s[at])) || s[at] == '-')) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[at])));
    ++at;
  }
  return name;
}

bool TagNameEnds(std::string_view s, size_t at) {
  return at >= s.size() || s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r' ||
         s[at] == '>' || s.substr(at).starts_with("/>");
}

// CommonMark HTML block kinds 1 (raw text elements: end at their closing tag), 2 (comments:
// end at `-->`) and 6 (block-level elements: end at a blank line).
enum class HtmlStart { kNone, kRaw, kComment, kBlock };

constexpr std::array<std::string_view, 4> kRawTags = {"pre", "script", "style", "textarea"};
constexpr std::array<std::string_view, 62> kBlockTags = {
    "address", "article", "aside",    "base",     "basefont", "blockquote", "body",     "caption",
    "center",  "col",     "colgroup", "dd",       "details",  "dialog",     "dir",      "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer",     "form",     "frame",
    "frameset", "h1",     "h2",       "h3",       "h4",       "h5",         "h6",       "head",
    "header",  "hr",      "html",     "iframe",   "legend",   "li",         "link",     "main",
    "menu",    "menuitem", "nav",     "noframes", "ol",       "optgroup",   "option",   "p",
    "param",   "search",  "section",  "summary",  "table",    "tbody",      "td",       "tfoot",
    "th",      "thead",   "title",    "tr",       "track",    "ul"};

HtmlStart HtmlBlockStart(std::string_view line, std::string& raw_tag) {
  auto rest = Unindented(line);
  if (!rest || !rest->starts_with("<")) return HtmlStart::kNone;
  if (rest->starts_with("<!--")) return HtmlStart::kComment;
  bool closing = rest->starts_with("</");
  std::string name = LowerTagName(*rest, closing ? 2 : 1);
  if (name.empty() || !TagNameEnds(*rest, (closing ? 2 : 1) + name.size())) return HtmlStart::kNone;
  if (!closing && std::find(kRawTags.begin(), kRawTags.end(), name) != kRawTags.end()) {
    raw_tag = "</" + name + ">";
    return HtmlStart::kRaw;
  }
  if (std::find(kBlockTags.begin(), kBlockTags.end(), name) != kBlockTags.end()) return HtmlStart::kBlock;
  return HtmlStart::kNone;
}

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  return base::ToLower(hay).find(needle) != std::string::npos;
}

bool IsAsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

/// Length of an inline HTML tag or autolink starting at `at` (a `<`), or 0.
size_t InlineTagLength(std::string_view s, size_t at) {
  size_t close = s.find('>', at);
  if (close == std::string_view::npos) return 0;
  std::string_view inner = s.substr(at + 1, close - at - 1);
  if (inner.empty() || inner.find('<') != std::string_view::npos) return 0;
  size_t scheme = inner.find(':');
  bool autolink = scheme != std::string_view::npos && scheme >= 2 && std::isalpha(static_cast<unsigned char>(inner[0])) &&
                  inner.find_first_of(" \t\n") == std::string_view::npos;
  bool tag_start = std::isalpha(static_cast<unsigned char>(inner[0])) ||
                   (inner[0] == '/' && inner.size() > 1 && std::isalpha(static_cast<unsigned char>(inner[1])));
  if (!autolink && !tag_start) return 0;
  if (!autolink) {
    size_t name_at = inner[0] == '/' ? 1 : 0;
    std::string name = LowerTagName(inner, name_at);
    if (!TagNameEnds(std::string(inner) + ">", name_at + name.size())) return 0;
  }
  return close - at + 1;
}

}  // namespace

namespace {

/// SplitBlocks' state: the lines, the blocks so far, and what the previous lines were.
class BlockSplitter {
 public:
  explicit BlockSplitter(std::string_view markdown) : text_(markdown), lines_(Lines(markdown)) {}

  std::vector<Block> Split() {
    size_t i = 0;
    while (i < lines_.size()) {
      if (IsBlank(lines_[i])) {
        Emit(BlockKind::kProse, i, i + 1);
        prev_blank_ = true;
        in_paragraph_ = false;
        ++i;
      } else if (auto end = CodeOrHtmlEnd(i)) {
        i = *end;
        prev_blank_ = in_paragraph_ = false;
      } else {
        AddProseLine(i++);
      }
    }
    return std::move(blocks_);
  }

 private:
  void Emit(BlockKind kind, size_t first, size_t last) {  // lines [first, last)
    size_t begin = lines_[first].data() - text_.data();
    size_t end = lines_[last - 1].data() - text_.data() + lines_[last - 1].size();
    blocks_.push_back({kind, text_.substr(begin, end - begin)});
  }

  /// When line `i` opens a code or HTML block: emits it and returns the line after it.
  std::optional<size_t> CodeOrHtmlEnd(size_t i) {
    std::string_view line = lines_[i];
    size_t start = i, n = lines_.size();
    std::string raw_tag;
    HtmlStart html = HtmlBlockStart(line, raw_tag);
    BlockKind kind = BlockKind::kHtml;
    if (auto fence = FenceOpening(line)) {
      for (++i; i < n && !ClosesFence(lines_[i], *fence); ++i) {}
      i = std::min(i + 1, n);
      kind = BlockKind::kCode;
    } else if (IndentOf(line).columns >= 4 && !in_paragraph_ && !in_list_) {
      while (i < n && (IsBlank(lines_[i]) || IndentOf(lines_[i]).columns >= 4)) ++i;
      while (i > start + 1 && IsBlank(lines_[i - 1])) --i;  // trailing blanks are not code
      kind = BlockKind::kCode;
    } else if (html == HtmlStart::kComment) {
      bool closed = line.find("-->", line.find("<!--") + 4) != std::string_view::npos;
      while (!closed && ++i < n) closed = lines_[i].find("-->") != std::string_view::npos;
      i = std::min(i + 1, n);
      if (closed) kind = BlockKind::kHtmlComment;
    } else if (html == HtmlStart::kRaw) {
      while (i < n && !ContainsNoCase(lines_[i], raw_tag)) ++i;
      i = std::min(i + 1, n);
    } else if (html == HtmlStart::kBlock) {
      while (i < n && !IsBlank(lines_[i])) ++i;
    } else {
      return std::nullopt;
    }
    Emit(kind, start, i);
    return i;
  }

  /// A paragraph line continues the paragraph before it; a list item or heading starts anew.
  void AddProseLine(size_t i) {
    std::string_view line = lines_[i];
    bool list_item = IsListItem(line);
    if (list_item) in_list_ = true;
    else if (prev_blank_ && IndentOf(line).columns == 0) in_list_ = false;
    bool heading = IsAtxHeading(line);
    if (in_paragraph_ && !list_item && !heading && !blocks_.empty() &&
        blocks_.back().kind == BlockKind::kProse) {
      Block& para = blocks_.back();
      para.text = std::string_view(para.text.data(), para.text.size() + line.size());
    } else {
      Emit(BlockKind::kProse, i, i + 1);
    }
    in_paragraph_ = !heading;
    prev_blank_ = false;
  }

  std::string_view text_;
  std::vector<std::string_view> lines_;
  std::vector<Block> blocks_;
  bool prev_blank_ = true;  // the start of the text counts as after a blank line
  bool in_paragraph_ = false;
  bool in_list_ = false;
};

}  // namespace

std::vector<Block> SplitBlocks(std::string_view markdown) { return BlockSplitter(markdown).Split(); }

std::vector<std::string_view> ProseSegments(std::string_view prose) {
  std::vector<std::string_view> out;
  size_t seg = 0, i = 0;
  auto cut = [&](size_t from, size_t resume) {
    if (from > seg) out.push_back(prose.substr(seg, from - seg));
    seg = i = resume;
  };
  while (i < prose.size()) {
    char c = prose[i];
    if (c == '\\' && i + 1 < prose.size() && IsAsciiPunct(prose[i + 1])) {
      cut(i, i + 2);
    } else if (c == '`') {
      size_t n = RunLength(prose, i, '`');
      size_t k = i + n;
      bool found = false;
      while ((k = prose.find('`', k)) != std::string_view::npos) {
        size_t m = RunLength(prose, k, '`');
        if (m == n) {
          found = true;
          break;
        }
        k += m;
      }
      if (found) cut(i, k + n);
      else i += n;
    } else if (c == '<' && prose.substr(i).starts_with("<!--")) {
      size_t end = prose.find("-->", i + 4);
      if (end != std::string_view::npos) cut(i, end + 3);
      else ++i;
    } else if (size_t len = c == '<' ? InlineTagLength(prose, i) : 0) {
      cut(i, i + len);
    } else {
      ++i;
    }
  }
  if (seg < prose.size()) out.push_back(prose.substr(seg));
  return out;
}

std::string WithoutCommentSpans(std::string_view text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find("<!--", at);
    size_t close = open == std::string_view::npos ? open : text.find("-->", open + 4);
    if (close == std::string_view::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    at = close + 3;
  }
  return out;
}

}  // namespace runner::memory::internal
