#pragma once
/// A small reader for the generated TypeScript in sdk-tools.d.ts: the top-level properties of
/// each `export interface`, with optionality and a coarse JSON type. Enough to compare our tool
/// input schemas with Claude Code's, not a TypeScript parser.

#include <map>
#include <set>
#include <string>
#include <vector>

namespace runner::schema_test {

struct TsProperty {
  std::string name;
  bool optional = false;
  std::string json_type;          ///< string, number, boolean, array, object, any
  std::set<std::string> literals;  ///< for unions of string literals
};

/// interface name → its properties, in declaration order.
std::map<std::string, std::vector<TsProperty>> ParseInterfaces(const std::string& text);

}  // namespace runner::schema_test
