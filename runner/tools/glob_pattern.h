#pragma once
/// Glob patterns with the syntax ripgrep and gitignore share, matched against `/`-separated
/// relative paths: `*` and `?` stay within one path component, `**` spans components, `[...]`
/// is a class (`[!...]`/`[^...]` negated, `a-z` ranges), `{a,b}` lists alternatives (nested
/// braces allowed) and `\` escapes the next character. Matching is case-sensitive.
///
/// `**` rules (as in gitignore): a leading `**/` matches zero or more leading components, a
/// trailing `/**` everything below a directory (not the directory itself), `/**/` zero or more
/// middle components and a lone `**` every path; any other `**` is a plain `*`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/result.h"

namespace runner::tools {

class GlobPattern {
 public:
  /// Compiles `pattern`. Fails (kParse) on an unclosed `[` or `{`, a trailing `\`, or more than
  /// 1024 brace alternatives.
  static base::Result<GlobPattern> Compile(std::string_view pattern);

  /// True when the whole of `path` matches the pattern.
  bool Matches(std::string_view path) const;

  /// The pattern as written.
  const std::string& source() const { return source_; }

  /// The text when the pattern is plain text without wildcards (`Makefile`).
  std::optional<std::string_view> LiteralText() const;
  /// The suffix when the pattern is `*` and plain text without `/` (`*.o` gives `.o`).
  std::optional<std::string_view> StarSuffix() const;

  struct Token;
  /// One brace-free alternative, with a fast path for the common shapes.
  struct Alternative {
    enum class Shape {
      kGeneric,          ///< run the token matcher
      kLiteral,          ///< path == text
      kBasenameSuffix,   ///< `*<text>`: no `/` in path, path ends with text
      kBasenamePrefix,   ///< `<text>*`: path starts with text, no `/` after it
      kAnySuffix,        ///< `**/*<text>`: path ends with text (text has no `/`)
      kAnyBasename,      ///< `**/<text>`: path == text or ends with `/<text>`
      kPrefixDirectory,  ///< `<text>/**`: path starts with `<text>/` and is longer
      kEverything,       ///< `**`
    };
    Shape shape = Shape::kGeneric;
    std::string text;  ///< kGeneric: the longest literal token, which every match contains
    std::vector<Token> tokens;
  };

 private:
  std::string source_;
  std::vector<Alternative> alternatives_;
};

/// One element of a compiled alternative (public only so the matcher in glob_pattern.cc can
/// see it).
struct GlobPattern::Token {
  enum class Kind {
    kLiteral,     ///< `text` exactly
    kAnyChar,     ///< `?`: one character other than `/`
    kStar,        ///< `*`: any run of characters without `/`
    kAnyDirs,     ///< `**/`: zero or more whole components, each with its `/`
    kAnyBelow,    ///< `/**` at the end: `/` and then anything
    kEverything,  ///< a lone `**`: anything at all
    kClass,       ///< `[...]`: one character (not `/`) in (or, negated, not in) `ranges`
  };
  Kind kind = Kind::kLiteral;
  std::string text;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool negated = false;
};

}  // namespace runner::tools
