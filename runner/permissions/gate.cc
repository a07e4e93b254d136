#include "runner/permissions/gate.h"

#include <cctype>

namespace runner::permissions {

base::Result<PermissionMode> ParsePermissionMode(std::string_view text) {
  if (text == "default") return PermissionMode::kDefault;
  if (text == "acceptEdits") return PermissionMode::kAcceptEdits;
  if (text == "plan") return PermissionMode::kPlan;
  if (text == "bypassPermissions") return PermissionMode::kBypassPermissions;
  if (text == "dontAsk") return PermissionMode::kDontAsk;
  return base::Fail(base::ErrorKind::kUsage,
                    "invalid permission mode '" + std::string(text) +
                        "' (expected default, acceptEdits, plan, bypassPermissions or dontAsk)");
}

std::string_view PermissionModeName(PermissionMode mode) {
  switch (mode) {
    case PermissionMode::kDefault: return "default";
    case PermissionMode::kAcceptEdits: return "acceptEdits";
    case PermissionMode::kPlan: return "plan";
    case PermissionMode::kBypassPermissions: return "bypassPermissions";
    case PermissionMode::kDontAsk: return "dontAsk";
  }
  return "default";
}

Rule ParseRule(std::string_view text) {
  Rule r;
  size_t open = text.find('(');
  if (open != std::string_view::npos && text.ends_with(")")) {
    r.tool = std::string(text.substr(0, open));
    r.specifier = std::string(text.substr(open + 1, text.size() - open - 2));
    r.has_specifier = true;
  } else {
    r.tool = std::string(text);
  }
  return r;
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

namespace {
std::vector<Rule> ParseAll(const std::vector<std::string>& texts) {
  std::vector<Rule> rules;
  for (const auto& t : texts) rules.push_back(ParseRule(t));
  return rules;
}

// `mcp__server` names every tool of that server.
bool NameMatches(const Rule& rule, std::string_view tool) {
  if (rule.tool == tool) return true;
  return rule.tool.starts_with("mcp__") && rule.tool.find("__", 5) == std::string::npos &&
         tool.starts_with(rule.tool + "__");
}

std::string DenialMessage(std::string_view tool, const base::Json& input) {
  std::string path = input["file_path"].AsString();
  if (path.empty()) path = input["notebook_path"].AsString();
  if ((tool == "Write" || tool == "Edit" || tool == "MultiEdit" || tool == "NotebookEdit") &&
      !path.empty()) {
    return "Claude requested permissions to write to " + path + ", but you haven't granted it yet.";
  }
  return "Claude requested permissions to use " + std::string(tool) +
         ", but you haven't granted it yet.";
}
}  // namespace

Gate::Gate(PermissionMode mode, std::vector<std::string> allowed,
           std::vector<std::string> disallowed)
    : mode_(mode), allowed_(ParseAll(allowed)), disallowed_(ParseAll(disallowed)) {}

bool Gate::IsRemoved(std::string_view tool_name) const {
  for (const Rule& r : disallowed_) {
    if (!r.has_specifier && NameMatches(r, tool_name)) return true;
  }
  return false;
}

Decision Gate::Check(std::string_view tool_name, ToolKind kind, const base::Json& input) const {
  // Until the policy issue lands, a deny rule with a specifier denies the whole tool: safe side.
  for (const Rule& r : disallowed_) {
    if (NameMatches(r, tool_name)) {
      return {false, "Permission to use " + std::string(tool_name) +
                         " has been denied by a disallowedTools rule."};
    }
  }
  if (mode_ == PermissionMode::kBypassPermissions) return {true, {}};
  if (kind == ToolKind::kReadOnly) return {true, {}};
  if (mode_ == PermissionMode::kPlan) {
    // Plan mode analyses without changing anything, whatever the allow rules say.
    return {false, "Plan mode is active: " + std::string(tool_name) +
                       " would change files or run commands, so it was not run."};
  }
  if (kind == ToolKind::kEdit && mode_ == PermissionMode::kAcceptEdits) return {true, {}};
  for (const Rule& r : allowed_) {
    // Only plain names grant for now: a specifier rule such as Bash(git diff:*) needs the
    // shell-aware matcher of the policy issue, and granting on the name alone would be unsafe.
    if (!r.has_specifier && NameMatches(r, tool_name)) return {true, {}};
  }
  return {false, DenialMessage(tool_name, input)};
}

}  // namespace runner::permissions
