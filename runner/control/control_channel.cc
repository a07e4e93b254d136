#include "runner/control/control_channel.h"

#include <chrono>

#include "runner/base/clock.h"
#include "runner/base/uuid.h"
#include "runner/control/control_messages.h"

namespace runner::control {

using base::Json;

ControlChannel::ControlChannel(Writer writer) : writer_(std::move(writer)) {}

base::Result<Json> ControlChannel::Request(Json request, int64_t timeout_ms,
                                           base::CancelToken* cancel) {
  std::string id = base::NewUuid();
  Pending pending;
  {
    std::lock_guard lock(mu_);
    if (closed_) return base::Fail(base::ErrorKind::kIo, *closed_);
    pending_[id] = &pending;
  }
  Json line = Json::MakeObject();
  line.Set("type", Json("control_request"));
  line.Set("request_id", Json(id));
  line.Set("request", std::move(request));
  writer_(std::move(line));

  const int64_t deadline = timeout_ms > 0 ? base::MonotonicMs() + timeout_ms : 0;
  std::unique_lock lock(mu_);
  std::optional<base::Error> failure;
  while (!pending.answer) {
    if (closed_) {
      failure = base::Error{base::ErrorKind::kIo, *closed_};
      break;
    }
    if (cancel && cancel->cancelled()) {
      failure = base::Error{base::ErrorKind::kInterrupted, "cancelled while waiting for the SDK host"};
      break;
    }
    if (deadline > 0 && base::MonotonicMs() >= deadline) {
      failure = base::Error{base::ErrorKind::kTimeout,
                            "the SDK host did not answer within " + std::to_string(timeout_ms) + " ms"};
      break;
    }
    cv_.wait_for(lock, std::chrono::milliseconds(50));
  }
  pending_.erase(id);
  if (pending.answer) return std::move(*pending.answer);
  lock.unlock();
  // Tell the host to stop working on it (not needed when the input is gone).
  if (failure->kind != base::ErrorKind::kIo) writer_(CancelRequest(id));
  return std::unexpected(*failure);
}

bool ControlChannel::Deliver(const Json& line) {
  const Json& response = line["response"];
  const std::string& id = response["request_id"].AsString();
  std::lock_guard lock(mu_);
  auto it = pending_.find(id);
  if (it == pending_.end()) return false;
  if (response["subtype"].AsString() == "error") {
    std::string message = response["error"].is_string() ? response["error"].AsString()
                                                        : "the SDK host answered with an error";
    it->second->answer = base::Fail(base::ErrorKind::kApi, message);
  } else {
    it->second->answer = response["response"];
  }
  cv_.notify_all();
  return true;
}

void ControlChannel::Close(std::string why) {
  std::lock_guard lock(mu_);
  if (!closed_) closed_ = std::move(why);
  cv_.notify_all();
}

void ControlChannel::Respond(const std::string& request_id, Json payload) {
  writer_(SuccessResponse(request_id, std::move(payload)));
}

void ControlChannel::RespondError(const std::string& request_id, const std::string& message) {
  writer_(ErrorResponse(request_id, message));
}

base::Result<permissions::PromptAnswer> ControlChannel::Ask(
    const permissions::PromptRequest& request, base::CancelToken* cancel) {
  // A person may be deciding: no time limit, only cancellation or the end of the input.
  auto payload = Request(CanUseToolRequest(request), 0, cancel);
  if (!payload) return std::unexpected(payload.error());
  return ParsePermissionAnswer(*payload);
}

base::Result<Json> ControlChannel::Call(const std::string& callback_id, const Json& input,
                                        const std::string& tool_use_id, int64_t timeout_ms,
                                        base::CancelToken* cancel) {
  Json request = Json::MakeObject();
  request.Set("subtype", Json("hook_callback"));
  request.Set("callback_id", Json(callback_id));
  request.Set("input", input);
  if (!tool_use_id.empty()) request.Set("tool_use_id", Json(tool_use_id));
  return Request(std::move(request), timeout_ms, cancel);
}

}  // namespace runner::control
