#include "runner/cli/mcp_setup.h"

#include <unistd.h>

#include <algorithm>
#include <map>

#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/base/version.h"
#include "runner/mcp/config_sources.h"
#include "runner/mcp/headers_helper.h"
#include "runner/mcp/http_transport.h"
#include "runner/mcp/sse_transport.h"
#include "runner/mcp/stdio_transport.h"
#include "runner/permissions/rule.h"
#include "runner/tools/registry.h"

namespace runner::cli {
namespace {

using base::Json;

constexpr int64_t kDefaultStartupTimeoutMs = 30000;

/// What a stdio server inherits with CLAUDE_CODE_MCP_ALLOWLIST_ENV set (besides its `env`).
bool InSafeBaseline(const std::string& name) {
  static const char* const kNames[] = {"PATH", "HOME", "USER",   "LOGNAME", "SHELL",
                                       "TERM", "LANG", "TMPDIR", "TZ",      "SYSTEMROOT"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return name.starts_with("LC_");
}

std::map<std::string, std::string> ServerEnv(const mcp::ServerConfig& config,
                                             const base::Env& env) {
  std::map<std::string, std::string> out;
  bool allowlist = env.Truthy("CLAUDE_CODE_MCP_ALLOWLIST_ENV");
  for (const auto& [k, v] : env.vars()) {
    if (!allowlist || InSafeBaseline(k)) out[k] = v;
  }
  for (const auto& [k, v] : config.env) out[k] = v;
  return out;
}

/// The concrete transports: the composition root is the one place they are built.
mcp::TransportFactory MakeTransportFactory(const base::Env& env, const std::filesystem::path& cwd,
                                           base::HttpClient* http) {
  return [&env, cwd,
          http](const mcp::ServerConfig& config) -> base::Result<std::unique_ptr<mcp::Transport>> {
    std::map<std::string, std::string> configured = config.headers;
    if (!config.headers_helper.empty() && config.type != mcp::ServerType::kStdio) {
      exec::PosixProcessRunner runner;
      configured =
          TRY(mcp::HeadersWithHelper(config, runner, {env.vars().begin(), env.vars().end()}, cwd));
    }
    base::Headers headers(configured.begin(), configured.end());
    switch (config.type) {
      case mcp::ServerType::kStdio: {
        mcp::StdioOptions o;
        o.server_name = config.name;
        o.spec.argv = {config.command};
        o.spec.argv.insert(o.spec.argv.end(), config.args.begin(), config.args.end());
        o.spec.env = ServerEnv(config, env);
        o.spec.cwd = cwd;
        return std::make_unique<mcp::StdioTransport>(std::move(o));
      }
      case mcp::ServerType::kHttp:
        if (!http) break;
      {
        mcp::HttpTransportOptions o{config.url, std::move(headers)};
        o.auth = mcp::MakeHttpAuthorizer(config, *http);
        return std::make_unique<mcp::StreamableHttpTransport>(*http, std::move(o));
      }
      case mcp::ServerType::kSse:
        if (!http) break;
        return std::make_unique<mcp::SseTransport>(
            *http, mcp::SseTransportOptions{config.url, std::move(headers)});
    }
    return base::Fail(base::ErrorKind::kConfig,
                      "the " + std::string(mcp::ServerTypeName(config.type)) +
                          " transport is not supported by this build of claude-runner");
  };
}

std::vector<std::string> StringList(const Json& v) {
  std::vector<std::string> out;
  for (const Json& s : v.items()) {
    if (s.is_string()) out.push_back(s.AsString());
  }
  return out;
}

mcp::ConfigInputs ConfigInputsFor(const McpInputs& in) {
  const Json& settings = *in.merged_settings;
  mcp::ConfigInputs c;
  c.mcp_config_flags = in.flags->mcp_configs;
  c.strict = in.flags->strict_mcp_config || settings["strictMcpConfig"].AsBool();
  c.cwd = in.cwd;
  c.global_config = mcp::GlobalConfigPath(*in.env);
  c.approval.enable_all = settings["enableAllProjectMcpServers"].AsBool();
  c.approval.enabled = StringList(settings["enabledMcpjsonServers"]);
  c.approval.disabled = StringList(settings["disabledMcpjsonServers"]);
  c.approval.project_settings_enabled = in.sources.project;
  c.allowed_servers = settings["allowedMcpServers"];
  c.denied_servers = settings["deniedMcpServers"];
  c.env = *in.env;
  return c;
}

/// The prompter for `--permission-prompt-tool mcp__…`, or an error naming the tools there are.
base::Result<std::unique_ptr<tools::McpPermissionPrompter>> PromptTool(const std::string& name,
                                                                       McpSetup& setup) {
  std::vector<std::string> available;
  for (const auto& t : setup.tools) {
    auto* mcp_tool = dynamic_cast<tools::McpTool*>(t.get());
    if (!mcp_tool) continue;
    if (mcp_tool->name() == name) return std::make_unique<tools::McpPermissionPrompter>(*mcp_tool);
    available.emplace_back(mcp_tool->name());
  }
  return base::Fail(base::ErrorKind::kConfig,
                    "MCP tool " + name +
                        " (passed via --permission-prompt-tool) not found. Available "
                        "MCP tools: " +
                        (available.empty() ? "none" : base::Join(available, ", ")));
}

}  // namespace

base::Result<McpSetup> StartMcp(const McpInputs& in) {
  mcp::LoadedServers loaded = TRY(mcp::LoadServerConfigs(ConfigInputsFor(in)));
  for (const std::string& w : loaded.warnings) base::log::Warn("{}", w);
  mcp::ServersOptions options;
  options.client_name = "claude-runner";
  options.client_version = base::kVersion;
  if (auto t = in.env->GetInt("MCP_TIMEOUT"); t && *t > 0) {
    options.startup_timeout_ms = *t;
  } else {
    options.startup_timeout_ms = kDefaultStartupTimeoutMs;
  }
  options.roots.push_back(in.cwd.string());
  for (const auto& d : in.add_dirs) options.roots.push_back(d.string());
  McpSetup setup;
  setup.request_timeout_ms = options.startup_timeout_ms;
  setup.servers = std::make_unique<mcp::Servers>(std::move(loaded.servers), std::move(options),
                                                 MakeTransportFactory(*in.env, in.cwd, in.http));
  setup.servers->StartAll(in.cancel);
  for (const auto& server : setup.servers->all()) {
    if (server->config.required && server->status != mcp::ServerStatus::kConnected) {
      return base::Fail(base::ErrorKind::kConfig,
                        "MCP server " + server->config.name + " is required but is " +
                            std::string(mcp::ServerStatusName(server->status)) +
                            (server->error.empty() ? "" : ": " + server->error));
    }
  }
  std::filesystem::path blob_dir = std::filesystem::temp_directory_path() /
                                   ("claude-runner-" + std::to_string(::getpid())) /
                                   "mcp-resources";
  setup.tools =
      tools::BuildMcpTools(*setup.servers, tools::McpCallLimits::FromEnv(*in.env), blob_dir);
  const auto& prompt_tool = in.flags->permission_prompt_tool;
  if (prompt_tool && *prompt_tool != "stdio") setup.prompter = TRY(PromptTool(*prompt_tool, setup));
  return setup;
}

std::vector<tools::Tool*> SelectMcpTools(const McpSetup& mcp, const Flags& flags,
                                         const permissions::Gate& gate) {
  std::vector<std::string> wanted;
  bool select_builtin = false;
  if (flags.tools) {
    wanted = permissions::SplitToolList(*flags.tools);
    select_builtin = !(wanted.size() == 1 && wanted[0] == "default");
  }
  std::vector<std::string> mcp_wanted;
  for (const std::string& w : wanted) {
    if (w.starts_with("mcp__")) mcp_wanted.push_back(w);
  }
  std::vector<tools::Tool*> out;
  for (const auto& t : mcp.tools) {
    std::string name(t->name());
    bool chosen;
    if (name.starts_with("mcp__")) {
      chosen = mcp_wanted.empty() ||
               std::any_of(mcp_wanted.begin(), mcp_wanted.end(), [&](const std::string& w) {
                 return permissions::RuleCoversTool(w, name);
               });
    } else {  // the resource tools are built-in tools for --tools
      chosen = !select_builtin || std::find(wanted.begin(), wanted.end(), name) != wanted.end();
    }
    if (chosen && !gate.IsRemoved(name)) out.push_back(t.get());
  }
  return out;
}

Json McpStatusPayload(const mcp::Servers& servers) {
  Json list = Json::MakeArray();
  for (const auto& s : servers.all()) {
    Json item =
        base::JsonObject({{"name", s->config.name}, {"status", mcp::ServerStatusName(s->status)}});
    if (s->status == mcp::ServerStatus::kConnected) {
      item.Set("serverInfo",
               base::JsonObject({{"name", s->info.name}, {"version", s->info.version}}));
    }
    if (!s->error.empty()) item.Set("error", s->error);
    item.Set("scope", s->config.scope);
    Json tools = Json::MakeArray();
    for (const mcp::ToolInfo& t : s->tools) {
      Json tool = base::JsonObject({{"name", t.name}});
      if (!t.description.empty()) tool.Set("description", t.description);
      const Json& a = t.annotations;
      Json annotations = Json::MakeObject();
      if (a["readOnlyHint"].is_bool()) annotations.Set("readOnly", a["readOnlyHint"]);
      if (a["destructiveHint"].is_bool()) annotations.Set("destructive", a["destructiveHint"]);
      if (a["openWorldHint"].is_bool()) annotations.Set("openWorld", a["openWorldHint"]);
      if (!annotations.empty()) tool.Set("annotations", std::move(annotations));
      tools.Push(std::move(tool));
    }
    item.Set("tools", std::move(tools));
    list.Push(std::move(item));
  }
  return base::JsonObject({{"mcpServers", std::move(list)}});
}

}  // namespace runner::cli
