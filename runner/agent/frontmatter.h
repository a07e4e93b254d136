#pragma once
/// YAML frontmatter of Markdown files (`---\nkey: value\n---\nbody`), used by custom agent
/// definitions (and later by commands and skills). yaml-cpp stays inside frontmatter.cc.

#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::agent {

struct Frontmatter {
  base::Json fields = base::Json::MakeObject();  ///< scalars as strings, sequences as arrays
  std::string body;                              ///< the Markdown after the frontmatter
};

/// Splits and parses the frontmatter. A file without one has empty fields and the whole text
/// as body. Malformed YAML is a kParse error naming the problem.
base::Result<Frontmatter> ParseFrontmatter(std::string_view text);

}  // namespace runner::agent
