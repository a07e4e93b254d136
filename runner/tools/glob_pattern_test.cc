#include "runner/tools/glob_pattern.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

bool M(std::string_view pattern, std::string_view path) {
  auto glob = GlobPattern::Compile(pattern);
  EXPECT_TRUE(glob.has_value()) << pattern;
  return glob.has_value() && glob->Matches(path);
}

TEST(GlobPattern, StarStaysWithinOneComponent) {
  EXPECT_TRUE(M("*.c", "main.c"));
  EXPECT_TRUE(M("*.c", ".c"));
  EXPECT_FALSE(M("*.c", "src/main.c"));
  EXPECT_FALSE(M("*.c", "main.cc"));
  EXPECT_TRUE(M("src/*.c", "src/main.c"));
  EXPECT_FALSE(M("src/*.c", "src/a/main.c"));
  EXPECT_TRUE(M("a*b*c", "aXbYc"));
  EXPECT_FALSE(M("a*b*c", "aXb/Yc"));
}

TEST(GlobPattern, QuestionMarkIsOneCharacterNotSlash) {
  EXPECT_TRUE(M("?.txt", "a.txt"));
  EXPECT_TRUE(M("?.txt", "é.txt"));  // one character, two bytes
  EXPECT_FALSE(M("?.txt", "ab.txt"));
  EXPECT_FALSE(M("a?b", "a/b"));
}

TEST(GlobPattern, DoubleStarSpansComponents) {
  EXPECT_TRUE(M("**/*.c", "main.c"));
  EXPECT_TRUE(M("**/*.c", "a/b/main.c"));
  EXPECT_FALSE(M("**/*.c", "a/b/main.h"));
  EXPECT_TRUE(M("**/foo", "foo"));
  EXPECT_TRUE(M("**/foo", "x/y/foo"));
  EXPECT_FALSE(M("**/foo", "x/yfoo"));
  EXPECT_TRUE(M("a/**/b", "a/b"));
  EXPECT_TRUE(M("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(M("a/**/b", "ab"));
  EXPECT_TRUE(M("a/**", "a/x"));
  EXPECT_TRUE(M("a/**", "a/x/y"));
  EXPECT_FALSE(M("a/**", "a"));
  EXPECT_TRUE(M("**", "any/thing"));
  EXPECT_TRUE(M("src/**/test_*.py", "src/pkg/sub/test_x.py"));
  EXPECT_FALSE(M("src/**/test_*.py", "lib/pkg/test_x.py"));
}

TEST(GlobPattern, DoubleStarInsideAComponentIsAStar) {
  EXPECT_TRUE(M("a**b", "aXXb"));
  EXPECT_FALSE(M("a**b", "a/b"));
}

TEST(GlobPattern, ClassesWithRangesAndNegation) {
  EXPECT_TRUE(M("*.[ch]", "x.c"));
  EXPECT_TRUE(M("*.[ch]", "x.h"));
  EXPECT_FALSE(M("*.[ch]", "x.o"));
  EXPECT_TRUE(M("file[0-9]", "file7"));
  EXPECT_FALSE(M("file[0-9]", "filex"));
  EXPECT_TRUE(M("file[!0-9]", "filex"));
  EXPECT_TRUE(M("file[^0-9]", "filex"));
  EXPECT_FALSE(M("file[!0-9]", "file1"));
  EXPECT_TRUE(M("[]]", "]"));
  EXPECT_TRUE(M("[a-]", "-"));
  EXPECT_FALSE(M("a[/]b", "a/b"));
  EXPECT_TRUE(M("[é]", "é"));
}

TEST(GlobPattern, BracesListAlternativesAndNest) {
  EXPECT_TRUE(M("*.{ts,tsx}", "a.ts"));
  EXPECT_TRUE(M("*.{ts,tsx}", "a.tsx"));
  EXPECT_FALSE(M("*.{ts,tsx}", "a.js"));
  EXPECT_TRUE(M("{src,lib}/**/*.{c,h}", "lib/x/y.h"));
  EXPECT_TRUE(M("a{b,c{d,e}}f", "acef"));
  EXPECT_TRUE(M("a{,b}c", "ac"));
  EXPECT_TRUE(M("{[},]}", "}"));  // a `}` inside a class does not close the group
}

TEST(GlobPattern, BackslashEscapes) {
  EXPECT_TRUE(M("\\*.txt", "*.txt"));
  EXPECT_FALSE(M("\\*.txt", "a.txt"));
  EXPECT_TRUE(M("\\{a,b\\}", "{a,b}"));
  EXPECT_TRUE(M("a\\?", "a?"));
}

TEST(GlobPattern, LiteralMustMatchWholePath) {
  EXPECT_TRUE(M("Makefile", "Makefile"));
  EXPECT_FALSE(M("Makefile", "Makefile.am"));
  EXPECT_FALSE(M("Makefile", "a/Makefile"));
}

TEST(GlobPattern, PrefixAndMultiStarShapes) {
  EXPECT_TRUE(M("foo*", "foobar"));
  EXPECT_TRUE(M("foo*", "foo"));
  EXPECT_FALSE(M("foo*", "foo/bar"));
  EXPECT_TRUE(M("src/ab*", "src/abc"));
  EXPECT_TRUE(M("*.o.*", "x.o.d"));
  EXPECT_TRUE(M("*ab*ab", "xabyab"));  // the first `ab` is not where the star ends
  EXPECT_FALSE(M("*ab*ab", "xab"));
  EXPECT_TRUE(M("*.asn1.[ch]", "x.asn1.c"));
  EXPECT_FALSE(M("*.asn1.[ch]", "x.asn1.o"));
  EXPECT_TRUE(M("a*/b*/c", "ax/by/c"));
  EXPECT_FALSE(M("a*/b*/c", "ax/by/z/c"));
}

TEST(GlobPattern, ExposesSimpleShapesForIndexing) {
  EXPECT_EQ(GlobPattern::Compile("Makefile")->LiteralText(), "Makefile");
  EXPECT_EQ(GlobPattern::Compile("M*")->LiteralText(), std::nullopt);
  EXPECT_EQ(GlobPattern::Compile("*.o")->StarSuffix(), ".o");
  EXPECT_EQ(GlobPattern::Compile("*.{o,a}")->StarSuffix(), std::nullopt);
  EXPECT_EQ(GlobPattern::Compile("**/*.o")->StarSuffix(), std::nullopt);
}

TEST(GlobPattern, RejectsMalformedPatterns) {
  EXPECT_EQ(GlobPattern::Compile("[abc").error().message,
            "error parsing glob '[abc': unclosed character class; missing ']'");
  EXPECT_EQ(GlobPattern::Compile("{a,b").error().message,
            "error parsing glob '{a,b': unclosed alternate group; missing '}'");
  EXPECT_EQ(GlobPattern::Compile("abc\\").error().message,
            "error parsing glob 'abc\\': dangling '\\'");
  EXPECT_FALSE(
      GlobPattern::Compile("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}{s,t}{u,v}").has_value());
}

}  // namespace
}  // namespace runner::tools
