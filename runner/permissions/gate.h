#pragma once
/// The permissions module owns deciding whether a tool call may run. This is the print-mode core's
/// version: permission modes and plain tool-name rules. Full rule semantics (Bash prefixes with
/// shell awareness, path patterns, domains) come with the policy issue and replace Check()'s body.

#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::permissions {

enum class PermissionMode { kDefault, kAcceptEdits, kPlan, kBypassPermissions, kDontAsk };

base::Result<PermissionMode> ParsePermissionMode(std::string_view text);
std::string_view PermissionModeName(PermissionMode mode);

/// `Tool` or `Tool(specifier)`.
struct Rule {
  std::string tool;
  std::string specifier;
  bool has_specifier = false;
};
Rule ParseRule(std::string_view text);

/// Splits `--allowedTools`-style values: each value may hold several rules separated by commas
/// or spaces; separators inside parentheses belong to the rule.
std::vector<std::string> SplitToolList(const std::vector<std::string>& values);

/// What kind of action a tool call is, for mode decisions.
enum class ToolKind { kReadOnly, kEdit, kOther };

struct Decision {
  bool allowed = false;
  std::string message;  ///< for the model and permission_denials when denied
};

class Gate {
 public:
  Gate(PermissionMode mode, std::vector<std::string> allowed, std::vector<std::string> disallowed);
  /// A tool named without specifier in the disallowed list is removed from the model's tool list.
  bool IsRemoved(std::string_view tool_name) const;
  /// Decides one call. Headless: whatever is not allowed is denied (never asked).
  Decision Check(std::string_view tool_name, ToolKind kind, const base::Json& input) const;
  PermissionMode mode() const { return mode_; }

 private:
  PermissionMode mode_;
  std::vector<Rule> allowed_;
  std::vector<Rule> disallowed_;
};

}  // namespace runner::permissions
