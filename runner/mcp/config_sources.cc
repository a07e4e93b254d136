#include "runner/mcp/config_sources.h"

#include <algorithm>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/mcp/names.h"

namespace runner::mcp {
namespace {

namespace fs = std::filesystem;
using base::ErrorKind;
using base::Fail;
using base::Json;

/// Servers by name in the order first defined; a later definition replaces an earlier one.
class ServerSet {
 public:
  void Put(ServerConfig s) {
    for (ServerConfig& existing : servers_) {
      if (existing.name == s.name) {
        existing = std::move(s);
        return;
      }
    }
    servers_.push_back(std::move(s));
  }
  std::vector<ServerConfig>& servers() { return servers_; }

 private:
  std::vector<ServerConfig> servers_;
};

/// Parses each server of an `mcpServers` object on its own, so one bad server does not cost
/// the others; problems become warnings.
void AddLenient(const Json& document, const std::string& source, const std::string& scope,
                const base::Env& env, ServerSet& set, std::vector<std::string>& warnings) {
  if (document.is_null()) return;
  if (!document.is_object() || (!document["mcpServers"].is_null() && !document["mcpServers"].is_object())) {
    warnings.push_back(source + ": \"mcpServers\" must be an object; its servers are ignored");
    return;
  }
  for (const auto& [name, server] : document["mcpServers"].members()) {
    auto parsed = ParseServer(name, server, source, scope, env);
    if (!parsed) {
      warnings.push_back(parsed.error().message + " (server skipped)");
      continue;
    }
    set.Put(std::move(*parsed));
  }
}

/// The JSON of a file that may be missing (null then); a file that cannot be read or parsed is
/// a warning and null.
Json ReadOptionalJson(const fs::path& path, std::vector<std::string>& warnings) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Json();
  auto text = base::ReadFile(path);
  if (!text) {
    warnings.push_back(path.string() + ": " + text.error().message + " (MCP servers ignored)");
    return Json();
  }
  auto doc = Json::Parse(*text);
  if (!doc) {
    warnings.push_back(path.string() + ": invalid JSON: " + doc.error().message +
                       " (MCP servers ignored)");
    return Json();
  }
  return *doc;
}

/// Directories from the top of the tree down to `cwd` (the root itself left out, as Claude
/// Code does).
std::vector<fs::path> TopDown(const fs::path& cwd) {
  std::vector<fs::path> dirs;
  for (fs::path d = cwd; d.has_relative_path(); d = d.parent_path()) dirs.push_back(d);
  std::reverse(dirs.begin(), dirs.end());
  return dirs;
}

void AddProjectServers(const ConfigInputs& in, ServerSet& set, std::vector<std::string>& warnings) {
  ServerSet project;
  for (const fs::path& dir : TopDown(in.cwd)) {
    fs::path file = dir / ".mcp.json";
    Json doc = ReadOptionalJson(file, warnings);
    AddLenient(doc, file.string(), "project", in.env, project, warnings);
  }
  for (ServerConfig& s : project.servers()) {
    switch (ProjectServerApproval(s.name, in.approval)) {
      case Approval::kApproved:
        set.Put(std::move(s));
        break;
      case Approval::kRejected:
        break;  // disabledMcpjsonServers: quietly left out, as Claude Code does
      case Approval::kPending:
        warnings.push_back(".mcp.json server '" + s.name +
                           "' is not approved (project settings are not a setting source; "
                           "approve it with enabledMcpjsonServers or "
                           "enableAllProjectMcpServers): not started");
        break;
    }
  }
}

void AddGlobalServers(const ConfigInputs& in, ServerSet& user, ServerSet& local,
                      std::vector<std::string>& warnings) {
  if (!in.global_config) return;
  Json doc = ReadOptionalJson(*in.global_config, warnings);
  if (!doc.is_object()) return;
  std::string source = in.global_config->string();
  AddLenient(doc, source, "user", in.env, user, warnings);
  const Json& project = doc["projects"][in.cwd.string()];
  if (project.is_object()) {
    AddLenient(project, source + " (projects." + in.cwd.string() + ")", "local", in.env, local,
               warnings);
  }
}

/// One --mcp-config value: inline JSON when it parses as a JSON object, else a file.
base::Result<std::vector<ServerConfig>> ParseFlagValue(const std::string& value,
                                                       const ConfigInputs& in) {
  std::string_view trimmed = base::Trim(value);
  if (trimmed.starts_with("{")) {
    auto doc = Json::Parse(trimmed);
    if (!doc) return Fail(ErrorKind::kUsage, "--mcp-config: invalid inline JSON: " + doc.error().message);
    return ParseServers(*doc, "--mcp-config (inline JSON)", "cliArg", in.env);
  }
  fs::path path = fs::path(value).is_absolute() ? fs::path(value) : in.cwd / value;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Fail(ErrorKind::kUsage, "--mcp-config: MCP config file not found: " + value);
  }
  auto text = base::ReadFile(path);
  if (!text) return Fail(ErrorKind::kUsage, "--mcp-config " + value + ": " + text.error().message);
  auto doc = Json::Parse(*text);
  if (!doc) return Fail(ErrorKind::kUsage, "--mcp-config " + value + ": invalid JSON: " + doc.error().message);
  return ParseServers(*doc, "--mcp-config " + value, "cliArg", in.env);
}

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == text;
  std::string_view head = pattern.substr(0, star);
  if (!text.starts_with(head)) return false;
  std::string_view rest = pattern.substr(star + 1);
  for (size_t i = head.size(); i <= text.size(); ++i) {
    if (WildcardMatch(rest, text.substr(i))) return true;
  }
  return false;
}

/// Drops servers the deny list names, and (when there is an allow list) those it does not.
void ApplyPolicy(const ConfigInputs& in, std::vector<ServerConfig>& servers,
                 std::vector<std::string>& warnings) {
  auto matches_any = [](const Json& list, const ServerConfig& s) {
    for (const Json& e : list.items()) {
      if (PolicyEntryMatches(e, s)) return true;
    }
    return false;
  };
  std::erase_if(servers, [&](const ServerConfig& s) {
    if (in.denied_servers.is_array() && matches_any(in.denied_servers, s)) {
      warnings.push_back("MCP server '" + s.name + "' is blocked by deniedMcpServers: not started");
      return true;
    }
    if (in.allowed_servers.is_array() && !matches_any(in.allowed_servers, s)) {
      warnings.push_back("MCP server '" + s.name + "' is not in allowedMcpServers: not started");
      return true;
    }
    return false;
  });
}

}  // namespace

Approval ProjectServerApproval(const std::string& name, const ProjectApproval& approval) {
  std::string normalized = NormalizeName(name);
  auto named = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& n) { return NormalizeName(n) == normalized; });
  };
  if (named(approval.disabled)) return Approval::kRejected;
  if (approval.enable_all || named(approval.enabled)) return Approval::kApproved;
  // Nobody can answer the approval prompt in print mode: Claude Code approves the project's
  // servers when project settings are a setting source.
  if (approval.project_settings_enabled) return Approval::kApproved;
  return Approval::kPending;
}

bool PolicyEntryMatches(const Json& entry, const ServerConfig& server) {
  if (entry["serverName"].is_string()) return WildcardMatch(entry["serverName"].AsString(), server.name);
  if (entry["serverCommand"].is_array()) {
    if (server.type != ServerType::kStdio) return false;
    std::vector<std::string> command = {server.command};
    command.insert(command.end(), server.args.begin(), server.args.end());
    if (entry["serverCommand"].size() != command.size()) return false;
    for (size_t i = 0; i < command.size(); ++i) {
      if (entry["serverCommand"].at(i).AsString() != command[i]) return false;
    }
    return true;
  }
  if (entry["serverUrl"].is_string()) {
    return server.type != ServerType::kStdio && WildcardMatch(entry["serverUrl"].AsString(), server.url);
  }
  return false;
}

std::optional<fs::path> GlobalConfigPath(const base::Env& env) {
  if (auto dir = env.Get("CLAUDE_CONFIG_DIR"); dir && !dir->empty()) return fs::path(*dir) / ".claude.json";
  if (auto home = env.Get("HOME"); home && !home->empty()) return fs::path(*home) / ".claude.json";
  return std::nullopt;
}

base::Result<LoadedServers> LoadServerConfigs(const ConfigInputs& in) {
  LoadedServers out;
  ServerSet set;
  if (!in.strict) {
    ServerSet user, local;
    AddGlobalServers(in, user, local, out.warnings);
    for (ServerConfig& s : user.servers()) set.Put(std::move(s));
    AddProjectServers(in, set, out.warnings);
    for (ServerConfig& s : local.servers()) set.Put(std::move(s));
  }
  for (const std::string& value : in.mcp_config_flags) {
    auto servers = ParseFlagValue(value, in);
    if (!servers) return Fail(ErrorKind::kUsage, servers.error().message);
    for (ServerConfig& s : *servers) set.Put(std::move(s));
  }
  out.servers = std::move(set.servers());
  ApplyPolicy(in, out.servers, out.warnings);
  return out;
}

}  // namespace runner::mcp
