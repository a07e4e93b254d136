#include "runner/settings/settings_keys.h"

#include <algorithm>

namespace runner::settings {
namespace {

using VT = ValueType;

/// A headless key, settable anywhere, merged by its JSON type.
constexpr KeySpec Key(std::string_view path, ValueType type, std::string_view choices = {}) {
  return {path, type, MergeRule::kByType, KeyScope::kAny, Relevance::kHeadless, choices};
}
/// A headless key honored only in managed settings.
constexpr KeySpec Managed(std::string_view path, ValueType type, std::string_view choices = {}) {
  return {path, type, MergeRule::kByType, KeyScope::kManagedOnly, Relevance::kHeadless, choices};
}
/// A headless key whose highest setting layer supplies the whole value.
constexpr KeySpec Replaced(std::string_view path, ValueType type) {
  return {path, type, MergeRule::kReplace, KeyScope::kAny, Relevance::kHeadless, {}};
}
/// A headless boolean that is true when any layer sets it true.
constexpr KeySpec AnyTrue(std::string_view path) {
  return {path, VT::kBool, MergeRule::kAnyTrue, KeyScope::kAny, Relevance::kHeadless, {}};
}
/// A key Claude Code knows that a headless run does not use.
constexpr KeySpec Ignored(std::string_view path) {
  return {path, VT::kAny, MergeRule::kByType, KeyScope::kAny, Relevance::kIgnored, {}};
}
/// An ignored key that Claude Code honors only in managed settings.
constexpr KeySpec IgnoredManaged(std::string_view path) {
  return {path, VT::kAny, MergeRule::kByType, KeyScope::kManagedOnly, Relevance::kIgnored, {}};
}

// Keys and types follow Claude Code's settings reference (code.claude.com/docs/en/settings and
// its JSON schema, mid 2026). Keep rows grouped as in docs/settings.md.
constexpr KeySpec kKeys[] = {
    // Model and prompt.
    Key("model", VT::kString),
    Replaced("fallbackModel", VT::kAny),  // an ordered chain; a string or an array of strings
    Key("availableModels", VT::kStringArray), Key("enforceAvailableModels", VT::kBool),
    Key("modelOverrides", VT::kStringMap), Key("effortLevel", VT::kString, "low|medium|high|xhigh"),
    Key("alwaysThinkingEnabled", VT::kBool), Key("autoCompactEnabled", VT::kBool),
    Key("language", VT::kString), Key("outputStyle", VT::kString), Key("agent", VT::kString),
    Key("includeGitInstructions", VT::kBool), Key("claudeMdExcludes", VT::kStringArray),
    Managed("claudeMd", VT::kString), Key("autoMemoryEnabled", VT::kBool),
    Key("autoMemoryDirectory", VT::kString), Key("disableSkillShellExecution", VT::kBool),
    // Permissions.
    Key("permissions", VT::kObject), Key("permissions.allow", VT::kStringArray),
    Key("permissions.deny", VT::kStringArray), Key("permissions.ask", VT::kStringArray),
    Key("permissions.additionalDirectories", VT::kStringArray),
    Key("permissions.defaultMode", VT::kString,
        "default|acceptEdits|plan|bypassPermissions|dontAsk|auto"),
    Key("permissions.disableBypassPermissionsMode", VT::kString, "disable"),
    Key("permissions.disableAutoMode", VT::kString, "disable"),
    Key("disableAutoMode", VT::kString, "disable"),
    Managed("allowManagedPermissionRulesOnly", VT::kBool),
    // Environment, auth and credential helpers.
    Key("env", VT::kStringMap), Key("apiKeyHelper", VT::kString),
    Key("awsAuthRefresh", VT::kString), Key("awsCredentialExport", VT::kString),
    Key("gcpAuthRefresh", VT::kString), Key("otelHeadersHelper", VT::kString),
    Key("forceLoginMethod", VT::kString, "claudeai|console"), Key("forceLoginOrgUUID", VT::kString),
    // Hooks.
    Key("hooks", VT::kOpenObject), Key("disableAllHooks", VT::kBool),
    Managed("allowManagedHooksOnly", VT::kBool), Key("allowedHttpHookUrls", VT::kStringArray),
    Key("httpHookAllowedEnvVars", VT::kStringArray),
    // MCP servers.
    Key("enableAllProjectMcpServers", VT::kBool), Key("enabledMcpjsonServers", VT::kStringArray),
    Key("disabledMcpjsonServers", VT::kStringArray), Key("allowedMcpServers", VT::kArray),
    Key("deniedMcpServers", VT::kArray), Managed("allowManagedMcpServersOnly", VT::kBool),
    Key("strictMcpConfig", VT::kBool), AnyTrue("disableClaudeAiConnectors"),
    // Git attribution and housekeeping.
    Key("attribution", VT::kObject), Key("attribution.commit", VT::kString),
    Key("attribution.pr", VT::kString), Key("attribution.sessionUrl", VT::kBool),
    Key("includeCoAuthoredBy", VT::kBool), Key("cleanupPeriodDays", VT::kPositiveInt),
    // Sandbox.
    Key("sandbox", VT::kObject), Key("sandbox.enabled", VT::kBool),
    Key("sandbox.failIfUnavailable", VT::kBool), Key("sandbox.autoAllowBashIfSandboxed", VT::kBool),
    Key("sandbox.allowUnsandboxedCommands", VT::kBool),
    Key("sandbox.excludedCommands", VT::kStringArray),
    Key("sandbox.ignoreViolations", VT::kOpenObject),
    Key("sandbox.enableWeakerNestedSandbox", VT::kBool), Managed("sandbox.bwrapPath", VT::kString),
    Managed("sandbox.socatPath", VT::kString),
    Managed("sandbox.enabledPlatforms", VT::kStringArray), Key("sandbox.ripgrep", VT::kOpenObject),
    Key("sandbox.credentials", VT::kObject), Key("sandbox.credentials.files", VT::kArray),
    Key("sandbox.credentials.envVars", VT::kArray), Key("sandbox.network", VT::kObject),
    Key("sandbox.network.allowedDomains", VT::kStringArray),
    Key("sandbox.network.deniedDomains", VT::kStringArray),
    Key("sandbox.network.allowUnixSockets", VT::kStringArray),
    Key("sandbox.network.allowAllUnixSockets", VT::kBool),
    Key("sandbox.network.allowLocalBinding", VT::kBool),
    Key("sandbox.network.httpProxyPort", VT::kPositiveInt),
    Key("sandbox.network.socksProxyPort", VT::kPositiveInt),
    Managed("sandbox.network.allowManagedDomainsOnly", VT::kBool),
    Ignored("sandbox.network.allowMachLookup"), Key("sandbox.filesystem", VT::kObject),
    Key("sandbox.filesystem.allowWrite", VT::kStringArray),
    Key("sandbox.filesystem.denyWrite", VT::kStringArray),
    Key("sandbox.filesystem.denyRead", VT::kStringArray),
    Key("sandbox.filesystem.allowRead", VT::kStringArray),
    Managed("sandbox.filesystem.allowManagedReadPathsOnly", VT::kBool),
    Ignored("sandbox.enableWeakerNetworkIsolation"), Ignored("sandbox.allowAppleEvents"),
    Key("skipWebFetchPreflight", VT::kBool),
    // Known to Claude Code, not used headless: the TUI, desktop, plugins, claude.ai features.
    // Packed several to a line: one row per key would add eighty lines of nothing.
    // clang-format off
    Ignored("$schema"), Ignored("advisorModel"), Ignored("agentPushNotifEnabled"),
    Ignored("autoMode"), Ignored("autoScrollEnabled"), Ignored("autoUpdates"),
    Ignored("autoUpdatesChannel"), Ignored("awaySummaryEnabled"), Ignored("axScreenReader"),
    Ignored("companyAnnouncements"), Ignored("defaultShell"), Ignored("disableAgentView"),
    Ignored("disableArtifact"), Ignored("disableBundledSkills"),
    Ignored("disableDeepLinkRegistration"), Ignored("disableRemoteControl"),
    Ignored("disableWorkflows"), Ignored("editorMode"),
    Ignored("enabledPlugins"), Ignored("extraKnownMarketplaces"), Ignored("fastMode"),
    Ignored("fastModePerSessionOptIn"), Ignored("feedbackSurveyRate"),
    Ignored("fileCheckpointingEnabled"), Ignored("fileSuggestion"), Ignored("footerLinksRegexes"),
    Ignored("inputNeededNotifEnabled"), Ignored("leftArrowOpensAgents"),
    Ignored("managedMcpServers"), Ignored("minimumVersion"), Ignored("plansDirectory"),
    Ignored("pluginConfigs"), Ignored("preferredNotifChannel"), Ignored("prefersReducedMotion"),
    Ignored("prUrlTemplate"), Ignored("remoteControlAtStartup"), Ignored("respectGitignore"),
    Ignored("respondToBashCommands"), Ignored("showClearContextOnPlanAccept"),
    Ignored("showThinkingSummaries"), Ignored("showTurnDuration"),
    Ignored("skillListingBudgetFraction"), Ignored("skillListingMaxDescChars"),
    Ignored("skillOverrides"), Ignored("skipDangerousModePermissionPrompt"),
    Ignored("skippedMarketplaces"), Ignored("skippedPlugins"), Ignored("spinnerTipsEnabled"),
    Ignored("spinnerTipsOverride"), Ignored("spinnerVerbs"), Ignored("sshConfigs"),
    Ignored("statusLine"), Ignored("strictPluginOnlyCustomization"),
    Ignored("subagentStatusLine"), Ignored("syntaxHighlightingDisabled"),
    Ignored("teammateMode"), Ignored("terminalProgressBarEnabled"), Ignored("theme"),
    Ignored("tui"), Ignored("useAutoModeDuringPlan"), Ignored("verbose"), Ignored("viewMode"),
    Ignored("voice"), Ignored("voiceEnabled"), Ignored("wheelScrollAccelerationEnabled"),
    Ignored("workflowKeywordTriggerEnabled"), Ignored("worktree"),
    IgnoredManaged("allowAllClaudeAiMcps"), IgnoredManaged("allowedChannelPlugins"),
    IgnoredManaged("blockedMarketplaces"), IgnoredManaged("channelsEnabled"),
    IgnoredManaged("forceRemoteSettingsRefresh"), IgnoredManaged("managedSourcesBehavior"),
    IgnoredManaged("parentSettingsBehavior"), IgnoredManaged("pluginSuggestionMarketplaces"),
    IgnoredManaged("pluginTrustMessage"), IgnoredManaged("policyHelper"),
    IgnoredManaged("requiredMaximumVersion"), IgnoredManaged("requiredMinimumVersion"),
    IgnoredManaged("sshHostAllowlist"), IgnoredManaged("strictKnownMarketplaces"),
    IgnoredManaged("wslInheritsWindowsSettings"),
    // clang-format on
};

bool InChoices(std::string_view choices, std::string_view value) {
  while (!choices.empty()) {
    size_t bar = choices.find('|');
    if (choices.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) break;
    choices.remove_prefix(bar + 1);
  }
  return false;
}

bool IsScalarString(const base::Json& v) { return v.is_string() || v.is_number() || v.is_bool(); }

}  // namespace

std::span<const KeySpec> AllSettingKeys() { return kKeys; }

const KeySpec* FindSettingKey(std::string_view path) {
  for (const KeySpec& spec : kKeys) {
    if (spec.path == path) return &spec;
  }
  return nullptr;
}

MergeRule MergeRuleFor(std::string_view path) {
  const KeySpec* spec = FindSettingKey(path);
  return spec ? spec->merge : MergeRule::kByType;
}

std::string DescribeType(const KeySpec& spec) {
  switch (spec.type) {
    case VT::kAny:
      return "any value";
    case VT::kBool:
      return "a boolean";
    case VT::kString: {
      if (spec.choices.empty()) return "a string";
      std::string out = "one of: ";
      for (char c : spec.choices) out += c == '|' ? std::string(", ") : std::string(1, c);
      return out;
    }
    case VT::kPositiveInt:
      return "a positive integer";
    case VT::kNumber:
      return "a number";
    case VT::kStringArray:
      return "an array of strings";
    case VT::kArray:
      return "an array";
    case VT::kStringMap:
      return "an object of strings";
    case VT::kObject:
    case VT::kOpenObject:
      return "an object";
  }
  return "a valid value";
}

bool MatchesType(const KeySpec& spec, const base::Json& value) {
  switch (spec.type) {
    case VT::kAny:
      return true;
    case VT::kBool:
      return value.is_bool();
    case VT::kString:
      return value.is_string() &&
             (spec.choices.empty() || InChoices(spec.choices, value.AsString()));
    case VT::kPositiveInt:
      return value.is_int() && value.AsInt() >= 1;
    case VT::kNumber:
      return value.is_number();
    case VT::kStringArray:
      return value.is_array() && std::ranges::all_of(value.items(), &base::Json::is_string);
    case VT::kArray:
      return value.is_array();
    case VT::kStringMap:
      return value.is_object() && std::ranges::all_of(value.members(), [](const auto& m) {
               return IsScalarString(m.second);
             });
    case VT::kObject:
    case VT::kOpenObject:
      return value.is_object();
  }
  return false;
}

std::string ChildPath(std::string_view parent, std::string_view member) {
  if (parent.empty()) return std::string(member);
  std::string out(parent);
  out += '.';
  out += member;
  return out;
}

}  // namespace runner::settings
