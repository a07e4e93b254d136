#include "runner/cli/run.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "runner/agent/agent.h"
#include "runner/agent/embedding.h"
#include "runner/agent/serialized_sink.h"
#include "runner/base/env.h"
#include "runner/base/files.h"
#include "runner/base/http.h"
#include "runner/base/log.h"
#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "runner/base/uuid.h"
#include "runner/base/version.h"
#include "runner/cli/embedded_parts.h"
#include "runner/cli/environment.h"
#include "runner/cli/exit_codes.h"
#include "runner/cli/flags.h"
#include "runner/cli/mcp_serve.h"
#include "runner/cli/mcp_setup.h"
#include "runner/cli/prompt_context.h"
#include "runner/cli/provider_factory.h"
#include "runner/cli/session_setup.h"
#include "runner/cli/signals.h"
#include "runner/cli/stdin_input.h"
#include "runner/cli/stream_session.h"
#include "runner/control/control_channel.h"
#include "runner/control/control_messages.h"
#include "runner/exec/process.h"
#include "runner/hooks/hook_config.h"
#include "runner/hooks/hook_runner.h"
#include "runner/output/sinks.h"
#include "runner/permissions/gate.h"
#include "runner/protocol/stream_input.h"
#include "runner/session/transcript.h"
#include "runner/settings/models.h"
#include "runner/settings/settings.h"
#include "runner/settings/settings_layers.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/registry.h"

namespace runner::cli {
namespace {

using base::Json;

constexpr int64_t kStdinFirstByteWaitMs = 3000;  // with a prompt argument
constexpr int64_t kStdinIdleMs = 3000;
constexpr size_t kStdinMaxBytes = 64 * 1024 * 1024;

int UsageError(const std::string& message) {
  std::fprintf(stderr, "Error: %s\nRun 'claude-runner --help' for usage.\n", message.c_str());
  return static_cast<int>(ExitCode::kUsage);
}

ExitCode ExitCodeFor(agent::Outcome outcome) {
  switch (outcome) {
    case agent::Outcome::kSuccess: return ExitCode::kSuccess;
    case agent::Outcome::kMaxTurns: return ExitCode::kMaxTurns;
    case agent::Outcome::kBudget: return ExitCode::kBudget;
    case agent::Outcome::kStructuredOutputFailed: return ExitCode::kStructuredOutput;
    case agent::Outcome::kTimeout: return ExitCode::kTimeout;
    case agent::Outcome::kInterrupted: return ExitCode::kInterrupted;
    case agent::Outcome::kTerminated: return ExitCode::kTerminated;
    case agent::Outcome::kAuthError: return ExitCode::kAuth;
    case agent::Outcome::kApiError: return ExitCode::kApi;
    case agent::Outcome::kHookStopped: return ExitCode::kHookStopped;
    case agent::Outcome::kSetupFailed: return ExitCode::kCommand;
  }
  return ExitCode::kError;
}

ExitCode ExitCodeForCancel(base::CancelReason reason) {
  switch (reason) {
    case base::CancelReason::kDeadline: return ExitCode::kTimeout;
    case base::CancelReason::kTerminate: return ExitCode::kTerminated;
    case base::CancelReason::kInterrupt: return ExitCode::kInterrupted;
    case base::CancelReason::kTurnInterrupt:
    case base::CancelReason::kNone: return ExitCode::kError;
  }
  return ExitCode::kError;
}

base::Result<std::optional<std::string>> TextOrFile(const std::optional<std::string>& text,
                                                    const std::optional<std::string>& file,
                                                    std::string_view flag) {
  if (text && file) {
    return base::Fail(base::ErrorKind::kUsage,
                      std::string(flag) + " and " + std::string(flag) + "-file cannot be combined");
  }
  if (text) return text;
  if (!file) return std::optional<std::string>();
  auto content = base::ReadFile(*file);
  if (!content) return base::Fail(base::ErrorKind::kUsage, std::string(flag) + "-file: " + content.error().message);
  return std::optional<std::string>(*content);
}

base::Result<agent::AgentOptions> BuildAgentOptions(const Flags& flags, const base::Env& env,
                                                    const std::string& session_id,
                                                    permissions::PermissionMode mode,
                                                    const settings::Settings& config) {
  agent::AgentOptions o;
  // --model, then ANTHROPIC_MODEL, then the settings' model, then the default.
  std::string requested = flags.model;
  if (requested.empty() && !env.Get("ANTHROPIC_MODEL") && config.model) requested = *config.model;
  o.model = settings::ResolveModel(requested, env);
  if (!flags.fallback_model.empty()) {
    o.fallback_model = settings::ResolveModel(flags.fallback_model, env);
    if (o.fallback_model == o.model) {
      return base::Fail(base::ErrorKind::kUsage,
                        "Fallback model cannot be the same as the main model");
    }
  }
  o.session_id = session_id;
  o.system_prompt = TRY(TextOrFile(flags.system_prompt, flags.system_prompt_file, "--system-prompt"));
  auto append = TRY(TextOrFile(flags.append_system_prompt, flags.append_system_prompt_file,
                               "--append-system-prompt"));
  if (append) o.append_system_prompt = *append;
  if (flags.max_turns) {
    o.max_turns = *flags.max_turns;
  } else if (auto env_turns = env.Get("CLAUDE_CODE_MAX_TURNS")) {
    auto n = base::ParseInt(*env_turns);
    if (!n || *n <= 0) {
      return base::Fail(base::ErrorKind::kUsage,
                        "CLAUDE_CODE_MAX_TURNS must be a positive integer, got '" + *env_turns + "'");
    }
    o.max_turns = static_cast<int>(*n);
  }
  if (flags.max_budget_usd) o.max_budget_usd = *flags.max_budget_usd;
  if (flags.json_schema) {
    auto schema = Json::Parse(*flags.json_schema);
    if (!schema || !schema->is_object()) {
      return base::Fail(base::ErrorKind::kUsage, "--json-schema is not a JSON object" +
                                                     (schema ? std::string() : ": " + schema.error().message));
    }
    o.json_schema = *schema;
  }
  if (auto c = env.GetInt("CLAUDE_CODE_MAX_TOOL_USE_CONCURRENCY"); c && *c > 0) {
    o.max_tool_concurrency = static_cast<int>(*c);
  }
  o.betas = permissions::SplitToolList(flags.betas);
  o.permission_mode = std::string(permissions::PermissionModeName(mode));
  o.env = env;
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  o.agent_dirs = {cwd / ".claude" / "agents", session::ConfigDir(env) / "agents"};
  if (flags.agents_json) {
    auto agents = Json::Parse(*flags.agents_json);
    if (!agents) return base::Fail(base::ErrorKind::kUsage, "--agents: " + agents.error().message);
    auto defs = agent::ParseAgentDefinitionsJson(*agents);
    if (!defs) return base::Fail(base::ErrorKind::kUsage, "--agents: " + defs.error().message);
    o.extra_agents = std::move(*defs);
  }
  return o;
}

base::Result<permissions::PermissionMode> ResolveMode(const Flags& flags,
                                                     const settings::Settings& config) {
  permissions::PermissionMode mode = permissions::PermissionMode::kDefault;
  if (flags.dangerously_skip_permissions) {
    mode = permissions::PermissionMode::kBypassPermissions;
  } else if (!flags.permission_mode.empty()) {
    mode = TRY(permissions::ParsePermissionMode(flags.permission_mode));
  } else if (config.permissions.default_mode) {
    mode = TRY(permissions::ParsePermissionMode(*config.permissions.default_mode));
  }
  if (mode == permissions::PermissionMode::kBypassPermissions &&
      config.permissions.disable_bypass_permissions_mode) {
    return base::Fail(base::ErrorKind::kUsage,
                      "bypassPermissions mode is disabled by settings "
                      "(permissions.disableBypassPermissionsMode)");
  }
  return mode;
}

/// The tools offered to the model: --tools selects, plain --disallowedTools names remove.
base::Result<std::vector<tools::Tool*>> SelectTools(
    const std::vector<std::unique_ptr<tools::Tool>>& all, const Flags& flags,
    const permissions::Gate& gate) {
  std::vector<std::string> wanted;
  bool select = false;
  if (flags.tools) {
    wanted = permissions::SplitToolList(*flags.tools);  // `--tools ""` gives none
    select = !(wanted.size() == 1 && wanted[0] == "default");
  }
  for (const std::string& w : wanted) {
    // MCP tools and the MCP resource tools are chosen by SelectMcpTools.
    bool known = w == "default" || w == "Task" || w.starts_with("mcp__") ||
                 w == "ListMcpResourcesTool" || w == "ReadMcpResourceTool";
    for (const auto& t : all) known = known || t->name() == w;
    if (select && !known) return base::Fail(base::ErrorKind::kUsage, "--tools: unknown tool '" + w + "'");
  }
  std::vector<tools::Tool*> out;
  for (const auto& t : all) {
    bool chosen = !select || std::find(wanted.begin(), wanted.end(), t->name()) != wanted.end();
    if (chosen && !gate.IsRemoved(t->name())) out.push_back(t.get());
  }
  return out;
}

/// Whether `--tools` (when given) selects `name`.
bool OffersTool(const Flags& flags, std::string_view name) {
  if (!flags.tools) return true;
  std::vector<std::string> wanted = permissions::SplitToolList(*flags.tools);
  if (wanted.size() == 1 && wanted[0] == "default") return true;
  return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
}

/// Writes a resumed history into a new (forked) transcript so it can be resumed in turn.
void CopyHistory(const std::vector<protocol::Message>& history, protocol::EventSink& transcript) {
  for (const protocol::Message& m : history) {
    if (m.role == "assistant") {
      protocol::AssistantEvent ev;
      ev.message = base::JsonObject({{"id", "msg_resumed_" + base::NewUuid()},
                                     {"type", "message"},
                                     {"role", "assistant"},
                                     {"content", m.content}});
      transcript.Emit(ev);
    } else {
      protocol::UserEvent ev;
      ev.message = m.ToJson();
      transcript.Emit(ev);
    }
  }
}

struct Prompt {
  Json content;
};

base::Result<Prompt> ReadTextPrompt(const Flags& flags, base::CancelToken& cancel) {
  int64_t first_wait = flags.prompt ? kStdinFirstByteWaitMs : -1;
  std::optional<std::string> piped = ReadPipedStdin(0, first_wait, kStdinIdleMs, kStdinMaxBytes, cancel);
  std::string text = flags.prompt ? *flags.prompt : std::string();
  if (piped) text = text.empty() ? *piped : text + "\n\n" + *piped;
  if (base::Trim(text).empty()) {
    return base::Fail(base::ErrorKind::kUsage,
                      "Input must be provided either through stdin or as a prompt argument when "
                      "using --print");
  }
  return Prompt{Json(base::SanitizeUtf8(text))};
}

/// The hooks of the merged settings, or null when there are none (or all are disabled).
std::unique_ptr<hooks::HookRunner> MakeHookRunner(const settings::Settings& config,
                                                  exec::ProcessRunner& processes,
                                                  const base::Env& env,
                                                  const std::filesystem::path& cwd,
                                                  const std::string& session_id,
                                                  const std::filesystem::path& transcript,
                                                  std::string_view mode,
                                                  protocol::EventSink& sink,
                                                  const hooks::HookConfig& callback_hooks) {
  hooks::HookConfigParse parsed;
  if (!config.disable_all_hooks && config.hooks.is_object() && !config.hooks.empty()) {
    parsed = hooks::ParseHookConfig(config.hooks);
    for (const std::string& e : parsed.errors) base::log::Warn("hooks: {}", e);
    for (const std::string& e : parsed.unsupported_events) {
      base::log::Warn("hooks: event {} is not fired by claude-runner; its hooks never run", e);
    }
  }
  // The SDK host's callbacks run after the settings' hooks (disableAllHooks is about those).
  parsed.config = parsed.config.Merged(callback_hooks);
  if (parsed.config.empty()) return nullptr;
  hooks::HookEnv henv;
  henv.project_dir = cwd;
  henv.env = {env.vars().begin(), env.vars().end()};
  henv.session_id = session_id;
  henv.transcript_path = transcript.string();
  henv.cwd = cwd.string();
  henv.permission_mode = std::string(mode);
  auto reporter = [&sink](const hooks::HookReport& r) {
    protocol::HookEvent ev;
    ev.started = r.kind == hooks::HookReport::Kind::kStarted;
    ev.hook_id = r.hook_id;
    ev.hook_name = r.hook_name;
    ev.hook_event = r.hook_event;
    ev.output = r.output;
    ev.stdout_data = r.stdout_data;
    ev.stderr_data = r.stderr_data;
    ev.exit_code = r.exit_code;
    ev.outcome = r.outcome;
    sink.Emit(ev);
  };
  return std::make_unique<hooks::HookRunner>(std::move(parsed.config), processes, std::move(henv),
                                             reporter);
}

/// --add-dir values and the settings' additionalDirectories, as absolute existing directories.
base::Result<std::vector<std::filesystem::path>> ResolveAddDirs(const Flags& flags,
                                                                const settings::Settings& config,
                                                                const std::filesystem::path& cwd) {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  for (const std::string& d : config.permissions.additional_directories) {
    std::filesystem::path p = std::filesystem::path(d).is_absolute() ? std::filesystem::path(d) : cwd / d;
    if (std::filesystem::is_directory(p, ec)) dirs.push_back(p.lexically_normal());
    else base::log::Warn("additionalDirectories: not a directory, ignored: {}", d);
  }
  for (const std::string& d : flags.add_dirs) {
    std::filesystem::path p = std::filesystem::absolute(d, ec);
    if (!std::filesystem::is_directory(p, ec)) {
      return base::Fail(base::ErrorKind::kUsage, "--add-dir: not a directory: " + d);
    }
    dirs.push_back(p);
  }
  return dirs;
}

/// Loads the settings layers (managed, --settings, local, project, user), warns about what they
/// ignore, and applies their env block to `env`. A bad file is a usage error naming it.
struct LoadedConfig {
  settings::Settings settings;
  settings::SourcedPermissions rules;  ///< permission rules with the file each came from
  base::Json merged;                   ///< every layer merged, for keys Settings does not type
  std::optional<std::vector<settings::SettingsSource>> sources;  ///< --setting-sources
};

base::Result<LoadedConfig> LoadAllSettings(const Flags& flags, base::Env& env,
                                           const std::filesystem::path& cwd) {
  settings::SettingsInputs in;
  in.cwd = cwd;
  in.env = env;
  if (auto dir = env.Get("CLAUDE_RUNNER_MANAGED_SETTINGS_DIR"); dir && !dir->empty()) in.managed_dir = *dir;
  if (flags.settings) in.flag_settings = *flags.settings;
  if (flags.setting_sources) in.setting_sources = TRY(settings::ParseSettingSources(*flags.setting_sources));
  settings::LoadedSettings loaded = TRY(settings::LoadSettings(in));
  for (const std::string& w : loaded.warnings) base::log::Warn("{}", w);
  settings::ApplyEnvBlock(loaded.merged, env);
  return LoadedConfig{settings::ReadSettings(loaded.merged), std::move(loaded.permissions),
                      loaded.merged, in.setting_sources};
}

std::vector<permissions::RuleEntry> SettingsRules(const std::vector<settings::SourcedEntry>& entries) {
  std::vector<permissions::RuleEntry> out;
  for (const settings::SourcedEntry& e : entries) {
    out.push_back({e.value, e.base_dir.string(), std::string(settings::SettingsSourceName(e.source))});
  }
  return out;
}

/// The permission policy: CLI and settings rules (each relative to where it was written), the
/// working directories file tools are confined to, and the mode.
permissions::GatePolicy BuildPolicy(const Flags& flags, const LoadedConfig& config,
                                    permissions::PermissionMode mode, const base::Env& env,
                                    const std::filesystem::path& cwd,
                                    const std::vector<std::filesystem::path>& add_dirs) {
  permissions::GatePolicy p;
  p.mode = mode;
  p.allow = permissions::CliRuleEntries(permissions::SplitToolList(flags.allowed_tools), cwd.string());
  p.deny = permissions::CliRuleEntries(permissions::SplitToolList(flags.disallowed_tools), cwd.string());
  for (auto&& r : SettingsRules(config.rules.allow)) p.allow.push_back(std::move(r));
  for (auto&& r : SettingsRules(config.rules.deny)) p.deny.push_back(std::move(r));
  p.ask = SettingsRules(config.rules.ask);
  p.working_dirs.push_back(cwd.string());
  for (const auto& d : add_dirs) p.working_dirs.push_back(d.string());
  p.cwd = cwd.string();
  p.home = env.GetOr("HOME", "");
  p.real_path = [](const std::string& path) {
    std::error_code ec;
    std::filesystem::path r = std::filesystem::weakly_canonical(path, ec);
    return ec ? std::string() : r.string();
  };
  return p;
}

/// Checks flag combinations that CLI11 cannot express.
base::Result<void> ValidateFlags(const Flags& flags, const base::Env& env) {
  if (flags.input_format == "stream-json" && flags.output_format != "stream-json") {
    return base::Fail(base::ErrorKind::kUsage,
                      "--input-format=stream-json requires --output-format=stream-json");
  }
  if (flags.dangerously_skip_permissions && ::geteuid() == 0 && !env.Truthy("IS_SANDBOX") &&
      !env.Truthy("CLAUDE_RUNNER_ALLOW_ROOT_BYPASS")) {
    return base::Fail(base::ErrorKind::kUsage,
                      "--dangerously-skip-permissions cannot be used with root/sudo privileges for "
                      "security reasons (set IS_SANDBOX=1 when running inside a disposable "
                      "sandbox or container)");
  }
  if (flags.timeout) {
    auto ms = base::ParseDurationMs(*flags.timeout);
    if (!ms || *ms <= 0) {
      return base::Fail(base::ErrorKind::kUsage,
                        "--timeout: '" + *flags.timeout +
                            "' is not a positive duration (use e.g. 90s, 10m, 1h30m)");
    }
  }
  if (flags.permission_prompt_tool && *flags.permission_prompt_tool == "stdio" &&
      flags.input_format != "stream-json") {
    return base::Fail(base::ErrorKind::kUsage,
                      "--permission-prompt-tool stdio requires --input-format stream-json");
  }
  if (flags.input_format == "stream-json" && flags.prompt) {
    base::log::Warn("with --input-format stream-json the prompt argument is ignored; send turns on stdin");
  }
  return {};
}

output::OutputOptions OutputOptionsFrom(const Flags& flags) {
  output::OutputOptions o;
  o.format = flags.output_format == "json"          ? output::OutputFormat::kJson
             : flags.output_format == "stream-json" ? output::OutputFormat::kStreamJson
                                                    : output::OutputFormat::kText;
  o.verbose = flags.verbose;
  o.include_partial_messages = flags.include_partial_messages;
  o.replay_user_messages = flags.replay_user_messages;
  o.include_hook_events = flags.include_hook_events;
  return o;
}

/// Opens the transcript (unless --no-session-persistence); a failure is a warning, not fatal.
std::unique_ptr<session::TranscriptWriter> OpenTranscript(const Flags& flags, const base::Env& env,
                                                          const std::filesystem::path& cwd,
                                                          const SessionPlan& plan,
                                                          const agent::EnvironmentFacts& facts) {
  if (flags.no_session_persistence) return nullptr;
  std::filesystem::path path = plan.transcript_path.empty()
                                   ? session::TranscriptPath(env, cwd, plan.session_id)
                                   : plan.transcript_path;
  auto w = session::TranscriptWriter::Open(
      path, {plan.session_id, cwd, base::kVersion, facts.git_branch, plan.parent_uuid});
  if (!w) {
    base::log::Warn("cannot write the transcript: {}", w.error().message);
    return nullptr;
  }
  if (plan.history_needs_copy) CopyHistory(plan.history, **w);
  return std::move(*w);
}

/// Runs one user turn, expanding a custom slash command first when the text calls one.
ExitCode RunUserTurn(agent::Agent& agent, SlashCommands& slash, const Json& content) {
  PreparedTurn turn = slash.Prepare(content);
  if (turn.error) return ExitCodeFor(agent.RejectTurn(*turn.error).outcome);
  return ExitCodeFor(agent.RunTurn(turn.content, turn.overrides).outcome);
}

/// The inputs of command expansion: where `!` snippets run, under which permission policy.
commands::ExpandInputs CommandExpandInputs(const std::filesystem::path& cwd, const base::Env& env,
                                           const std::string& session_id,
                                           const permissions::GatePolicy& policy,
                                           exec::ProcessRunner& processes, base::CancelToken& cancel,
                                           const Json& merged_settings) {
  commands::ExpandInputs in;
  in.cwd = cwd;
  in.home = env.GetOr("HOME", "");
  in.session_id = session_id;
  in.policy = policy;
  in.processes = &processes;
  in.env = {env.vars().begin(), env.vars().end()};
  in.cancel = &cancel;
  in.shell_disabled = merged_settings["disableSkillShellExecution"].AsBool();
  return in;
}

/// What the `initialize` answer lists about this session (the agents come from the Agent, which
/// has already read their files).
control::InitializeInfo InitializeInfoFor(const agent::AgentOptions& options) {
  control::InitializeInfo info;
  info.commands = options.slash_commands;
  info.models = {"default", "opus", "sonnet", "haiku"};
  info.api_key_source = options.api_key_source;
  info.version = base::kVersion;
  info.permission_mode = options.permission_mode;
  return info;
}

/// One print-mode session. `embed` (may be null) is a forge integration's run: its prompt,
/// extra tools, message observer and cancel token replace stdin, nothing and the signal
/// handlers.
int RunSession(Flags& flags, agent::EmbeddedRun* embed) {
  base::log::Init(flags.debug ? base::log::Level::kDebug : base::log::Level::kWarn);
  for (const auto& f : flags.not_yet_supported) {
    base::log::Warn("{} is accepted for compatibility but not supported yet; ignoring it", f);
  }
  base::Env env = base::Env::FromProcess();
  if (auto ok = ValidateFlags(flags, env); !ok) return UsageError(ok.error().message);
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  auto loaded_config = LoadAllSettings(flags, env, cwd);
  if (!loaded_config) return UsageError(loaded_config.error().message);
  const settings::Settings* config = &loaded_config->settings;
  if (embed) embed->settings = loaded_config->merged;
  auto add_dirs = ResolveAddDirs(flags, *config, cwd);
  if (!add_dirs) return UsageError(add_dirs.error().message);
  auto mode = ResolveMode(flags, *config);
  if (!mode) return UsageError(mode.error().message);

  base::CancelToken own_cancel;
  base::CancelToken& cancel = embed ? *embed->cancel : own_cancel;
  if (!embed) InstallSignalHandlers(&cancel);
  if (flags.timeout) cancel.SetDeadlineMs(base::MonotonicMs() + *base::ParseDurationMs(*flags.timeout));

  auto plan = PlanSession(flags, env, cwd);
  if (!plan) return UsageError(plan.error().message);
  auto options = BuildAgentOptions(flags, env, plan->session_id, *mode, *config);
  if (!options) return UsageError(options.error().message);

  std::optional<Prompt> prompt;
  if (embed) {
    prompt = Prompt{embed->prompt_content};
  } else if (flags.input_format == "text") {
    auto p = ReadTextPrompt(flags, cancel);
    if (!p && cancel.cancelled()) {
      std::fprintf(stderr, "Error: stopped while waiting for the prompt on stdin\n");
      return static_cast<int>(ExitCodeForCancel(cancel.reason()));
    }
    if (!p) return UsageError(p.error().message);
    prompt = std::move(*p);
  }

  base::CurlHttpClient http(HttpOptionsFromEnv(env, flags.debug));
  auto provider = MakeProvider(flags, env, http, config->api_key_helper);
  if (!provider) return UsageError(provider.error().message);
  options->api_key_source = (*provider)->ApiKeySource();

  permissions::GatePolicy policy = BuildPolicy(flags, *loaded_config, *mode, env, cwd, *add_dirs);
  permissions::Gate gate(policy);
  std::vector<std::unique_ptr<tools::Tool>> all_tools = tools::BuildBuiltinTools();
  auto tools = SelectTools(all_tools, flags, gate);
  if (!tools) return UsageError(tools.error().message);
  SourceSwitches sources = SourceSwitches::From(loaded_config->sources);
  // MCP servers start before the agent (their tools and statuses are in system/init). Declared
  // before the Agent so that it outlives it; its destructor ends every server process.
  auto mcp = StartMcp({&flags, &env, cwd, *add_dirs, sources, &loaded_config->merged, &cancel, &http});
  if (!mcp && mcp.error().kind == base::ErrorKind::kUsage) return UsageError(mcp.error().message);
  if (!mcp) {
    std::fprintf(stderr, "Error: %s\n", mcp.error().message.c_str());
    return static_cast<int>(ExitCode::kError);
  }
  for (tools::Tool* t : SelectMcpTools(*mcp, flags, gate)) tools->push_back(t);
  std::vector<std::unique_ptr<tools::Tool>> external_tools;
  if (embed) {
    for (const agent::ExternalTool& t : embed->tools) {
      if (gate.IsRemoved(t.name)) continue;
      external_tools.push_back(MakeExternalTool(t));
      tools->push_back(external_tools.back().get());
    }
  }
  options->mcp_servers = mcp->servers->StatusJson();
  if (mcp->prompter) options->prompter = mcp->prompter.get();
  options->enable_subagents = !gate.IsRemoved("Task") && OffersTool(flags, "Task");

  std::unique_ptr<protocol::EventSink> out_sink =
      output::MakeOutputSink(OutputOptionsFrom(flags), STDOUT_FILENO);
  protocol::MultiSink sink;
  if (!embed || embed->print_output) sink.Add(out_sink.get());
  exec::PosixProcessRunner processes;
  agent::EnvironmentFacts facts = GatherFacts(cwd, *add_dirs, env, processes);
  std::unique_ptr<session::TranscriptWriter> transcript = OpenTranscript(flags, env, cwd, *plan, facts);
  if (transcript) sink.Add(transcript.get());
  std::unique_ptr<protocol::EventSink> observer;
  if (embed && embed->on_message) {
    observer = MakeMessageObserver(embed->on_message);
    sink.Add(observer.get());
  }

  tools::ToolSession tool_session;
  tool_session.bash_cwd = cwd;
  // Declared before the Agent so it outlives it: its destructor kills and reaps every
  // background command on every way out of Run().
  tools::BackgroundShells background(tools::BackgroundShells::DefaultOutputDir(&env));
  // The agent's commands see the environment without credentials when asked to scrub it.
  base::Env tool_env = SubprocessEnv(env);
  tools::ToolContext tool_ctx{cwd, &tool_env, &cancel, &processes, &tool_session, &background};
  // Hooks report from tool threads: serialize what reaches the output and the transcript.
  agent::SerializedSink shared_sink(sink);
  // The SDK control protocol: requests to the host go out as stdout lines through the same
  // serialized sink as every message.
  control::ControlChannel channel(
      [&shared_sink](Json m) { shared_sink.Emit(protocol::ControlEvent{std::move(m)}); });
  std::unique_ptr<StreamInput> stream;
  InitializeRequest init;
  if (flags.input_format == "stream-json") {
    stream = std::make_unique<StreamInput>(channel, cancel);
    stream->Start(STDIN_FILENO);
    init = AwaitInitialize(*stream, channel, *options, cancel);
    if (flags.permission_prompt_tool == "stdio") options->prompter = &channel;
  }
  std::unique_ptr<hooks::HookRunner> hook_runner = MakeHookRunner(
      *config, processes, env, cwd, plan->session_id,
      transcript ? transcript->path() : std::filesystem::path(), options->permission_mode,
      shared_sink, init.settings.callback_hooks);
  if (hook_runner) hook_runner->SetCallbacks(&channel);
  options->hooks = hook_runner.get();
  tool_ctx.http = &http;
  tool_ctx.provider = provider->get();
  tool_ctx.small_model = settings::ResolveModel("haiku", env);
  tool_ctx.additional_dirs = *add_dirs;
  Memory memory = LoadMemory(env, cwd, sources, loaded_config->merged, *add_dirs);
  options->memory_context = memory.reminder;
  options->nested_memory = memory.nested.get();
  // Declared before the Agent: the gates of command turns must outlive it.
  SlashCommands slash(LoadCommandCatalog(env, cwd, sources),
                      CommandExpandInputs(cwd, tool_env, plan->session_id, policy, processes, cancel,
                                          loaded_config->merged),
                      env, memory.nested.get());
  slash.SetMcpPrompts(McpPromptCommands(*mcp->servers), mcp->request_timeout_ms, &cancel);
  options->slash_commands = slash.Names();
  // Only an SDK host's initialize needs the answer.
  control::InitializeInfo init_info;
  if (init.request_id) init_info = InitializeInfoFor(*options);
  bool resumed = !plan->history.empty();
  agent::Agent agent(std::move(*options), facts, **provider, *tools, gate, tool_ctx, shared_sink,
                     cancel);
  agent.LoadHistory(std::move(plan->history));
  if (init.request_id) {
    for (const agent::AgentDefinition& a : agent.agent_definitions()) {
      init_info.agents.push_back({a.name, a.description, a.model});
    }
    channel.Respond(*init.request_id, control::InitializeResponse(init_info));
  }
  agent.EmitInit(resumed);

  ExitCode code = ExitCode::kSuccess;
  if (prompt) {
    code = RunUserTurn(agent, slash, prompt->content);
  } else {
    HostControls controls{agent, gate, hook_runner.get(), env, mcp->servers.get()};
    stream->SetRequestHandler([&](const protocol::InputMessage& request) {
      HandleHostRequest(request, channel, controls);
    });
    code = RunStreamTurns(*stream, channel, controls, cancel,
                          [&](const Json& content) { return RunUserTurn(agent, slash, content); });
    stream.reset();  // joins the stdin router before the parts it calls into go away
  }
  agent.EndSession();
  mcp->servers->CloseAll();
  processes.KillAll();
  // cleanupPeriodDays: at the end, so the transcript this run wrote (or resumed) is fresh.
  if (!flags.no_session_persistence) {
    session::RemoveOldTranscripts(session::ConfigDir(env), config->cleanup_period_days,
                                  std::filesystem::file_time_type::clock::now());
  }
  return static_cast<int>(code);
}

}  // namespace

int Run(int argc, const char* const* argv) {
  if (argc > 1 && std::string_view(argv[1]) == "mcp") return RunMcpCommand(argc - 1, argv + 1);
  auto parsed = ParseFlags(argc, argv);
  if (!parsed) return UsageError(parsed.error().message);
  Flags& flags = *parsed;
  if (flags.show_help) {
    std::fputs(flags.help_text.c_str(), stdout);
    return 0;
  }
  if (flags.show_version) {
    std::printf("%s (claude-runner)\n", base::kVersion);
    return 0;
  }
  return RunSession(flags, nullptr);
}

int RunEmbedded(agent::EmbeddedRun& run) {
  std::vector<std::string> words = {"claude-runner", "-p"};
  words.insert(words.end(), run.args.begin(), run.args.end());
  std::vector<const char*> argv;
  for (const std::string& w : words) argv.push_back(w.c_str());
  auto parsed = ParseFlags(static_cast<int>(argv.size()), argv.data());
  if (!parsed) {
    std::fprintf(stderr, "Error: %s\n", parsed.error().message.c_str());
    return static_cast<int>(ExitCode::kUsage);
  }
  if (parsed->input_format != "text") {
    std::fprintf(stderr, "Error: --input-format %s cannot be used here\n", parsed->input_format.c_str());
    return static_cast<int>(ExitCode::kUsage);
  }
  return RunSession(*parsed, &run);
}

}  // namespace runner::cli
