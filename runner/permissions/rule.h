#pragma once
/// Permission rule text: `Tool` or `Tool(specifier)`, the `--allowedTools` list syntax, which
/// tools a rule's name covers, and the host test of `WebFetch(domain:…)` rules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::permissions {

/// `Tool` or `Tool(specifier)`. `Tool()` and `Tool(*)` mean the whole tool (no specifier).
struct Rule {
  std::string tool;
  std::string specifier;
  bool has_specifier = false;

  bool operator==(const Rule&) const = default;
};
Rule ParseRule(std::string_view text);
/// The rule as written in settings: `Bash(git diff:*)`, `Read`.
std::string RuleText(const Rule& rule);

/// Splits `--allowedTools`-style values: each value may hold several rules separated by commas
/// or spaces; separators inside parentheses belong to the rule.
std::vector<std::string> SplitToolList(const std::vector<std::string>& values);

/// How a tool's calls are matched against rule specifiers.
enum class ToolFamily {
  kBash,      ///< `Bash(command pattern)`
  kRead,      ///< Read, Glob, Grep, LS, NotebookRead: `Read(path pattern)`
  kEdit,      ///< Edit, Write, MultiEdit, NotebookEdit: `Edit(path pattern)`
  kWebFetch,  ///< `WebFetch(domain:host)`
  kOther,     ///< specifiers are not understood
};
ToolFamily FamilyOf(std::string_view tool_name);

/// True when a rule naming `rule_tool` covers calls of `tool_name`: the same name; `Read` for
/// every read tool and `Edit` for every edit tool (as in Claude Code); `mcp__server` and
/// `mcp__server__*` for every tool of that server. There are no other wildcards.
bool RuleCoversTool(std::string_view rule_tool, std::string_view tool_name);

/// The lower-case host of an absolute URL (`https://user@Example.COM:8080/x` gives
/// `example.com`); nullopt when there is none or it looks crafted (backslashes, `%`, spaces).
std::optional<std::string> UrlHost(std::string_view url);

/// `domain:example.com` covers example.com and its subdomains; `domain:*.example.com` only the
/// subdomains. False for any other specifier.
bool DomainSpecifierMatches(std::string_view specifier, std::string_view host);

}  // namespace runner::permissions
