#pragma once
/// YAML frontmatter of Markdown files (`---\nkey: value\n---\nbody`), used by custom agent
/// definitions, custom slash commands and CLAUDE.md memory files. yaml-cpp stays inside
/// frontmatter.cc.

#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::base {

struct Frontmatter {
  base::Json fields = base::Json::MakeObject();  ///< scalars as strings, sequences as arrays
  std::string body;                              ///< the Markdown after the frontmatter
};

/// Splits and parses the frontmatter. A file without one has empty fields and the whole text
/// as body. YAML that does not parse gets Claude Code's second try: top-level `key: value`
/// lines whose value holds YAML syntax characters (`argument-hint: [pr] [priority]`) are
/// quoted. What still does not parse is a kParse error naming the problem.
base::Result<Frontmatter> ParseFrontmatter(std::string_view text);

/// The Markdown after a leading frontmatter block, without parsing the YAML (a leading UTF-8 BOM
/// is dropped too). Text without a complete block is returned whole.
std::string_view StripFrontmatter(std::string_view text);

}  // namespace runner::base
