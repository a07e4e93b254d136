#include "runner/cli/flags.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <string_view>

#include "runner/base/version.h"

namespace runner::cli {
namespace {

// Flags Claude Code has that belong to later issues (agents, thinking, plugins). Accepted so
// existing scripts and SDK invocations keep working; a warning names each one used.
struct Deferred {
  const char* name;
  bool takes_value;
};
constexpr Deferred kDeferred[] = {
    {"--agent", true},
    {"--bare", false},             {"--max-thinking-tokens", true},
    {"--effort", true},            {"--plugin-dir", true},
    {"--thinking", true},          {"--thinking-display", true},
    {"--task-budget", true},       {"--debug-file", true},
};

// A validator with a short message (CLI11's PositiveNumber prints a huge range bound).
CLI::Validator Positive(const std::string& flag) {
  return CLI::Validator(
      [flag](std::string& value) -> std::string {
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !(v > 0)) {
          return flag + " must be a positive number, got '" + value + "'";
        }
        return {};
      },
      "POSITIVE");
}

void AddOptions(CLI::App& app, Flags& f, std::vector<std::string>& deferred_values) {
  app.add_flag("-p,--print", f.print, "Print the response and exit (always on: headless only)");
  app.add_option("prompt", f.prompt, "The prompt (stdin, when piped, is appended)");
  app.add_option("--output-format", f.output_format, "text, json or stream-json")
      ->check(CLI::IsMember({"text", "json", "stream-json"}));
  app.add_option("--input-format", f.input_format, "text or stream-json")
      ->check(CLI::IsMember({"text", "stream-json"}));
  app.add_flag("--verbose", f.verbose, "Full turn-by-turn output (json: all messages)");
  app.add_flag("--include-partial-messages", f.include_partial_messages,
               "stream-json: also print stream_event lines");
  app.add_flag("--include-hook-events", f.include_hook_events,
               "stream-json: print system/hook_started and hook_response lines");
  app.add_flag("--replay-user-messages", f.replay_user_messages,
               "stream-json: echo user messages from stdin");
  app.add_option("--max-turns", f.max_turns, "Stop after this many agentic turns")
      ->check(Positive("--max-turns"));
  app.add_option("--max-budget-usd", f.max_budget_usd, "Stop when the cost reaches this (USD)")
      ->check(Positive("--max-budget-usd"));
  app.add_option("--model", f.model, "Model alias (opus, sonnet, haiku, fable) or full name");
  app.add_option("--fallback-model", f.fallback_model, "Model to use when the main one is overloaded");
  app.add_option("--system-prompt", f.system_prompt, "Replace the system prompt");
  app.add_option("--system-prompt-file", f.system_prompt_file, "Replace the system prompt from a file");
  app.add_option("--append-system-prompt", f.append_system_prompt, "Append to the system prompt");
  app.add_option("--append-system-prompt-file", f.append_system_prompt_file,
                 "Append a file's text to the system prompt");
  app.add_option("--json-schema", f.json_schema, "JSON Schema for structured output");
  app.add_option("--session-id", f.session_id, "Use this session id (a UUID)");
  app.add_option("-r,--resume", f.resume, "Resume a session by id (or transcript path)")
      ->expected(0, 1);
  app.add_flag("-c,--continue", f.continue_session, "Continue the latest session in this directory");
  app.add_flag("--fork-session", f.fork_session, "With --resume/--continue: use a new session id");
  app.add_flag("--no-session-persistence", f.no_session_persistence, "Do not write a transcript");
  app.add_option("--add-dir", f.add_dirs, "Additional working directories")->expected(1, -1);
  app.add_option("--tools", f.tools, "Built-in tools to offer (\"\" = none, default = all)")
      ->expected(1, -1);
  app.add_option("--allowedTools,--allowed-tools", f.allowed_tools, "Tools allowed without asking")
      ->expected(1, -1);
  app.add_option("--disallowedTools,--disallowed-tools", f.disallowed_tools, "Tools denied")
      ->expected(1, -1);
  app.add_option("--permission-mode", f.permission_mode,
                 "default, acceptEdits, plan, bypassPermissions or dontAsk");
  app.add_flag("--dangerously-skip-permissions", f.dangerously_skip_permissions,
               "Same as --permission-mode bypassPermissions");
  app.add_option("-d,--debug", f.debug_filter, "Debug logging on stderr (optional categories)")
      ->expected(0, 1);
  app.add_option("--betas", f.betas, "anthropic-beta values to send")->expected(1, -1);
  app.add_option("--timeout", f.timeout, "Wall-clock deadline, e.g. 90s, 10m, 1h30m");
  app.add_option("--settings", f.settings, "A settings file, or inline settings JSON");
  app.add_option("--setting-sources", f.setting_sources,
                 "Which settings files to load: comma-separated user, project, local")
      ->expected(0, 1);
  app.add_option("--permission-prompt-tool", f.permission_prompt_tool,
                 "Who decides calls the rules leave undecided: stdio (the SDK host) or an MCP tool "
                 "(mcp__server__tool)");
  app.add_option("--mcp-config", f.mcp_configs,
                 "MCP servers from JSON files or inline JSON strings (space-separated, repeatable)")
      ->expected(1, -1);
  app.add_flag("--strict-mcp-config", f.strict_mcp_config,
               "Use only the MCP servers of --mcp-config, none from other configuration");
  app.add_flag("--allow-dangerously-skip-permissions", f.allow_dangerously_skip_permissions,
               "Let bypassPermissions be chosen later (the SDK host's set_permission_mode)");
  app.add_option("--agents", f.agents_json, "Subagents as JSON: {\"name\": {\"description\", \"prompt\", …}}");
  app.add_option("--replay", f.replay_file, "Play model turns from a replay script (no API key)");
  app.add_option("--record", f.record_file, "Record the model's turns into a replay script");
  app.add_flag("-v,--version", f.show_version, "Print the version");
  for (const Deferred& d : kDeferred) {
    CLI::Option* opt = d.takes_value ? app.add_option(d.name, deferred_values)
                                     : app.add_flag(std::string(d.name));
    opt->description("(accepted; not yet supported)");
    if (d.takes_value) opt->expected(0, -1);
    opt->group("Accepted for compatibility (not yet supported)");
  }
}

}  // namespace

base::Result<Flags> ParseFlags(int argc, const char* const* argv) {
  Flags f;
  CLI::App app{"claude-runner: a headless coding-agent runner, drop-in for `claude -p`",
               "claude-runner"};
  app.set_help_flag("-h,--help", "Print this help");
  app.footer("Commands:\n  mcp serve    Serve the built-in tools over MCP on stdio "
             "(claude-runner mcp serve --help)");
  std::vector<std::string> deferred_values;
  AddOptions(app, f, deferred_values);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    f.show_help = true;
    f.help_text = app.help();
    return f;
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    if (what.find("were not expected") != std::string::npos ||
        what.find("was not expected") != std::string::npos) {
      what = "unknown option or extra argument:" + what.substr(what.find(':') + 1);
    }
    return base::Fail(base::ErrorKind::kUsage, what);
  }
  f.debug = app.count("--debug") > 0;
  f.resume_given = app.count("--resume") > 0;
  if (app.count("--setting-sources") > 0 && !f.setting_sources) f.setting_sources = "";
  if (app.count("--tools") > 0 && !f.tools) f.tools = std::vector<std::string>{};  // --tools ""
  for (const Deferred& d : kDeferred) {
    if (app.count(d.name) > 0) f.not_yet_supported.emplace_back(d.name);
  }
  return f;
}

base::Result<McpFlags> ParseMcpFlags(int argc, const char* const* argv) {
  McpFlags f;
  CLI::App app{"MCP commands of claude-runner", "claude-runner mcp"};
  app.set_help_flag("-h,--help", "Print this help");
  app.require_subcommand(0, 1);
  CLI::App* serve = app.add_subcommand("serve", "Serve the built-in tools over MCP on stdio");
  serve->set_help_flag("-h,--help", "Print this help");
  serve->add_flag("-d,--debug", f.debug, "Debug logging on stderr");
  serve->add_flag("--verbose", f.verbose, "Accepted for compatibility (no effect)");
  serve->add_option("--add-dir", f.add_dirs, "More directories the file tools may reach")
      ->expected(1, -1);
  serve->add_option("--tools", f.tools, "Tools to serve (default: all the served tools)")
      ->expected(1, -1);
  bool serve_named = argc > 1 && std::string_view(argv[1]) == "serve";
  if (argc > 1 && argv[1][0] != '-' && !serve_named) {
    return base::Fail(base::ErrorKind::kUsage, "claude-runner has no 'mcp " +
                                                   std::string(argv[1]) + "' command; only 'mcp serve'");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    f.show_help = true;
    f.help_text = serve_named ? serve->help("claude-runner mcp") : app.help();
    return f;
  } catch (const CLI::ParseError& e) {
    return base::Fail(base::ErrorKind::kUsage, e.what());
  }
  if (!app.got_subcommand(serve)) {
    f.show_help = true;
    f.help_text = app.help();
    return f;
  }
  f.command = "serve";
  if (serve->count("--tools") > 0 && !f.tools) f.tools = std::vector<std::string>{};
  return f;
}

}  // namespace runner::cli
