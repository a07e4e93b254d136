#include "runner/mcp/names.h"

#include <algorithm>

namespace runner::mcp {
namespace {

bool IsPlain(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// Bytes in the UTF-8 sequence led by `c` (1 for a stray continuation or invalid byte).
size_t SequenceLength(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  return 1;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (IsPlain(c)) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Claude Code replaces per UTF-16 code unit: one `_` per character, two for a character
    // outside the Basic Multilingual Plane (a surrogate pair).
    size_t len = std::min(SequenceLength(c), name.size() - i);
    out += len == 4 ? "__" : "_";
    i += len;
  }
  return out;
}

std::string ToolName(std::string_view server, std::string_view tool) {
  return "mcp__" + NormalizeName(server) + "__" + NormalizeName(tool);
}

}  // namespace runner::mcp
