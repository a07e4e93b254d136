#pragma once
/// The permissions module owns deciding whether a tool call may run: permission rules (allow,
/// ask, deny; rule.h, bash_rules.h, path_rules.h), the permission mode and the working
/// directories. Pure: it never prompts, prints or touches the file system (symlinks are
/// resolved only through a callback the composition root may supply). docs/permissions.md
/// describes the semantics for users.
///
/// Precedence, first match wins:
///   1. a deny rule matches                     → deny
///   2. an ask rule matches → ask (dontAsk: deny; headless: denied, saying it needed approval)
///   3. mode bypassPermissions                  → allow
///   4. mode plan and the call is not read-only → deny
///   5. an allow rule matches (Bash: every simple command of the line matches one, and every
///      file its redirections write may be edited)                               → allow
///   6. the mode's default: read-only tools inside the working directories → allow; in
///      acceptEdits, edit tools inside them → allow; file tools outside them → undecided
///   7. undecided → ask (dontAsk: deny). Headless callers treat ask as a denial.

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/permissions/bash_rules.h"
#include "runner/permissions/call_facts.h"
#include "runner/permissions/path_rules.h"
#include "runner/permissions/rule.h"

namespace runner::permissions {

enum class PermissionMode { kDefault, kAcceptEdits, kPlan, kBypassPermissions, kDontAsk };

base::Result<PermissionMode> ParsePermissionMode(std::string_view text);
std::string_view PermissionModeName(PermissionMode mode);

/// What kind of action a tool call is, for mode decisions (the tool says; see Tool::IsReadOnly).
enum class ToolKind { kReadOnly, kEdit, kOther };

/// What the gate concluded. `kAsk` means a person would have to approve; with nobody to ask
/// (print mode) it is a denial, so `allowed` is false.
enum class Behavior { kAllow, kDeny, kAsk };

/// Why, in the words of the SDK's `decision_reason_type` / `tool_result_meta.reason_type`.
enum class ReasonType {
  kRule,        ///< an allow, ask or deny rule decided ("rule")
  kMode,        ///< the permission mode decided ("mode")
  kWorkingDir,  ///< a file outside the working directories ("workingDir")
  kHook,        ///< a PreToolUse or PermissionRequest hook decided ("hook")
  kDefault,     ///< nothing decided: the call needs approval (no reason on the wire)
};
/// "rule", "mode", "workingDir", "hook"; empty for kDefault (omit the field).
std::string_view ReasonTypeName(ReasonType type);

struct Decision {
  bool allowed = false;
  std::string message;  ///< for the model and permission_denials when not allowed
  Behavior behavior = Behavior::kAsk;
  ReasonType reason_type = ReasonType::kDefault;
  std::string rule;         ///< the deciding rule(s) as written, when reason_type is kRule
  std::string rule_source;  ///< where that rule came from ("cliArg", "projectSettings", …)
};

/// One rule and where it came from.
struct RuleEntry {
  std::string text;  ///< `Tool` or `Tool(specifier)`
  /// Absolute directory that `/path` patterns of Read/Edit rules start from: the directory of
  /// the settings file's project (the one holding `.claude/`), or the cwd for CLI rules.
  std::string settings_dir;
  std::string source = "cliArg";  ///< SDK rule source name, for reports
};

/// Builds entries for rules given on the command line: relative to `cwd`, source "cliArg".
std::vector<RuleEntry> CliRuleEntries(const std::vector<std::string>& texts, std::string_view cwd);

/// Everything the gate decides from.
struct GatePolicy {
  PermissionMode mode = PermissionMode::kDefault;
  std::vector<RuleEntry> allow;
  std::vector<RuleEntry> ask;
  std::vector<RuleEntry> deny;
  /// Absolute working directories: the project directory first, then `--add-dir` and
  /// `permissions.additionalDirectories`. File tools outside them need a rule. Empty: file
  /// tools are not confined (only for callers that predate working directories).
  std::vector<std::string> working_dirs;
  std::string cwd;   ///< absolute; for `path` rules and relative tool paths
  std::string home;  ///< absolute; for `~/` rules
  /// Optional; also applied to the working directories. Called from Check(), so it must be
  /// safe to call from several threads at once.
  RealPathFn real_path;
};

class Gate {
 public:
  /// Print-mode core form: CLI rules relative to the process's current directory, home from
  /// $HOME, no ask rules, no working-directory confinement.
  Gate(PermissionMode mode, std::vector<std::string> allowed, std::vector<std::string> disallowed);
  explicit Gate(GatePolicy policy);

  /// A tool named without specifier in the deny rules is removed from the model's tool list.
  bool IsRemoved(std::string_view tool_name) const;

  /// Decides one call; relative paths in `input` and Bash redirections start at the policy's
  /// cwd. Thread-safe (const, no shared mutable state).
  Decision Check(std::string_view tool_name, ToolKind kind, const base::Json& input) const;
  /// The same with the directory the call really starts from (the Bash session's current
  /// directory, which `cd` may have moved).
  Decision Check(std::string_view tool_name, ToolKind kind, const base::Json& input,
                 std::string_view current_dir) const;

  PermissionMode mode() const { return mode_.load(); }
  /// Changes the mode for later checks (the SDK host's `set_permission_mode`). Thread-safe.
  void SetMode(PermissionMode mode) { mode_.store(mode); }
  const std::vector<std::string>& working_dirs() const { return working_dirs_; }

 private:
  struct CompiledRule {
    Rule rule;
    std::string text;
    std::string source;
    std::optional<BashPattern> bash;
    std::optional<PathPattern> path;
    /// gitignore negation: later `!pattern` rules of the same list and tool that carve paths
    /// back out of this one (the last matching pattern decides).
    std::vector<PathPattern> exceptions;
  };
  /// `r`'s path pattern matches `path` and no later negation takes it back. A negated rule
  /// never matches on its own.
  static bool PathMatches(const CompiledRule& r, std::string_view path, PathPattern::Reach reach);
  enum class RuleKind { kAsk, kDeny };
  struct Call;

  static std::vector<CompiledRule> Compile(const std::vector<RuleEntry>& entries,
                                           const GatePolicy& policy);
  std::optional<Decision> CheckRefusals(const Call& call, RuleKind kind) const;
  const CompiledRule* FindRefusal(const Call& call, const std::vector<CompiledRule>& rules,
                                  std::string* detail) const;
  static bool MayMatch(const CompiledRule& rule, const CallFacts& facts, std::string* detail);
  static bool MatchesWrittenFile(const CompiledRule& rule, const CallFacts& facts,
                                 std::string* detail);
  std::optional<Decision> CheckAllowRules(const Call& call) const;
  std::optional<Decision> CheckBashAllow(const Call& call) const;
  bool MayWrite(const std::optional<std::string>& path) const;
  /// An input redirection's file: inside the working directories or allowed by a Read rule.
  bool MayRead(const std::optional<std::string>& path) const;
  Decision ModeDefault(const Call& call) const;
  bool InsideWorkingDirs(const std::vector<std::string>& paths) const;

  std::atomic<PermissionMode> mode_;
  std::vector<CompiledRule> allow_;
  std::vector<CompiledRule> ask_;
  std::vector<CompiledRule> deny_;
  std::vector<std::string> working_dirs_;
  std::string cwd_;
  std::string home_;
  RealPathFn real_path_;
};

}  // namespace runner::permissions
