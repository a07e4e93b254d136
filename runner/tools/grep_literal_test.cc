#include "runner/tools/grep_literal.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

std::string Lit(std::string_view pattern, CaseMode mode = CaseMode::kSensitive) {
  return ExtractRequiredLiteral(pattern, mode).text;
}

TEST(ExtractRequiredLiteral, PlainTextIsTheWholePattern) {
  RequiredLiteral lit = ExtractRequiredLiteral("EXPORT_SYMBOL_GPL", CaseMode::kSensitive);
  EXPECT_EQ(lit.text, "EXPORT_SYMBOL_GPL");
  EXPECT_TRUE(lit.whole);
  EXPECT_FALSE(ExtractRequiredLiteral("EXPORT_SYMBOL_GPL", CaseMode::kInsensitive).whole);
}

TEST(ExtractRequiredLiteral, PicksTheLongestRunBetweenRegexParts) {
  EXPECT_EQ(Lit("\\bstruct\\s+file_operations\\b"), "file_operations");
  EXPECT_EQ(Lit("foo(bar|baz)quux"), "quux");
  EXPECT_EQ(Lit("[abc]def"), "def");
  EXPECT_EQ(Lit("x\\.y\\.z"), "x.y.z");
  EXPECT_EQ(Lit("\\x{41}BC"), "BC");
  EXPECT_EQ(Lit("\\Qa.b*c\\E"), "a.b*c");
  EXPECT_EQ(Lit("^func\\s+main$"), "func");
  EXPECT_FALSE(ExtractRequiredLiteral("x\\.y", CaseMode::kSensitive).whole);
}

TEST(ExtractRequiredLiteral, QuantifiersEndRuns) {
  EXPECT_EQ(Lit("ab?cdef"), "cdef");  // `b` may vanish
  EXPECT_EQ(Lit("abc+d"), "abc");     // `c` repeats: `abcd` is not required
  EXPECT_EQ(Lit("abcd*xy"), "abc");
  EXPECT_EQ(Lit("abcd{0,2}xy"), "abc");
  EXPECT_EQ(Lit("ab{2}cde"), "cde");
  EXPECT_EQ(Lit("a{b}cd"), "a{b}cd");  // not a quantifier: literal braces
  EXPECT_EQ(Lit("abc+?de"), "abc");
}

TEST(ExtractRequiredLiteral, GivesUpWhenUnsure) {
  EXPECT_EQ(Lit("foo|bar"), "");
  EXPECT_EQ(Lit("(?i)foo"), "");
  EXPECT_EQ(Lit("(*UCP)foo"), "");
  EXPECT_EQ(Lit("a"), "");
  EXPECT_EQ(Lit("a.b.c"), "");
  EXPECT_EQ(Lit("unbalanced)"), "");
  EXPECT_EQ(Lit("(?:ab|cd)efg"), "efg");
  EXPECT_EQ(Lit("(?<=x)abc"), "abc");
}

TEST(ExtractRequiredLiteral, CaseInsensitiveUsesOnlyFoldSafeAsciiLowerCased) {
  EXPECT_EQ(Lit("Mutex_Lock", CaseMode::kInsensitive), "mutex_loc");  // `k` folds to U+212A
  EXPECT_EQ(Lit("caSe_TEST", CaseMode::kInsensitive), "e_te");        // `s` folds to U+017F
  EXPECT_EQ(Lit("éab", CaseMode::kInsensitive), "ab");
  EXPECT_EQ(Lit("éab", CaseMode::kSensitive), "éab");
}

TEST(MayMatchNewline, LooksForWhatCanMatchALineBreak) {
  EXPECT_FALSE(MayMatchNewline("foo\\w+\\(\\d\\)"));
  EXPECT_FALSE(MayMatchNewline("[abc]\\.x"));
  EXPECT_TRUE(MayMatchNewline("a.b"));
  EXPECT_TRUE(MayMatchNewline("a\\sb"));
  EXPECT_TRUE(MayMatchNewline("a\\nb"));
  EXPECT_TRUE(MayMatchNewline("[^x]"));
  EXPECT_TRUE(MayMatchNewline("a\\x0ab"));
  EXPECT_TRUE(MayMatchNewline("a\nb"));
}

TEST(HasAsciiOnlySemantics, AcceptsOnlyPatternsOfAsciiItems) {
  constexpr CaseMode kCs = CaseMode::kSensitive;
  EXPECT_TRUE(HasAsciiOnlySemantics("[A-Z]{4,}_[0-9]+\\(", kCs));
  EXPECT_TRUE(HasAsciiOnlySemantics("(?:foo|bar)\\t\\.x$", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("[A-Z]+", CaseMode::kInsensitive));
  EXPECT_FALSE(HasAsciiOnlySemantics("a.b", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("\\w+", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("\\bfoo", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("[^a]", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("(?i)a", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("caf\xC3\xA9", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("\\x{e9}", kCs));
  EXPECT_FALSE(HasAsciiOnlySemantics("a\\", kCs));
}

TEST(LiteralFinder, FindsCaseSensitively) {
  LiteralFinder f("needle", CaseMode::kSensitive);
  std::string hay = std::string(40, 'x') + "needle" + std::string(40, 'y') + "needle";
  EXPECT_EQ(f.Find(hay, 0), 40u);
  EXPECT_EQ(f.Find(hay, 41), 86u);
  EXPECT_EQ(f.Find(hay, 87), std::string_view::npos);
  EXPECT_EQ(f.Find("Needle", 0), std::string_view::npos);
  EXPECT_EQ(f.Find("needl", 0), std::string_view::npos);
  EXPECT_EQ(f.Find("", 0), std::string_view::npos);
}

TEST(LiteralFinder, FindsWithoutCase) {
  LiteralFinder f("MuTeX_", CaseMode::kInsensitive);
  std::string hay = std::string(33, '.') + "MUTEX_lock" + std::string(20, '.') + "mutex_";
  EXPECT_EQ(f.Find(hay, 0), 33u);
  EXPECT_EQ(f.Find(hay, 34), 63u);
  EXPECT_EQ(f.Find("mutex", 0), std::string_view::npos);
}

TEST(LiteralFinder, CandidatesNearTheEdges) {
  LiteralFinder f("ab", CaseMode::kSensitive);
  EXPECT_EQ(f.Find("ab", 0), 0u);
  EXPECT_EQ(f.Find("xab", 0), 1u);
  EXPECT_EQ(f.Find("bab", 0), 1u);  // a `b` before any `a` is not a hit
  EXPECT_EQ(f.Find("xab", 2), std::string_view::npos);
}

}  // namespace
}  // namespace runner::tools
