#include "runner/tools/grep_search.h"

#include <algorithm>
#include <cstring>

namespace runner::tools {
namespace {

using Region = BufferSearcher::Region;
constexpr size_t npos = std::string_view::npos;

size_t LineStart(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  const void* nl = ::memrchr(text.data(), '\n', pos);
  return nl == nullptr ? 0 : static_cast<const char*>(nl) - text.data() + 1;
}

/// The offset of the line break ending the line that holds `pos` (or the text size).
size_t LineEnd(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
  return nl == nullptr ? text.size() : static_cast<const char*>(nl) - text.data();
}

/// An empty match after the final line break is not on any line.
bool PastLastLine(std::string_view text, size_t pos) {
  return pos >= text.size() && (text.empty() || text.back() == '\n');
}

size_t Utf8Length(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 1;
  unsigned char c = static_cast<unsigned char>(text[pos]);
  size_t len = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  return std::min(len, text.size() - pos);
}

std::string LineText(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  return std::string(line);
}

/// Turns regions into numbered output lines with ripgrep's context rules: context lines are
/// never printed twice, a match inside another match's context is printed as a match.
class ContentEmitter {
 public:
  ContentEmitter(std::string_view text, const SearchSpec& spec, std::vector<HitLine>& out)
      : text_(text), spec_(spec), out_(out) {}

  void Add(const Region& region) {
    EmitAfterContext(region.start);
    int64_t first = NumberAt(region.start);
    EmitBeforeContext(region.start, first);
    if (spec_.only_matching) {
      EmitMatches(region, first);
    } else {
      int64_t number = first;
      for (size_t pos = region.start; pos <= region.end && pos <= text_.size();) {
        size_t end = LineEnd(text_, pos);
        out_.push_back({number++, true, LineText(text_.substr(pos, end - pos))});
        pos = end + 1;
      }
    }
    last_number_ = NumberAt(region.end);
    next_unprinted_ = region.end + 1;
    after_left_ = spec_.after;
  }

  void Finish() { EmitAfterContext(text_.size() + 1); }

 private:
  /// The number of the line holding `pos`; positions must not decrease between calls.
  int64_t NumberAt(size_t pos) {
    pos = std::min(pos, text_.size());
    if (pos > counted_pos_) {
      counted_line_ += std::count(text_.begin() + counted_pos_, text_.begin() + pos, '\n');
      counted_pos_ = pos;
    }
    return counted_line_;
  }

  void EmitAfterContext(size_t limit) {
    while (after_left_ > 0 && next_unprinted_ < limit && next_unprinted_ < text_.size()) {
      size_t end = LineEnd(text_, next_unprinted_);
      out_.push_back(
          {++last_number_, false, LineText(text_.substr(next_unprinted_, end - next_unprinted_))});
      next_unprinted_ = end + 1;
      --after_left_;
    }
  }

  void EmitBeforeContext(size_t start, int64_t first) {
    std::vector<size_t> starts;
    for (size_t pos = start; starts.size() < spec_.before && pos > next_unprinted_;) {
      pos = LineStart(text_, pos - 1);
      if (pos < next_unprinted_) break;
      starts.push_back(pos);
    }
    int64_t number = first - static_cast<int64_t>(starts.size());
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
      size_t end = LineEnd(text_, *it);
      out_.push_back({number++, false, LineText(text_.substr(*it, end - *it))});
    }
  }

  /// One line per non-empty match; a match spanning lines gives one line per piece.
  void EmitMatches(const Region& region, int64_t first) {
    int64_t number = first;
    size_t counted = region.start;
    for (const MatchRange& m : region.matches) {
      number += std::count(text_.begin() + counted, text_.begin() + m.start, '\n');
      counted = m.start;
      std::string_view match = text_.substr(m.start, m.end - m.start);
      int64_t piece_number = number;
      for (size_t pos = 0;;) {
        size_t nl = match.find('\n', pos);
        out_.push_back({piece_number++, true, LineText(match.substr(pos, nl - pos))});
        if (nl == npos) break;
        pos = nl + 1;
      }
    }
  }

  std::string_view text_;
  const SearchSpec& spec_;
  std::vector<HitLine>& out_;
  size_t counted_pos_ = 0;
  int64_t counted_line_ = 1;
  size_t next_unprinted_ = 0;  ///< start of the first line after the last printed one
  int64_t last_number_ = 0;
  size_t after_left_ = 0;
};

}  // namespace

BufferSearcher::BufferSearcher(const Regex& regex, const LiteralFinder* prefilter, bool exact,
                               SearchSpec spec)
    : matcher_(regex), prefilter_(prefilter), exact_(exact && prefilter != nullptr), spec_(spec) {}

FileHits BufferSearcher::Search(std::string_view text) {
  FileHits hits;
  if (prefilter_ != nullptr && prefilter_->Find(text, 0) == npos) return hits;
  ContentEmitter emitter(text, spec_, hits.lines);
  Region region;
  for (size_t from = 0; NextRegion(text, from, region);) {
    hits.count += spec_.line_mode == LineMode::kMultiline ? region.match_count : 1;
    if (spec_.mode == GrepMode::kFilesWithMatches) break;
    if (spec_.mode == GrepMode::kContent) emitter.Add(region);
    from = region.end + 1;
  }
  if (spec_.mode == GrepMode::kContent) emitter.Finish();
  return hits;
}

bool BufferSearcher::NextRegion(std::string_view text, size_t from, Region& region) {
  region.matches.clear();
  if (from > text.size() || PastLastLine(text, from)) return false;
  return spec_.line_mode == LineMode::kMultiline ? NextMultiline(text, from, region)
                                                 : NextSingleLine(text, from, region);
}

bool BufferSearcher::NextSingleLine(std::string_view text, size_t from, Region& region) {
  while (from < text.size()) {
    size_t at = 0;
    if (prefilter_ != nullptr) {
      at = prefilter_->Find(text, from);
      if (at == npos) return false;
    } else {
      auto m = matcher_.Find(text, from);
      if (!m || PastLastLine(text, m->start)) return false;
      at = m->start;
    }
    region.start = LineStart(text, at);
    region.end = LineEnd(text, at);
    std::string_view line = text.substr(region.start, region.end - region.start);
    bool confirmed = exact_;
    if (!confirmed) {
      // Whole-buffer matches may run past the line; the line alone decides.
      auto m = matcher_.Find(line, 0);
      confirmed = m.has_value();
    }
    if (confirmed) {
      if (spec_.only_matching) CollectMatches(text, region);
      return true;
    }
    from = region.end + 1;
  }
  return false;
}

bool BufferSearcher::NextMultiline(std::string_view text, size_t from, Region& region) {
  auto m = matcher_.Find(text, from);
  if (!m || PastLastLine(text, m->start)) return false;
  region.start = LineStart(text, m->start);
  region.end = region.start;
  for (;;) {
    region.matches.push_back(*m);
    size_t last = m->end > m->start ? m->end - 1 : m->start;
    region.end = std::max(region.end, LineEnd(text, last));
    size_t next = m->end > m->start ? m->end : m->start + Utf8Length(text, m->start);
    m = matcher_.Find(text, next);
    if (!m || m->start > region.end || PastLastLine(text, m->start)) break;
  }
  region.match_count = region.matches.size();
  if (spec_.only_matching) {
    std::erase_if(region.matches, [](const MatchRange& r) { return r.end == r.start; });
  }
  return true;
}

void BufferSearcher::CollectMatches(std::string_view text, Region& region) {
  std::string_view line = text.substr(region.start, region.end - region.start);
  for (size_t pos = 0; pos <= line.size();) {
    auto m = matcher_.Find(line, pos);
    if (!m) break;
    if (m->end > m->start) {
      region.matches.push_back({region.start + m->start, region.start + m->end});
      pos = m->end;
    } else {
      pos = m->start + Utf8Length(line, m->start);
    }
  }
}

}  // namespace runner::tools
