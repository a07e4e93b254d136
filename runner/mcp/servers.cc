#include "runner/mcp/servers.h"

#include <algorithm>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/log.h"

namespace runner::mcp {
namespace {

using base::ErrorKind;

constexpr int64_t kRetryBaseMs = 200;

/// Worth another try: the connection hiccupped or the server had a 5xx, not a timeout, an
/// authentication problem or a server that is gone.
bool IsTransient(const base::Error& e, const Client& client) {
  if (client.closed()) return false;
  if (e.http_status >= 500) return true;
  return e.kind == ErrorKind::kNetwork && e.http_status == 0;
}

bool NeedsAuth(const base::Error& e) {
  return e.kind == ErrorKind::kAuth || e.http_status == 401;
}

}  // namespace

std::string_view ServerStatusName(ServerStatus status) {
  switch (status) {
    case ServerStatus::kPending: return "pending";
    case ServerStatus::kConnected: return "connected";
    case ServerStatus::kFailed: return "failed";
    case ServerStatus::kNeedsAuth: return "needs-auth";
  }
  return "failed";
}

Servers::Servers(std::vector<ServerConfig> configs, ServersOptions options, TransportFactory factory)
    : options_(std::move(options)), factory_(std::move(factory)) {
  for (ServerConfig& c : configs) {
    auto s = std::make_unique<Server>();
    s->config = std::move(c);
    servers_.push_back(std::move(s));
  }
}

Servers::~Servers() { CloseAll(); }

void Servers::StartAll(base::CancelToken* cancel) {
  std::vector<std::thread> threads;
  for (const auto& s : servers_) {
    threads.emplace_back([this, server = s.get(), cancel] { Connect(*server, cancel); });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& server : servers_) {
    Server& s = *server;
    if (s.status != ServerStatus::kConnected || !s.tools_changed.exchange(false)) continue;
    // The server changed its tools while we were starting (e.g. tools it adds once it knows
    // our capabilities): the list we have may be stale.
    int64_t deadline = base::MonotonicMs() + options_.startup_timeout_ms;
    if (auto tools = ListToolsWithRetries(*s.client, deadline, cancel)) s.tools = std::move(*tools);
  }
}

void Servers::Connect(Server& s, base::CancelToken* cancel) {
  int64_t start = base::MonotonicMs();
  int64_t deadline = start + options_.startup_timeout_ms;
  auto fail = [&](const base::Error& e) {
    s.status = NeedsAuth(e) ? ServerStatus::kNeedsAuth : ServerStatus::kFailed;
    s.error = e.message;
    s.startup_ms = base::MonotonicMs() - start;
    if (s.client) s.client->Close();
    s.client.reset();
    base::log::Warn("MCP server {} {}: {}", s.config.name,
                    s.status == ServerStatus::kNeedsAuth ? "needs authentication" : "failed to start",
                    e.message);
  };
  auto transport = factory_(s.config);
  if (!transport) return fail(transport.error());
  s.client = std::make_unique<Client>(std::move(*transport), options_.client_name,
                                      options_.client_version, s.config.name);
  s.client->SetRoots(options_.roots);
  s.client->OnToolsChanged([&s] { s.tools_changed = true; });
  auto info = s.client->Initialize(options_.startup_timeout_ms, cancel);
  if (!info) return fail(info.error());
  s.info = std::move(*info);
  if (s.info.capabilities.Contains("tools")) {
    auto tools = ListToolsWithRetries(*s.client, deadline, cancel);
    if (!tools) return fail(tools.error());
    s.tools = std::move(*tools);
  }
  if (s.has_prompts()) {
    // As in Claude Code, prompts are extras: a server whose listing fails still offers its tools.
    auto prompts = s.client->ListPrompts(std::max<int64_t>(1, deadline - base::MonotonicMs()), cancel);
    if (prompts) {
      s.prompts = std::move(*prompts);
    } else {
      base::log::Warn("MCP server {}: prompts/list failed: {}", s.config.name, prompts.error().message);
    }
  }
  s.status = ServerStatus::kConnected;
  s.startup_ms = base::MonotonicMs() - start;
  base::log::Debug("MCP server {}: connected in {} ms ({} {}, protocol {}, {} tools, {} prompts)",
                   s.config.name, s.startup_ms, s.info.name, s.info.version, s.info.protocol_version,
                   s.tools.size(), s.prompts.size());
}

base::Result<std::vector<ToolInfo>> Servers::ListToolsWithRetries(Client& client, int64_t deadline,
                                                                  base::CancelToken* cancel) {
  for (int attempt = 0;; ++attempt) {
    int64_t left = deadline - base::MonotonicMs();
    if (left <= 0) {
      return base::Fail(ErrorKind::kTimeout, "tools/list did not finish within MCP_TIMEOUT (" +
                                                 std::to_string(options_.startup_timeout_ms) + " ms)");
    }
    auto tools = client.ListTools(left, cancel);
    if (tools || attempt >= options_.discovery_retries || !IsTransient(tools.error(), client)) {
      return tools;
    }
    int64_t wait = kRetryBaseMs << attempt;
    base::log::Debug("tools/list failed ({}); retrying in {} ms", tools.error().message, wait);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
}

Server* Servers::Find(std::string_view name) const {
  for (const auto& s : servers_) {
    if (s->config.name == name && s->status == ServerStatus::kConnected) return s.get();
  }
  return nullptr;
}

base::Json Servers::StatusJson() const {
  base::Json out = base::Json::MakeArray();
  for (const auto& s : servers_) {
    out.Push(base::JsonObject({{"name", s->config.name}, {"status", ServerStatusName(s->status)}}));
  }
  return out;
}

bool Servers::AnyResources() const {
  for (const auto& s : servers_) {
    if (s->status == ServerStatus::kConnected && s->has_resources()) return true;
  }
  return false;
}

void Servers::CloseAll() {
  std::vector<std::thread> threads;
  for (const auto& s : servers_) {
    if (s->client) threads.emplace_back([c = s->client.get()] { c->Close(); });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace runner::mcp
