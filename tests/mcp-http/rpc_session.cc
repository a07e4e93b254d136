#include "tests/mcp-http/rpc_session.h"

#include "runner/base/log.h"

namespace mcp_http_test {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::JsonObject;

Result<void> RpcSession::Start(ServerRequestFn on_request) {
  on_request_ = std::move(on_request);
  return transport_.Start([this](Json m) { OnMessage(std::move(m)); },
                          [](std::string why) { runner::base::log::Info("closed: {}", why); });
}

Result<Json> RpcSession::Initialize(const std::string& version, Json capabilities) {
  Json params =
      JsonObject({{"protocolVersion", version},
                  {"capabilities", std::move(capabilities)},
                  {"clientInfo",
                   JsonObject({{"name", "claude-runner-mcp-http-test"}, {"version", "0.1.0"}})}});
  Json result = TRY(Call("initialize", std::move(params)));
  transport_.SetProtocolVersion(result["protocolVersion"].AsString());
  TRY_VOID(Notify("notifications/initialized"));
  return result;
}

Result<Json> RpcSession::Call(const std::string& method, Json params, int64_t timeout_ms) {
  int64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
  }
  TRY_VOID(transport_.Send(JsonObject(
      {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}})));
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                         [&] { return responses_.contains(id); })) {
    return Fail(ErrorKind::kTimeout,
                method + ": no answer within " + std::to_string(timeout_ms) + " ms");
  }
  Json response = std::move(responses_[id]);
  responses_.erase(id);
  if (response.Contains("error")) {
    last_error_ = response["error"];
    return Fail(ErrorKind::kApi, method + ": " + response["error"]["message"].AsString());
  }
  last_error_ = Json();
  return response["result"];
}

Json RpcSession::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

Result<void> RpcSession::Notify(const std::string& method, Json params) {
  return transport_.Send(
      JsonObject({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}));
}

std::vector<Json> RpcSession::notifications() const {
  std::lock_guard lock(mutex_);
  return notifications_;
}

void RpcSession::OnMessage(Json message) {
  bool has_method = message["method"].is_string();
  if (has_method && message.Contains("id")) {
    // A server request: answer it on this (transport) thread.
    Result<Json> result =
        on_request_ ? on_request_(message) : Fail(ErrorKind::kUsage, "Method not found");
    Json response = JsonObject({{"jsonrpc", "2.0"}, {"id", message["id"]}});
    if (result) {
      response.Set("result", std::move(*result));
    } else {
      response.Set("error", JsonObject({{"code", -32601}, {"message", result.error().message}}));
    }
    if (auto sent = transport_.Send(response); !sent) {
      runner::base::log::Warn("answering {} failed: {}", message["method"].AsString(),
                              sent.error().message);
    }
    return;
  }
  std::lock_guard lock(mutex_);
  if (has_method) {
    notifications_.push_back(std::move(message));
  } else if (message["id"].is_int()) {
    responses_[message["id"].AsInt()] = std::move(message);
  }
  arrived_.notify_all();
}

}  // namespace mcp_http_test
