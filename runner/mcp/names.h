#pragma once
/// How MCP names appear to the model and in permission rules, as Claude Code writes them:
/// `mcp__<server>__<tool>`, each part with every character outside [a-zA-Z0-9_-] replaced by `_`.

#include <string>
#include <string_view>

namespace runner::mcp {

/// `name` with every character other than ASCII letters, digits, `_` and `-` replaced by `_`
/// (one `_` per UTF-16 code unit, as JavaScript counts them in Claude Code).
std::string NormalizeName(std::string_view name);

/// `mcp__<NormalizeName(server)>__<NormalizeName(tool)>`.
std::string ToolName(std::string_view server, std::string_view tool);

}  // namespace runner::mcp
