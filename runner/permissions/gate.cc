#include "runner/permissions/gate.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

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
    case PermissionMode::kDefault:
      return "default";
    case PermissionMode::kAcceptEdits:
      return "acceptEdits";
    case PermissionMode::kPlan:
      return "plan";
    case PermissionMode::kBypassPermissions:
      return "bypassPermissions";
    case PermissionMode::kDontAsk:
      return "dontAsk";
  }
  return "default";
}

std::string_view ReasonTypeName(ReasonType type) {
  switch (type) {
    case ReasonType::kRule:
      return "rule";
    case ReasonType::kMode:
      return "mode";
    case ReasonType::kWorkingDir:
      return "workingDir";
    case ReasonType::kHook:
      return "hook";
    case ReasonType::kDefault:
      return "";
  }
  return "";
}

std::vector<RuleEntry> CliRuleEntries(const std::vector<std::string>& texts, std::string_view cwd) {
  std::vector<RuleEntry> out;
  for (const std::string& t : texts) out.push_back({t, std::string(cwd), "cliArg"});
  return out;
}

namespace {

GatePolicy ProcessPolicy(PermissionMode mode, const std::vector<std::string>& allowed,
                         const std::vector<std::string>& disallowed) {
  GatePolicy p;
  p.mode = mode;
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  p.cwd = ec ? "/" : cwd.string();
  const char* home = std::getenv("HOME");
  p.home = home ? home : "";
  p.allow = CliRuleEntries(allowed, p.cwd);
  p.deny = CliRuleEntries(disallowed, p.cwd);
  return p;
}

Decision Allow(ReasonType reason, std::string rule = {}, std::string source = {}) {
  return {true, "", Behavior::kAllow, reason, std::move(rule), std::move(source)};
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

struct Gate::Call {
  std::string_view tool;
  ToolKind kind;
  CallFacts facts;
};

Gate::Gate(PermissionMode mode, std::vector<std::string> allowed,
           std::vector<std::string> disallowed)
    : Gate(ProcessPolicy(mode, allowed, disallowed)) {}

Gate::Gate(GatePolicy policy)
    : mode_(policy.mode),
      allow_(Compile(policy.allow, policy)),
      ask_(Compile(policy.ask, policy)),
      deny_(Compile(policy.deny, policy)),
      cwd_(AbsolutePath(policy.cwd, "/")),
      home_(policy.home),
      real_path_(std::move(policy.real_path)) {
  for (const std::string& dir : policy.working_dirs) {
    std::string normal = AbsolutePath(dir, cwd_);
    working_dirs_.push_back(normal);
    if (real_path_) {
      std::string real = real_path_(normal);
      if (!real.empty() && real != normal) working_dirs_.push_back(AbsolutePath(real, "/"));
    }
  }
}

std::vector<Gate::CompiledRule> Gate::Compile(const std::vector<RuleEntry>& entries,
                                              const GatePolicy& policy) {
  std::vector<CompiledRule> out;
  for (const RuleEntry& e : entries) {
    CompiledRule r{ParseRule(e.text), "", e.source, std::nullopt, std::nullopt};
    r.text = RuleText(r.rule);
    if (r.rule.has_specifier) {
      ToolFamily family = FamilyOf(r.rule.tool);
      if (family == ToolFamily::kBash) r.bash.emplace(r.rule.specifier);
      if (family == ToolFamily::kRead || family == ToolFamily::kEdit) {
        r.path.emplace(r.rule.specifier, PathRoots{e.settings_dir, policy.cwd, policy.home});
      }
    }
    out.push_back(std::move(r));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].path || out[i].path->negated()) continue;
    for (size_t j = i + 1; j < out.size(); ++j) {
      if (out[j].path && out[j].path->negated() &&
          RuleCoversTool(out[j].rule.tool, out[i].rule.tool)) {
        out[i].exceptions.push_back(*out[j].path);
      }
    }
  }
  return out;
}

bool Gate::PathMatches(const CompiledRule& r, std::string_view path, PathPattern::Reach reach) {
  if (!r.path || r.path->negated() || !r.path->Matches(path, reach)) return false;
  return std::none_of(r.exceptions.begin(), r.exceptions.end(),
                      [&](const PathPattern& e) { return e.Matches(path, reach); });
}

bool Gate::IsRemoved(std::string_view tool_name) const {
  for (const CompiledRule& r : deny_) {
    if (r.rule.has_specifier) continue;
    if (r.rule.tool == tool_name) return true;
    if (r.rule.tool.starts_with("mcp__") && RuleCoversTool(r.rule.tool, tool_name)) return true;
  }
  return false;
}

Decision Gate::Check(std::string_view tool_name, ToolKind kind, const base::Json& input) const {
  return Check(tool_name, kind, input, cwd_);
}

Decision Gate::Check(std::string_view tool_name, ToolKind kind, const base::Json& input,
                     std::string_view current_dir) const {
  std::string cwd = AbsolutePath(current_dir, cwd_);
  CallContext ctx{cwd, home_, &real_path_};
  Call call{tool_name, kind, DescribeCall(tool_name, input, ctx)};
  if (auto d = CheckRefusals(call, RuleKind::kDeny)) return *d;
  if (auto d = CheckRefusals(call, RuleKind::kAsk)) return *d;
  if (mode_ == PermissionMode::kBypassPermissions) return Allow(ReasonType::kMode);
  if (mode_ == PermissionMode::kPlan && kind != ToolKind::kReadOnly) {
    // Plan mode analyses without changing anything, whatever the allow rules say.
    return {false,
            "Plan mode is active: " + std::string(tool_name) +
                " would change files or run commands, so it was not run.",
            Behavior::kDeny, ReasonType::kMode};
  }
  if (auto d = CheckAllowRules(call)) return *d;
  return ModeDefault(call);
}

std::optional<Decision> Gate::CheckRefusals(const Call& call, RuleKind kind) const {
  std::string detail;
  const CompiledRule* r = FindRefusal(call, kind == RuleKind::kDeny ? deny_ : ask_, &detail);
  if (!r) return std::nullopt;
  std::string tool(call.tool);
  if (kind == RuleKind::kDeny) {
    return Decision{false,
                    "Permission to use " + tool + " has been denied by the rule " +
                        Quoted(r->text) + detail + ".",
                    Behavior::kDeny,
                    ReasonType::kRule,
                    r->text,
                    r->source};
  }
  return Decision{false,
                  "Claude requested permissions to use " + tool + ", but the rule " +
                      Quoted(r->text) + " requires approval" + detail +
                      ", and nobody can approve it in a non-interactive run.",
                  // dontAsk turns what would be asked into a denial.
                  mode_ == PermissionMode::kDontAsk ? Behavior::kDeny : Behavior::kAsk,
                  ReasonType::kRule, r->text, r->source};
}

const Gate::CompiledRule* Gate::FindRefusal(const Call& call,
                                            const std::vector<CompiledRule>& rules,
                                            std::string* detail) const {
  for (const CompiledRule& r : rules) {
    bool covers = RuleCoversTool(r.rule.tool, call.tool);
    if (covers ? MayMatch(r, call.facts, detail) : MatchesWrittenFile(r, call.facts, detail)) {
      return &r;
    }
  }
  return nullptr;
}

// Deny and ask rules match when the call might be what they describe.
bool Gate::MayMatch(const CompiledRule& r, const CallFacts& f, std::string* detail) {
  if (!r.rule.has_specifier) return true;
  switch (f.family) {
    case ToolFamily::kBash:
      if (!f.shell.problem.empty()) {
        *detail = " (the command could not be analysed safely: " + f.shell.problem + ")";
        return true;
      }
      return std::any_of(f.shell.commands.begin(), f.shell.commands.end(),
                         [&](const SimpleCommand& c) { return r.bash->MayMatchCommand(c); });
    case ToolFamily::kRead:
    case ToolFamily::kEdit:
      return std::any_of(f.paths.begin(), f.paths.end(), [&](const std::string& p) {
        return PathMatches(r, p, PathPattern::Reach::kAnywhere);
      });
    case ToolFamily::kWebFetch:
      // An unknown specifier or a URL without a clear host cannot be ruled out.
      return !r.rule.specifier.starts_with("domain:") || !f.host ||
             DomainSpecifierMatches(r.rule.specifier, *f.host);
    case ToolFamily::kOther:
      return true;  // a specifier this gate does not understand: the safe side is the tool
  }
  return true;
}

// Bash redirections write files: Edit deny and ask rules see them too.
bool Gate::MatchesWrittenFile(const CompiledRule& r, const CallFacts& f, std::string* detail) {
  if (f.family != ToolFamily::kBash || !r.path || !RuleCoversTool(r.rule.tool, "Write")) {
    return false;
  }
  for (const std::optional<std::string>& w : f.writes) {
    if (!w) {
      *detail = " (the command writes a file whose name is only known when it runs)";
      return true;
    }
    if (PathMatches(r, *w, PathPattern::Reach::kAnywhere)) {
      *detail = " (the command writes " + *w + ")";
      return true;
    }
  }
  return false;
}

std::optional<Decision> Gate::CheckAllowRules(const Call& call) const {
  const CallFacts& f = call.facts;
  if (f.family == ToolFamily::kBash) return CheckBashAllow(call);
  for (const CompiledRule& r : allow_) {
    if (!RuleCoversTool(r.rule.tool, call.tool)) continue;
    bool match = !r.rule.has_specifier;
    if (!match && r.path) {
      match = !f.paths.empty() && std::all_of(f.paths.begin(), f.paths.end(), [&](auto& p) {
        return PathMatches(r, p, PathPattern::Reach::kBelowRoot);
      });
    }
    if (!match && f.family == ToolFamily::kWebFetch && f.host) {
      match = DomainSpecifierMatches(r.rule.specifier, *f.host);
    }
    if (match) return Allow(ReasonType::kRule, r.text, r.source);
  }
  return std::nullopt;
}

// Every simple command must match an allow rule and every written file must be editable.
std::optional<Decision> Gate::CheckBashAllow(const Call& call) const {
  for (const CompiledRule& r : allow_) {
    if (!r.rule.has_specifier && RuleCoversTool(r.rule.tool, call.tool)) {
      return Allow(ReasonType::kRule, r.text, r.source);
    }
  }
  const CallFacts& f = call.facts;
  if (!f.shell.problem.empty()) return std::nullopt;
  std::vector<const CompiledRule*> used;
  for (const SimpleCommand& c : f.shell.commands) {
    if (c.words.empty()) continue;  // assignments or redirections only: nothing runs
    auto it = std::find_if(allow_.begin(), allow_.end(), [&](const CompiledRule& r) {
      return r.bash && r.bash->AllowsCommand(c);
    });
    if (it == allow_.end()) return std::nullopt;
    if (std::find(used.begin(), used.end(), &*it) == used.end()) used.push_back(&*it);
  }
  if (used.empty()) return std::nullopt;
  for (const std::optional<std::string>& w : f.writes) {
    if (!MayWrite(w)) return std::nullopt;
  }
  for (const std::optional<std::string>& r : f.reads) {
    if (!MayRead(r)) return std::nullopt;
  }
  std::string rules;
  for (const CompiledRule* r : used) rules += (rules.empty() ? "" : ", ") + r->text;
  return Allow(ReasonType::kRule, rules, used.front()->source);
}

bool Gate::MayWrite(const std::optional<std::string>& path) const {
  if (!path) return false;
  for (const CompiledRule& r : allow_) {
    if (!RuleCoversTool(r.rule.tool, "Write")) continue;
    if (!r.rule.has_specifier) return true;
    if (PathMatches(r, *path, PathPattern::Reach::kBelowRoot)) return true;
  }
  return mode_ == PermissionMode::kAcceptEdits && InsideWorkingDirs({*path});
}

bool Gate::MayRead(const std::optional<std::string>& path) const {
  if (!path) return false;
  if (InsideWorkingDirs({*path})) return true;
  for (const CompiledRule& r : allow_) {
    if (!RuleCoversTool(r.rule.tool, "Read")) continue;
    if (!r.rule.has_specifier) return true;
    if (PathMatches(r, *path, PathPattern::Reach::kBelowRoot)) return true;
  }
  return false;
}

Decision Gate::ModeDefault(const Call& call) const {
  const CallFacts& f = call.facts;
  bool file_tool = f.family == ToolFamily::kRead || f.family == ToolFamily::kEdit;
  bool inside = !file_tool || InsideWorkingDirs(f.paths);
  // MCP tools need a rule even when they call themselves read-only, as in Claude Code.
  bool read_only = call.kind == ToolKind::kReadOnly && !call.tool.starts_with("mcp__");
  bool accepted_edit = call.kind == ToolKind::kEdit && mode_ == PermissionMode::kAcceptEdits;
  if ((read_only || accepted_edit) && inside) return Allow(ReasonType::kMode);
  Decision d;
  d.behavior = mode_ == PermissionMode::kDontAsk ? Behavior::kDeny : Behavior::kAsk;
  d.reason_type = (read_only || accepted_edit) ? ReasonType::kWorkingDir : ReasonType::kDefault;
  std::string what = "use " + std::string(call.tool);
  if (file_tool && !f.shown_path.empty()) {
    bool writes = f.family == ToolFamily::kEdit || call.kind == ToolKind::kEdit;
    what = (writes ? "write to " : "read from ") + f.shown_path;
  }
  d.message = "Claude requested permissions to " + what + ", but you haven't granted it yet.";
  return d;
}

bool Gate::InsideWorkingDirs(const std::vector<std::string>& paths) const {
  if (working_dirs_.empty()) return true;
  return std::all_of(paths.begin(), paths.end(), [&](const std::string& p) {
    return std::any_of(working_dirs_.begin(), working_dirs_.end(),
                       [&](const std::string& d) { return IsWithin(p, d); });
  });
}

}  // namespace runner::permissions
