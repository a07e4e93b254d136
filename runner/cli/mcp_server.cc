#include "runner/cli/mcp_server.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

#include "runner/base/log.h"
#include "runner/base/scope.h"
#include "runner/base/strings.h"
#include "runner/cli/mcp_content.h"

namespace runner::cli {
namespace {

using base::Json;
using base::JsonObject;

constexpr auto kPollInterval = std::chrono::milliseconds(100);

RpcFailure Failure(RpcError code, std::string message) {
  return RpcFailure{code, std::move(message)};
}

std::string OutsideMessage(std::string_view tool, const std::vector<std::string>& dirs) {
  return fmt::format(
      "{} refused: the path is outside the directories this server may reach ({}). Start "
      "`claude-runner mcp serve` with `--add-dir <dir>` to allow another directory.",
      tool, fmt::join(dirs, ", "));
}

std::string_view NegotiatedVersion(std::string_view requested) {
  for (std::string_view v : kMcpProtocolVersions) {
    if (v == requested) return v;
  }
  return kMcpProtocolVersions[0];
}

}  // namespace

struct McpServer::Call {
  Json id;
  tools::Tool* tool = nullptr;
  Json arguments;
  bool read_only = false;
  int64_t number = 0;
  base::CancelToken cancel;
  std::atomic<bool> client_cancelled{false};
  bool finished = false;  ///< guarded by McpServer::mu_
  std::thread thread;
};

McpServer::McpServer(std::vector<tools::Tool*> tools, const permissions::Gate& gate,
                     tools::ToolContext context, McpServerOptions options, WriteLine write)
    : tools_(std::move(tools)),
      gate_(gate),
      context_(std::move(context)),
      options_(std::move(options)),
      write_(std::move(write)) {}

McpServer::~McpServer() {
  CancelAll();
  std::list<std::unique_ptr<Call>> calls;
  {
    std::lock_guard lock(mu_);
    calls.swap(calls_);
  }
  for (auto& call : calls) {
    if (call->thread.joinable()) call->thread.join();
  }
}

void McpServer::HandleLine(std::string_view line) {
  if (base::Trim(line).empty()) return;
  auto parsed = Json::Parse(line);
  if (!parsed) {
    return Reject(nullptr, RpcError::kParseError, "Parse error: " + parsed.error().message);
  }
  const Json& message = *parsed;
  if (message.is_array()) {
    return Reject(nullptr, RpcError::kInvalidRequest,
                  "Invalid Request: JSON-RPC batches are not supported");
  }
  if (!message.is_object()) {
    return Reject(nullptr, RpcError::kInvalidRequest, "Invalid Request: not an object");
  }
  const Json* id = message.Find("id");
  bool id_ok = id != nullptr && (id->is_string() || id->is_number());
  Json reply_id = id_ok ? *id : Json();
  const Json* method = message.Find("method");
  if (method == nullptr && (message.Contains("result") || message.Contains("error"))) {
    base::log::Debug("mcp serve: ignoring a response to a request we never sent");
    return;
  }
  if (message["jsonrpc"].AsString() != "2.0") {
    return Reject(reply_id, RpcError::kInvalidRequest, "Invalid Request: jsonrpc must be \"2.0\"");
  }
  if (method == nullptr || !method->is_string()) {
    return Reject(reply_id, RpcError::kInvalidRequest, "Invalid Request: method must be a string");
  }
  const Json& params = message["params"];
  if (id == nullptr) return HandleNotification(method->AsString(), params);
  if (!id_ok) {
    return Reject(nullptr, RpcError::kInvalidRequest,
                  "Invalid Request: id must be a string or a number");
  }
  if (!params.is_null() && !params.is_object()) {
    return Reject(*id, RpcError::kInvalidParams, "Invalid params: params must be an object");
  }
  HandleRequest(*id, method->AsString(), params);
}

void McpServer::HandleRequest(const Json& id, const std::string& method, const Json& params) {
  base::log::Debug("mcp serve: request {} {}", id.Dump(), method);
  if (method == "tools/call") return StartCall(id, params);
  struct Method {
    std::string_view name;
    RpcResult (McpServer::*handler)(const Json& params);
  };
  static constexpr Method kMethods[] = {
      {"initialize", &McpServer::Initialize},
      {"ping", &McpServer::Ping},
      {"tools/list", &McpServer::ListTools},
  };
  for (const Method& m : kMethods) {
    if (m.name != method) continue;
    RpcResult result = (this->*m.handler)(params);
    if (result) return Respond(id, *std::move(result));
    return RespondError(id, result.error());
  }
  RespondError(id, Failure(RpcError::kMethodNotFound, "Method not found: " + method));
}

void McpServer::HandleNotification(const std::string& method, const Json& params) {
  base::log::Debug("mcp serve: notification {}", method);
  if (method == "notifications/cancelled") CancelCall(params["requestId"]);
  // notifications/initialized and anything else need nothing from us.
}

RpcResult McpServer::Initialize(const Json& params) {
  const Json& requested = params["protocolVersion"];
  if (!requested.is_string()) {
    return std::unexpected(
        Failure(RpcError::kInvalidParams, "Invalid params: protocolVersion must be a string"));
  }
  base::log::Debug("mcp serve: client {} {} asks for protocol {}",
                   params["clientInfo"]["name"].AsString(),
                   params["clientInfo"]["version"].AsString(), requested.AsString());
  Json result = JsonObject(
      {{"protocolVersion", NegotiatedVersion(requested.AsString())},
       {"capabilities", JsonObject({{"tools", JsonObject({{"listChanged", false}})}})},
       {"serverInfo", JsonObject({{"name", "claude-runner"}, {"version", options_.version}})}});
  if (!options_.instructions.empty()) result.Set("instructions", options_.instructions);
  return result;
}

RpcResult McpServer::Ping(const Json&) { return Json::MakeObject(); }

RpcResult McpServer::ListTools(const Json& params) {
  // One page holds every tool, so a cursor (which we never hand out) changes nothing.
  if (params.Contains("cursor") && !params["cursor"].is_string() && !params["cursor"].is_null()) {
    return std::unexpected(
        Failure(RpcError::kInvalidParams, "Invalid params: cursor must be a string"));
  }
  Json list = Json::MakeArray();
  for (const tools::Tool* tool : tools_) list.Push(McpToolDefinition(*tool));
  return JsonObject({{"tools", std::move(list)}});
}

void McpServer::StartCall(const Json& id, const Json& params) {
  const Json& name = params["name"];
  if (!name.is_string()) {
    return Reject(id, RpcError::kInvalidParams, "Invalid params: name must be a string");
  }
  const Json& arguments = params["arguments"];
  if (!arguments.is_null() && !arguments.is_object()) {
    return Reject(id, RpcError::kInvalidParams, "Invalid params: arguments must be an object");
  }
  tools::Tool* tool = FindTool(name.AsString());
  if (tool == nullptr) {
    return Reject(id, RpcError::kInvalidParams, "Unknown tool: " + name.AsString());
  }
  ReapFinished();
  auto call = std::make_unique<Call>();
  call->id = id;
  call->tool = tool;
  call->arguments = arguments.is_null() ? Json::MakeObject() : arguments;
  call->read_only = tool->IsReadOnly(call->arguments);
  Call* started = call.get();
  std::lock_guard lock(mu_);
  call->number = next_call_++;
  if (!call->read_only) exclusive_queue_.push_back(started);
  calls_.push_back(std::move(call));
  started->thread = std::thread([this, started] { RunCall(*started); });
}

void McpServer::RunCall(Call& call) {
  tools::ToolResult result = Execute(call);
  if (!call.client_cancelled.load()) {
    Respond(call.id, McpCallResult(result, call.arguments));
  } else {
    base::log::Debug("mcp serve: call {} was cancelled by the client; no answer", call.id.Dump());
  }
  {
    std::lock_guard lock(mu_);
    call.finished = true;
  }
  cv_.notify_all();
}

tools::ToolResult McpServer::Execute(Call& call) {
  if (!Acquire(call, call.read_only)) {
    return tools::ToolResult::Error("The call was cancelled before it started");
  }
  base::Defer release([&] { Release(call.read_only); });
  std::string current_dir = gate_.working_dirs().empty() ? std::string() : gate_.working_dirs()[0];
  if (context_.session != nullptr) {
    std::lock_guard lock(context_.session->mu);
    if (!context_.session->bash_cwd.empty()) current_dir = context_.session->bash_cwd.string();
  }
  permissions::Decision decision = gate_.Check(
      call.tool->name(), tools::PermissionKindOf(*call.tool, call.arguments), call.arguments, current_dir);
  if (!decision.allowed && decision.reason_type == permissions::ReasonType::kWorkingDir) {
    return tools::ToolResult::Error(OutsideMessage(call.tool->name(), gate_.working_dirs()));
  }
  tools::ToolContext ctx = context_;
  ctx.cancel = &call.cancel;
  ctx.tool_use_id = "mcp_call_" + std::to_string(call.number);
  return call.tool->Run(call.arguments, ctx);
}

bool McpServer::Acquire(Call& call, bool read_only) {
  std::unique_lock lock(mu_);
  if (read_only) {
    cv_.wait(lock, [&] {
      return reads_running_ < options_.max_parallel_reads || call.cancel.cancelled();
    });
    if (call.cancel.cancelled()) return false;
    ++reads_running_;
    return true;
  }
  cv_.wait(lock, [&] {
    return (!exclusive_busy_ && exclusive_queue_.front() == &call) || call.cancel.cancelled();
  });
  std::erase(exclusive_queue_, &call);
  if (call.cancel.cancelled()) {
    cv_.notify_all();  // the next call in the queue may be at the front now
    return false;
  }
  exclusive_busy_ = true;
  return true;
}

void McpServer::Release(bool read_only) {
  {
    std::lock_guard lock(mu_);
    if (read_only) {
      --reads_running_;
    } else {
      exclusive_busy_ = false;
    }
  }
  cv_.notify_all();
}

void McpServer::CancelCall(const Json& request_id) {
  {
    std::lock_guard lock(mu_);
    for (auto& call : calls_) {
      if (call->finished || !(call->id == request_id)) continue;
      base::log::Debug("mcp serve: cancelling call {}", request_id.Dump());
      call->client_cancelled.store(true);
      call->cancel.Cancel(base::CancelReason::kInterrupt);
    }
  }
  cv_.notify_all();
}

void McpServer::CancelAll() {
  {
    std::lock_guard lock(mu_);
    for (auto& call : calls_) call->cancel.Cancel(base::CancelReason::kTerminate);
  }
  cv_.notify_all();
}

void McpServer::Wait(base::CancelToken& shutdown) {
  bool cancelled = false;
  while (true) {
    {
      std::unique_lock lock(mu_);
      bool running =
          std::any_of(calls_.begin(), calls_.end(), [](const auto& c) { return !c->finished; });
      if (!running) break;
      cv_.wait_for(lock, kPollInterval);
    }
    if (!cancelled && shutdown.cancelled()) {
      CancelAll();
      cancelled = true;
    }
  }
  ReapFinished();
}

void McpServer::ReapFinished() {
  std::list<std::unique_ptr<Call>> done;
  {
    std::lock_guard lock(mu_);
    for (auto it = calls_.begin(); it != calls_.end();) {
      if ((*it)->finished) {
        done.push_back(std::move(*it));
        it = calls_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& call : done) call->thread.join();
}

tools::Tool* McpServer::FindTool(std::string_view name) const {
  for (tools::Tool* tool : tools_) {
    if (tool->name() == name) return tool;
  }
  return nullptr;
}

void McpServer::Respond(const Json& id, Json result) {
  Write(JsonObject({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}));
}

void McpServer::Reject(const Json& id, RpcError code, std::string message) {
  RespondError(id, Failure(code, std::move(message)));
}

void McpServer::RespondError(const Json& id, const RpcFailure& failure) {
  Json error = JsonObject({{"code", static_cast<int>(failure.code)}, {"message", failure.message}});
  Write(JsonObject({{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}}));
}

void McpServer::Write(const Json& message) {
  std::string line = message.Dump();
  std::lock_guard lock(write_mu_);
  write_(std::move(line));
}

}  // namespace runner::cli
