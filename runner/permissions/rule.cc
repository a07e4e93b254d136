#include "runner/permissions/rule.h"

#include <algorithm>
#include <cctype>

#include "runner/base/strings.h"

namespace runner::permissions {

Rule ParseRule(std::string_view text) {
  text = base::Trim(text);
  Rule r;
  size_t open = text.find('(');
  if (open != std::string_view::npos && text.ends_with(")")) {
    r.tool = std::string(base::Trim(text.substr(0, open)));
    r.specifier = std::string(text.substr(open + 1, text.size() - open - 2));
    r.has_specifier = !r.specifier.empty() && r.specifier != "*";
    if (!r.has_specifier) r.specifier.clear();
  } else {
    r.tool = std::string(text);
  }
  return r;
}

std::string RuleText(const Rule& rule) {
  return rule.has_specifier ? rule.tool + "(" + rule.specifier + ")" : rule.tool;
}

std::vector<std::string> SplitToolList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::string cur;
    int depth = 0;
    for (char c : v) {
      if (c == '(') ++depth;
      if (c == ')' && depth > 0) --depth;
      bool sep = depth == 0 && (c == ',' || std::isspace(static_cast<unsigned char>(c)));
      if (sep) {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

ToolFamily FamilyOf(std::string_view tool) {
  if (tool == "Bash") return ToolFamily::kBash;
  if (tool == "Read" || tool == "Glob" || tool == "Grep" || tool == "LS" ||
      tool == "NotebookRead") {
    return ToolFamily::kRead;
  }
  if (tool == "Edit" || tool == "Write" || tool == "MultiEdit" || tool == "NotebookEdit") {
    return ToolFamily::kEdit;
  }
  if (tool == "WebFetch") return ToolFamily::kWebFetch;
  return ToolFamily::kOther;
}

bool RuleCoversTool(std::string_view rule_tool, std::string_view tool) {
  if (rule_tool == tool) return true;
  if (rule_tool == "Read") return FamilyOf(tool) == ToolFamily::kRead;
  if (rule_tool == "Edit") return FamilyOf(tool) == ToolFamily::kEdit;
  if (!rule_tool.starts_with("mcp__")) return false;
  std::string_view server = rule_tool;
  if (server.ends_with("__*")) server.remove_suffix(3);
  if (server.size() <= 5 || !server.starts_with("mcp__")) return false;  // `mcp__*`: no globs
  if (server.find("__", 5) != std::string_view::npos) return false;      // names one tool
  return tool.size() > server.size() + 2 && tool.starts_with(server) &&
         tool.substr(server.size(), 2) == "__";
}

std::optional<std::string> UrlHost(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find_first_of("\\% \t\r\n") != std::string_view::npos) return std::nullopt;
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  if (host.starts_with("[")) {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  while (host.ends_with(".")) host.remove_suffix(1);
  if (host.empty()) return std::nullopt;
  return base::ToLower(host);
}

bool DomainSpecifierMatches(std::string_view specifier, std::string_view host) {
  if (!specifier.starts_with("domain:")) return false;
  std::string domain = base::ToLower(base::Trim(specifier.substr(7)));
  while (domain.ends_with(".")) domain.pop_back();
  bool subdomains_only = domain.starts_with("*.");
  if (subdomains_only) domain.erase(0, 2);
  if (domain.empty()) return false;
  bool below = host.size() > domain.size() && host.ends_with(domain) &&
               host[host.size() - domain.size() - 1] == '.';
  return below || (!subdomains_only && host == domain);
}

}  // namespace runner::permissions
