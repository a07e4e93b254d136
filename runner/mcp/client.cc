#include "runner/mcp/client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

#include "runner/base/clock.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/mcp/json_rpc.h"

namespace runner::mcp {

using base::ErrorKind;
using base::Fail;
using base::Json;

const std::vector<std::string> kProtocolVersions = {"2025-11-25", "2025-06-18", "2025-03-26",
                                                    "2024-11-05"};

namespace {

/// How often a waiting call looks at its cancel token.
constexpr int64_t kWaitSliceMs = 50;
/// Most pages a list call follows (a server repeating cursors cannot loop us forever).
constexpr int kMaxPages = 1000;

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
}

/// `file://` URI of an absolute path, percent-encoding what is not plain.
std::string FileUri(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    if (IsUnreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return name.empty() ? path : name;
}

ToolInfo ParseTool(const Json& t) {
  ToolInfo info;
  info.name = t["name"].AsString();
  info.title = t["title"].AsString();
  info.description = t["description"].AsString();
  info.input_schema =
      t["inputSchema"].is_object() ? t["inputSchema"] : base::JsonObject({{"type", "object"}});
  info.output_schema = t["outputSchema"];
  info.annotations = t["annotations"];
  if (info.title.empty()) info.title = info.annotations["title"].AsString();
  return info;
}

ResourceInfo ParseResource(const Json& r) {
  return ResourceInfo{r["uri"].AsString(), r["name"].AsString(), r["title"].AsString(),
                      r["description"].AsString(), r["mimeType"].AsString()};
}

PromptInfo ParsePrompt(const Json& p) {
  return PromptInfo{p["name"].AsString(), p["title"].AsString(), p["description"].AsString(),
                    p["arguments"].is_array() ? p["arguments"] : Json::MakeArray()};
}

/// One request waiting for its answer.
struct Pending {
  std::optional<Json> response;
  ProgressFn progress;
};

}  // namespace

struct Client::State {
  std::unique_ptr<Transport> transport;
  std::string client_name, client_version, server_name;
  std::vector<std::string> roots;
  ServerInfo info;

  mutable std::mutex mu;
  std::condition_variable cv;
  int64_t next_id = 1;
  std::map<int64_t, std::shared_ptr<Pending>> pending;
  bool started = false;
  bool closed = false;        ///< the connection ended (or Close was called)
  bool close_called = false;  ///< Close() ran: the transport is closed
  std::string close_reason;
  std::function<void()> on_tools_changed;
  std::map<std::string, RequestHandler> handlers;  ///< set before Initialize, then read-only
  Json capabilities = Json::MakeObject();          ///< declared in initialize
  std::mutex reinit_mu;                            ///< one re-initialization at a time
  uint64_t generation = 0;    ///< bumped by every successful handshake (guarded by mu)
  int reinitializations = 0;  ///< guarded by mu

  std::string Label() const {
    return server_name.empty() ? "MCP server" : "MCP server " + server_name;
  }

  void OnMessage(Json m);
  void OnClose(std::string why);
  void OnNotification(const Json& m);
  void OnServerRequest(const Json& m);
  void SendCancelled(int64_t id, const std::string& reason);
  /// Sends a request and waits for its answer (or the deadline, cancellation, a closed
  /// connection). `cancellable` false: no notifications/cancelled (initialize must not be).
  /// `expired` (may be null) is set when the answer says the session expired.
  base::Result<Json> CallOnce(const std::string& method, Json params, int64_t timeout_ms,
                              base::CancelToken* cancel, const ProgressFn& progress,
                              bool cancellable, bool* expired);
  /// CallOnce; when the session expired, initialize again (once for all the calls that saw
  /// the same session expire) and retry once.
  base::Result<Json> Call(const std::string& method, const Json& params, int64_t timeout_ms,
                          base::CancelToken* cancel, const ProgressFn& progress, bool cancellable);
  /// initialize → protocol version → notifications/initialized on the started transport.
  base::Result<ServerInfo> Handshake(int64_t timeout_ms, base::CancelToken* cancel);
  base::Result<Json> Wait(int64_t id, const std::shared_ptr<Pending>& p, const std::string& method,
                          int64_t timeout_ms, base::CancelToken* cancel, bool cancellable,
                          bool* expired);
};

void Client::State::OnMessage(Json m) {
  switch (rpc::Classify(m)) {
    case rpc::Kind::kResponse: {
      if (!m["id"].is_int()) {
        base::log::Debug("{}: answer with an id we never sent: {}", Label(), m["id"].Dump());
        return;
      }
      std::lock_guard lock(mu);
      auto it = pending.find(m["id"].AsInt());
      if (it == pending.end()) return;  // abandoned (timed out or cancelled)
      it->second->response = std::move(m);
      cv.notify_all();
      return;
    }
    case rpc::Kind::kNotification:
      OnNotification(m);
      return;
    case rpc::Kind::kRequest:
      OnServerRequest(m);
      return;
    case rpc::Kind::kInvalid:
      base::log::Debug("{}: ignoring a message that is not JSON-RPC: {}", Label(),
                       base::TruncateMiddle(m.Dump(), 500));
      return;
  }
}

void Client::State::OnNotification(const Json& m) {
  const std::string& method = m["method"].AsString();
  const Json& params = m["params"];
  if (method == "notifications/progress") {
    ProgressFn fn;
    {
      std::lock_guard lock(mu);
      auto it = pending.find(params["progressToken"].AsInt(-1));
      if (it != pending.end()) fn = it->second->progress;
    }
    if (fn)
      fn(params["progress"].AsDouble(), params["total"].AsDouble(), params["message"].AsString());
  } else if (method == "notifications/tools/list_changed") {
    std::function<void()> fn;
    {
      std::lock_guard lock(mu);
      fn = on_tools_changed;
    }
    base::log::Debug("{}: its tool list changed", Label());
    if (fn) fn();
  } else if (method == "notifications/message") {
    base::log::Debug(
        "{} log ({}): {}", Label(), params["level"].AsString(),
        base::TruncateMiddle(
            params["data"].is_string() ? params["data"].AsString() : params["data"].Dump(), 2000));
  } else {
    base::log::Debug("{}: ignoring notification {}", Label(), method);
  }
}

void Client::State::OnServerRequest(const Json& m) {
  const std::string& method = m["method"].AsString();
  Json answer;
  if (auto handler = handlers.find(method); handler != handlers.end()) {
    auto result = handler->second(m["params"]);
    answer = result ? rpc::Response(m["id"], std::move(*result))
                    : rpc::ErrorResponse(m["id"], rpc::kInternalError, result.error().message);
  } else if (method == "ping") {
    answer = rpc::Response(m["id"], Json::MakeObject());
  } else if (method == "roots/list" && !roots.empty()) {
    Json list = Json::MakeArray();
    for (const std::string& dir : roots) {
      list.Push(base::JsonObject({{"uri", FileUri(dir)}, {"name", BaseName(dir)}}));
    }
    answer = rpc::Response(m["id"], base::JsonObject({{"roots", std::move(list)}}));
  } else {
    base::log::Debug("{}: refusing its request {}", Label(), method);
    answer = rpc::ErrorResponse(m["id"], rpc::kMethodNotFound, "Method not found: " + method);
  }
  if (auto sent = transport->Send(answer); !sent) {
    base::log::Debug("{}: cannot answer {}: {}", Label(), method, sent.error().message);
  }
}

void Client::State::OnClose(std::string why) {
  base::log::Debug("{}: connection closed: {}", Label(), why);
  std::lock_guard lock(mu);
  if (!closed) {
    closed = true;
    close_reason = std::move(why);
  }
  cv.notify_all();
}

void Client::State::SendCancelled(int64_t id, const std::string& reason) {
  auto sent = transport->Send(rpc::Notification(
      "notifications/cancelled", base::JsonObject({{"requestId", id}, {"reason", reason}})));
  if (!sent)
    base::log::Debug("{}: cannot send the cancellation: {}", Label(), sent.error().message);
}

base::Result<Json> Client::State::Call(const std::string& method, const Json& params,
                                       int64_t timeout_ms, base::CancelToken* cancel,
                                       const ProgressFn& progress, bool cancellable) {
  uint64_t seen;
  {
    std::lock_guard lock(mu);
    seen = generation;
  }
  bool expired = false;
  auto result = CallOnce(method, params, timeout_ms, cancel, progress, cancellable, &expired);
  if (result || !expired) return result;
  {
    std::lock_guard reinit(reinit_mu);
    bool stale;
    {
      std::lock_guard lock(mu);
      stale = generation == seen;  // nobody re-initialized since our call started
    }
    if (stale) {
      base::log::Warn("{}: its session expired; initializing a new one", Label());
      auto again = Handshake(timeout_ms, cancel);
      if (!again) {
        base::Error e = result.error();
        e.message += "; initializing a new session failed: " + again.error().message;
        return Fail(std::move(e));
      }
      std::lock_guard lock(mu);
      ++reinitializations;
    }
  }
  return CallOnce(method, params, timeout_ms, cancel, progress, cancellable, nullptr);
}

base::Result<Json> Client::State::CallOnce(const std::string& method, Json params,
                                           int64_t timeout_ms, base::CancelToken* cancel,
                                           const ProgressFn& progress, bool cancellable,
                                           bool* expired) {
  auto p = std::make_shared<Pending>();
  p->progress = progress;
  int64_t id;
  {
    std::lock_guard lock(mu);
    if (closed) return Fail(ErrorKind::kNetwork, Label() + " is not connected: " + close_reason);
    id = next_id++;
    pending[id] = p;
  }
  if (progress) {
    if (!params.is_object()) params = Json::MakeObject();
    params.Slot("_meta").Set("progressToken", id);
  }
  if (auto sent = transport->Send(rpc::Request(id, method, std::move(params))); !sent) {
    std::lock_guard lock(mu);
    pending.erase(id);
    return Fail(sent.error());
  }
  return Wait(id, p, method, timeout_ms, cancel, cancellable, expired);
}

base::Result<Json> Client::State::Wait(int64_t id, const std::shared_ptr<Pending>& p,
                                       const std::string& method, int64_t timeout_ms,
                                       base::CancelToken* cancel, bool cancellable, bool* expired) {
  int64_t deadline = timeout_ms > 0 ? base::MonotonicMs() + timeout_ms : 0;
  std::unique_lock lock(mu);
  while (!p->response) {
    std::string abandon;  // why we stop waiting; empty = keep waiting
    base::Error error;
    if (closed) {
      pending.erase(id);
      return Fail(ErrorKind::kNetwork, Label() + " closed the connection during " + method +
                                           (close_reason.empty() ? "" : ": " + close_reason));
    }
    if (cancel && cancel->cancelled()) {
      abandon = "The client cancelled the request";
      error = {ErrorKind::kInterrupted, method + " was cancelled"};
    } else if (deadline && base::MonotonicMs() >= deadline) {
      abandon = "The client's timeout expired";
      error = {ErrorKind::kTimeout, Label() + " did not answer " + method + " within " +
                                        std::to_string(timeout_ms) + " ms"};
    }
    if (!abandon.empty()) {
      pending.erase(id);
      lock.unlock();
      if (cancellable) SendCancelled(id, abandon);
      return Fail(std::move(error));
    }
    int64_t slice = kWaitSliceMs;
    if (deadline) slice = std::clamp<int64_t>(deadline - base::MonotonicMs(), 1, kWaitSliceMs);
    cv.wait_for(lock, std::chrono::milliseconds(slice));
  }
  Json response = std::move(*p->response);
  pending.erase(id);
  lock.unlock();
  if (expired) *expired = response["error"]["data"]["sessionExpired"].AsBool();
  return rpc::ResultOf(response);
}

Client::Client(std::unique_ptr<Transport> transport, std::string client_name,
               std::string client_version, std::string server_name)
    : state_(std::make_unique<State>()) {
  state_->transport = std::move(transport);
  state_->client_name = std::move(client_name);
  state_->client_version = std::move(client_version);
  state_->server_name = std::move(server_name);
}

Client::~Client() { Close(); }

void Client::SetRoots(std::vector<std::string> dirs) { state_->roots = std::move(dirs); }

void Client::SetRequestHandler(std::string method, RequestHandler handler, std::string capability,
                               Json capability_value) {
  if (!capability.empty()) state_->capabilities.Set(capability, std::move(capability_value));
  state_->handlers[std::move(method)] = std::move(handler);
}

int Client::reinitializations() const {
  std::lock_guard lock(state_->mu);
  return state_->reinitializations;
}

base::Result<ServerInfo> Client::Initialize(int64_t timeout_ms, base::CancelToken* cancel) {
  State& s = *state_;
  {
    std::lock_guard lock(s.mu);
    if (s.started) return Fail(ErrorKind::kInternal, "Initialize called twice");
    s.started = true;
  }
  TRY_VOID(s.transport->Start([&s](Json m) { s.OnMessage(std::move(m)); },
                              [&s](std::string why) { s.OnClose(std::move(why)); }));
  return s.Handshake(timeout_ms, cancel);
}

base::Result<ServerInfo> Client::State::Handshake(int64_t timeout_ms, base::CancelToken* cancel) {
  State& s = *this;
  Json capabilities = s.capabilities;
  if (!s.roots.empty()) capabilities.Set("roots", base::JsonObject({{"listChanged", false}}));
  Json params = base::JsonObject(
      {{"protocolVersion", kProtocolVersions.front()},
       {"capabilities", std::move(capabilities)},
       {"clientInfo", base::JsonObject({{"name", s.client_name}, {"version", s.client_version}})}});
  Json result =
      TRY(s.CallOnce("initialize", std::move(params), timeout_ms, cancel, {}, false, nullptr));
  std::string version = result["protocolVersion"].AsString();
  if (std::find(kProtocolVersions.begin(), kProtocolVersions.end(), version) ==
      kProtocolVersions.end()) {
    return Fail(ErrorKind::kConfig, s.Label() + " chose protocol version '" + version +
                                        "', which claude-runner does not speak (it speaks " +
                                        base::Join(kProtocolVersions, ", ") + ")");
  }
  s.transport->SetProtocolVersion(version);
  ServerInfo info;
  info.protocol_version = version;
  info.name = result["serverInfo"]["name"].AsString();
  info.version = result["serverInfo"]["version"].AsString();
  info.instructions = result["instructions"].AsString();
  info.capabilities =
      result["capabilities"].is_object() ? result["capabilities"] : Json::MakeObject();
  TRY_VOID(s.transport->Send(rpc::Notification("notifications/initialized", Json())));
  std::lock_guard lock(s.mu);
  s.info = info;
  ++s.generation;
  return info;
}

base::Result<std::vector<ToolInfo>> Client::ListTools(int64_t timeout_ms,
                                                      base::CancelToken* cancel) {
  std::vector<ToolInfo> out;
  Json cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    Json params = cursor.is_null() ? Json() : base::JsonObject({{"cursor", cursor}});
    Json result = TRY(state_->Call("tools/list", std::move(params), timeout_ms, cancel, {}, true));
    for (const Json& t : result["tools"].items()) {
      if (t["name"].is_string() && !t["name"].AsString().empty()) out.push_back(ParseTool(t));
    }
    cursor = result["nextCursor"];
    if (!cursor.is_string() || cursor.AsString().empty()) return out;
  }
  return out;
}

base::Result<Json> Client::CallTool(const std::string& name, const Json& arguments,
                                    int64_t timeout_ms, base::CancelToken* cancel,
                                    const ProgressFn& progress, const Json& meta) {
  Json params = base::JsonObject(
      {{"name", name}, {"arguments", arguments.is_object() ? arguments : Json::MakeObject()}});
  if (meta.is_object() && !meta.empty()) params.Set("_meta", meta);
  Json result =
      TRY(state_->Call("tools/call", std::move(params), timeout_ms, cancel, progress, true));
  if (!result.is_object()) return Fail(ErrorKind::kParse, "tools/call answered with a non-object");
  return result;
}

base::Result<std::vector<ResourceInfo>> Client::ListResources(int64_t timeout_ms,
                                                              base::CancelToken* cancel) {
  std::vector<ResourceInfo> out;
  Json cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    Json params = cursor.is_null() ? Json() : base::JsonObject({{"cursor", cursor}});
    Json result =
        TRY(state_->Call("resources/list", std::move(params), timeout_ms, cancel, {}, true));
    for (const Json& r : result["resources"].items()) {
      if (r["uri"].is_string()) out.push_back(ParseResource(r));
    }
    cursor = result["nextCursor"];
    if (!cursor.is_string() || cursor.AsString().empty()) return out;
  }
  return out;
}

base::Result<Json> Client::ReadResource(const std::string& uri, int64_t timeout_ms,
                                        base::CancelToken* cancel) {
  Json result = TRY(state_->Call("resources/read", base::JsonObject({{"uri", uri}}), timeout_ms,
                                 cancel, {}, true));
  return result["contents"].is_array() ? result["contents"] : Json::MakeArray();
}

base::Result<std::vector<PromptInfo>> Client::ListPrompts(int64_t timeout_ms,
                                                          base::CancelToken* cancel) {
  std::vector<PromptInfo> out;
  Json cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    Json params = cursor.is_null() ? Json() : base::JsonObject({{"cursor", cursor}});
    Json result =
        TRY(state_->Call("prompts/list", std::move(params), timeout_ms, cancel, {}, true));
    for (const Json& p : result["prompts"].items()) {
      if (p["name"].is_string()) out.push_back(ParsePrompt(p));
    }
    cursor = result["nextCursor"];
    if (!cursor.is_string() || cursor.AsString().empty()) return out;
  }
  return out;
}

base::Result<Json> Client::GetPrompt(const std::string& name, const Json& arguments,
                                     int64_t timeout_ms, base::CancelToken* cancel) {
  Json params = base::JsonObject({{"name", name}});
  if (arguments.is_object()) params.Set("arguments", arguments);
  Json result = TRY(state_->Call("prompts/get", std::move(params), timeout_ms, cancel, {}, true));
  return result["messages"].is_array() ? result["messages"] : Json::MakeArray();
}

base::Result<void> Client::Ping(int64_t timeout_ms, base::CancelToken* cancel) {
  TRY_VOID(state_->Call("ping", Json(), timeout_ms, cancel, {}, true));
  return {};
}

void Client::OnToolsChanged(std::function<void()> fn) {
  std::lock_guard lock(state_->mu);
  state_->on_tools_changed = std::move(fn);
}

const ServerInfo& Client::server_info() const { return state_->info; }

std::string Client::close_reason() const {
  std::lock_guard lock(state_->mu);
  return state_->close_reason;
}

bool Client::closed() const {
  std::lock_guard lock(state_->mu);
  return state_->closed;
}

void Client::Close() {
  if (!state_) return;
  {
    std::lock_guard lock(state_->mu);
    if (state_->close_called) return;
    state_->close_called = true;
  }
  if (state_->started) state_->transport->Close();
  std::lock_guard lock(state_->mu);
  if (!state_->closed) {
    state_->closed = true;
    state_->close_reason = "closed by claude-runner";
  }
  state_->cv.notify_all();
}

}  // namespace runner::mcp
