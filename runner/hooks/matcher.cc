#include "runner/hooks/matcher.h"

#include <algorithm>

#include "runner/base/strings.h"

namespace runner::hooks {
namespace {

bool IsExactListChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ' ' || c == ',' || c == '|';
}

bool IsSeparator(char c, MatcherSeparators separators) {
  return c == '|' || (c == ',' && separators == MatcherSeparators::kPipeOrComma);
}

std::vector<std::string> SplitList(std::string_view text, MatcherSeparators separators) {
  std::vector<std::string> names;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !IsSeparator(text[i], separators)) continue;
    std::string_view item = base::Trim(text.substr(start, i - start));
    if (!item.empty()) names.emplace_back(item);
    start = i + 1;
  }
  return names;
}

}  // namespace

base::Result<Matcher> Matcher::Compile(std::string_view text, MatcherSeparators separators) {
  Matcher m;
  m.text_ = std::string(text);
  if (text == "*" || base::Trim(text).empty()) return m;
  if (std::ranges::all_of(text, IsExactListChar)) {
    m.kind_ = Kind::kExactList;
    m.names_ = SplitList(text, separators);
    return m;
  }
  m.kind_ = Kind::kRegex;
  try {
    m.regex_ = std::make_shared<const std::regex>(std::string(text), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return base::Fail(base::ErrorKind::kConfig,
                      "invalid regular expression \"" + std::string(text) + "\": " + e.what() +
                          " (std::regex ECMAScript: no lookbehind or named groups)");
  }
  return m;
}

bool Matcher::Matches(std::string_view value) const {
  switch (kind_) {
    case Kind::kAll:
      return true;
    case Kind::kExactList:
      return std::ranges::find(names_, value) != names_.end();
    case Kind::kRegex:
      try {
        return std::regex_search(value.begin(), value.end(), *regex_);
      } catch (const std::regex_error&) {
        return false;  // error_complexity / error_stack on a pathological pattern: no match
      }
  }
  return false;
}

}  // namespace runner::hooks
