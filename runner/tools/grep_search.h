#pragma once
/// Searching the text of one file for Grep: finds matching lines (or, in multiline mode,
/// matching runs of lines) with the literal prefilter and the regex, counts them, and for
/// content mode collects them with their context lines and numbers, as ripgrep reports them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/tools/grep_literal.h"
#include "runner/tools/grep_regex.h"

namespace runner::tools {

enum class GrepMode { kContent, kFilesWithMatches, kCount };

struct SearchSpec {
  GrepMode mode = GrepMode::kFilesWithMatches;
  LineMode line_mode = LineMode::kSingleLine;
  size_t before = 0;           ///< context lines before each match (content mode)
  size_t after = 0;            ///< context lines after each match (content mode)
  bool only_matching = false;  ///< one output line per non-empty match (rg -o)
};

/// One line of content output.
struct HitLine {
  int64_t number = 0;     ///< 1-based
  bool is_match = false;  ///< false for a context line
  std::string text;       ///< without the line break (and a CR before it)
  bool operator==(const HitLine&) const = default;
};

struct FileHits {
  size_t count = 0;            ///< matching lines (multiline mode: matches), as `rg -c` counts
  std::vector<HitLine> lines;  ///< content mode only, in file order
};

/// Searches texts for one pattern; one per thread (it owns a RegexMatcher).
class BufferSearcher {
 public:
  /// `prefilter` (may be null) must be a literal every match contains; `exact` says a line
  /// holding it matches without running the regex. Both are borrowed, like `regex`.
  BufferSearcher(const Regex& regex, const LiteralFinder* prefilter, bool exact, SearchSpec spec);

  /// The hits in `text`, the contents of one file. Files-with-matches mode stops at the first.
  FileHits Search(std::string_view text);

  /// A run of whole lines holding matches: [start, end) where `end` is the offset of the line
  /// break ending the last line (or the text size).
  struct Region {
    size_t start = 0;
    size_t end = 0;
    std::vector<MatchRange> matches;  ///< collected for only-matching output (multiline: all)
    size_t match_count = 0;           ///< multiline mode: the matches merged into the region
  };

 private:
  bool NextRegion(std::string_view text, size_t from, Region& region);
  bool NextSingleLine(std::string_view text, size_t from, Region& region);
  bool NextMultiline(std::string_view text, size_t from, Region& region);
  void CollectMatches(std::string_view text, Region& region);

  RegexMatcher matcher_;
  const LiteralFinder* prefilter_;
  bool exact_;
  SearchSpec spec_;
};

}  // namespace runner::tools
