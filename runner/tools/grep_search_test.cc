#include "runner/tools/grep_search.h"

#include <gtest/gtest.h>

#include <optional>

namespace runner::tools {
namespace {

using Lines = std::vector<HitLine>;

struct Options {
  GrepMode mode = GrepMode::kContent;
  LineMode line_mode = LineMode::kSingleLine;
  size_t before = 0;
  size_t after = 0;
  bool only_matching = false;
  CaseMode case_mode = CaseMode::kSensitive;
  bool prefilter = true;  ///< use the extracted literal like GrepTool does
};

FileHits Search(std::string_view pattern, std::string_view text, Options o = {}) {
  auto regex = Regex::Compile(pattern, o.case_mode, o.line_mode);
  EXPECT_TRUE(regex.has_value()) << pattern;
  RequiredLiteral lit = ExtractRequiredLiteral(pattern, o.case_mode);
  std::optional<LiteralFinder> finder;
  if (o.prefilter && !lit.text.empty()) finder.emplace(lit.text, o.case_mode);
  BufferSearcher searcher(*regex, finder ? &*finder : nullptr, lit.whole,
                          {o.mode, o.line_mode, o.before, o.after, o.only_matching});
  return searcher.Search(text);
}

HitLine M(int64_t n, std::string text) { return {n, true, std::move(text)}; }
HitLine C(int64_t n, std::string text) { return {n, false, std::move(text)}; }

TEST(BufferSearcher, ContentModeNumbersMatchingLines) {
  FileHits hits = Search("foo", "a foo\nbar\nfoo foo\n");
  EXPECT_EQ(hits.count, 2u);
  EXPECT_EQ(hits.lines, (Lines{M(1, "a foo"), M(3, "foo foo")}));
}

TEST(BufferSearcher, SameResultsWithAndWithoutThePrefilter) {
  std::string text = "int main() {\n  struct file_operations fops;\n}\nstruct  file_operations x;";
  for (bool prefilter : {true, false}) {
    SCOPED_TRACE(prefilter);
    FileHits hits = Search("\\bstruct\\s+file_operations\\b", text, {.prefilter = prefilter});
    EXPECT_EQ(hits.lines,
              (Lines{M(2, "  struct file_operations fops;"), M(4, "struct  file_operations x;")}));
  }
}

TEST(BufferSearcher, FilesModeStopsAtTheFirstMatch) {
  FileHits hits = Search("x", "x\nx\nx\n", {.mode = GrepMode::kFilesWithMatches});
  EXPECT_EQ(hits.count, 1u);
  EXPECT_TRUE(hits.lines.empty());
}

TEST(BufferSearcher, CountModeCountsLinesNotMatches) {
  FileHits hits = Search("o", "foo\nbar\nboo\n", {.mode = GrepMode::kCount});
  EXPECT_EQ(hits.count, 2u);
  EXPECT_TRUE(hits.lines.empty());
}

TEST(BufferSearcher, MatchesStayWithinALineOutsideMultilineMode) {
  EXPECT_EQ(Search("a\\sb", "a\nb\n").count, 0u);
  EXPECT_EQ(Search("a\\sb", "a\nb\na b\n").lines, (Lines{M(3, "a b")}));
  EXPECT_EQ(Search("^b", "ab\nb\n").lines, (Lines{M(2, "b")}));
  EXPECT_EQ(Search("a$", "ba\nab\n").lines, (Lines{M(1, "ba")}));
}

TEST(BufferSearcher, EmptyPatternMatchesEveryLineButNotPastTheEnd) {
  EXPECT_EQ(Search("", "a\n\nb\n").lines, (Lines{M(1, "a"), M(2, ""), M(3, "b")}));
  EXPECT_EQ(Search("", "").count, 0u);
  EXPECT_EQ(Search("$", "a").lines, (Lines{M(1, "a")}));
}

TEST(BufferSearcher, LastLineWithoutNewlineAndCrlf) {
  EXPECT_EQ(Search("end", "x\r\nthe end").lines, (Lines{M(2, "the end")}));
  EXPECT_EQ(Search("x", "x\r\ny\r\n").lines, (Lines{M(1, "x")}));
}

TEST(BufferSearcher, ContextLinesAreMergedAndNeverRepeated) {
  std::string text = "1\n2\nhit3\n4\nhit5\n6\n7\n8\n9\nhit10\n11\n";
  FileHits hits = Search("hit", text, {.before = 1, .after = 1});
  EXPECT_EQ(hits.lines, (Lines{C(2, "2"), M(3, "hit3"), C(4, "4"), M(5, "hit5"), C(6, "6"),
                               C(9, "9"), M(10, "hit10"), C(11, "11")}));
}

TEST(BufferSearcher, ContextStopsAtTheEdgesOfTheFile) {
  FileHits hits = Search("x", "x\na\nb\nc\n", {.before = 3, .after = 2});
  EXPECT_EQ(hits.lines, (Lines{M(1, "x"), C(2, "a"), C(3, "b")}));
  hits = Search("x", "a\nx", {.before = 3, .after = 2});
  EXPECT_EQ(hits.lines, (Lines{C(1, "a"), M(2, "x")}));
}

TEST(BufferSearcher, OnlyMatchingGivesEachMatch) {
  FileHits hits = Search("[0-9]+", "a1b22\nnone\n333\n", {.only_matching = true});
  EXPECT_EQ(hits.count, 2u);
  EXPECT_EQ(hits.lines, (Lines{M(1, "1"), M(1, "22"), M(3, "333")}));
}

TEST(BufferSearcher, OnlyMatchingSkipsEmptyMatches) {
  FileHits hits = Search("x*", "axxb\n", {.only_matching = true});
  EXPECT_EQ(hits.lines, (Lines{M(1, "xx")}));
}

TEST(BufferSearcher, MultilineMatchesSpanLines) {
  std::string text = "struct a {\n  int x;\n};\nother\nstruct b {};\n";
  Options o{.line_mode = LineMode::kMultiline};
  FileHits hits = Search("struct \\w+ \\{.*?\\}", text, o);
  EXPECT_EQ(hits.count, 2u);
  EXPECT_EQ(hits.lines,
            (Lines{M(1, "struct a {"), M(2, "  int x;"), M(3, "};"), M(5, "struct b {};")}));
  o.only_matching = true;
  hits = Search("struct \\w+ \\{.*?\\}", text, o);
  EXPECT_EQ(hits.lines,
            (Lines{M(1, "struct a {"), M(2, "  int x;"), M(3, "}"), M(5, "struct b {}")}));
}

TEST(BufferSearcher, MultilineCountsMatchesAndPrintsSharedLinesOnce) {
  Options o{.mode = GrepMode::kCount, .line_mode = LineMode::kMultiline};
  EXPECT_EQ(Search("a", "a a\na\n", o).count, 3u);  // as `rg -c -U` counts
  EXPECT_EQ(Search("a\\nb", "a\nb\na\nb\n", o).count, 2u);
  o.mode = GrepMode::kContent;
  EXPECT_EQ(Search("a", "a a\na\n", o).lines, (Lines{M(1, "a a"), M(2, "a")}));
}

TEST(BufferSearcher, CaseInsensitive) {
  FileHits hits = Search("mutex_lock", "Mutex_Lock(x)\nMUTEX_LOCK\nmutex\n",
                         {.case_mode = CaseMode::kInsensitive});
  EXPECT_EQ(hits.lines, (Lines{M(1, "Mutex_Lock(x)"), M(2, "MUTEX_LOCK")}));
  // Unicode folding: K (U+212A KELVIN SIGN) is a `k`.
  EXPECT_EQ(Search("lock", "LOC\xE2\x84\xAA\n", {.case_mode = CaseMode::kInsensitive}).count, 1u);
}

TEST(BufferSearcher, InvalidUtf8IsSearchedNotRejected) {
  EXPECT_EQ(Search("abc", "\xff\xfe abc \xc3\n").lines, (Lines{M(1, "\xff\xfe abc \xc3")}));
  // An invalid byte is not a character: `.` does not match it (as in ripgrep).
  EXPECT_EQ(Search("a.c", "a\xffc\n", {.prefilter = false}).count, 0u);
}

TEST(BufferSearcher, ByteModePatternsFindTheSameAroundMultibyteText) {
  std::string text = "é[AB_1(é\nxé\n";
  EXPECT_EQ(Search("[A-Z]+_[0-9]\\(", text, {.only_matching = true}).lines, (Lines{M(1, "AB_1(")}));
  EXPECT_EQ(Search("x", text).lines, (Lines{M(2, "xé")}));
}

TEST(Regex, ReportsCompileErrorsWithOffset) {
  auto regex = Regex::Compile("foo(bar", CaseMode::kSensitive, LineMode::kSingleLine);
  ASSERT_FALSE(regex.has_value());
  EXPECT_EQ(regex.error().message,
            "Invalid regular expression /foo(bar/: missing closing parenthesis at offset 7");
}

TEST(Regex, UsesTheJitWhenAvailable) {
  auto regex = Regex::Compile("a+b", CaseMode::kSensitive, LineMode::kSingleLine);
  ASSERT_TRUE(regex.has_value());
  EXPECT_TRUE(regex->jit());  // Debian's libpcre2 has the JIT on x86-64 and arm64
  RegexMatcher matcher(*regex);
  auto m = matcher.Find("xxaab", 0);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->start, 2u);
  EXPECT_EQ(m->end, 5u);
  EXPECT_FALSE(matcher.Find("xxaab", 5).has_value());
  EXPECT_FALSE(matcher.Find("xxaab", 6).has_value());
}

}  // namespace
}  // namespace runner::tools
