#include "runner/cli/stream_session.h"

#include <chrono>

#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/cli/mcp_setup.h"
#include "runner/control/control_messages.h"
#include "runner/settings/models.h"

namespace runner::cli {

using base::Json;

StreamInput::StreamInput(control::ControlChannel& channel, base::CancelToken& cancel)
    : channel_(channel), cancel_(cancel) {}

StreamInput::~StreamInput() {
  stop_.Cancel(base::CancelReason::kTerminate);
  if (router_.joinable()) router_.join();
}

void StreamInput::Start(int fd) {
  lines_.Start(fd);
  router_ = std::thread([this] {
    while (auto line = lines_.Next(stop_)) Route(*line);
    if (stop_.cancelled()) return;
    channel_.Close("the SDK host closed stdin");
    std::lock_guard lock(mu_);
    eof_ = true;
    cv_.notify_all();
  });
}

void StreamInput::Push(StreamItem item) {
  std::lock_guard lock(mu_);
  items_.push_back(std::move(item));
  cv_.notify_all();
}

void StreamInput::PushFront(StreamItem item) {
  std::lock_guard lock(mu_);
  items_.push_front(std::move(item));
  cv_.notify_all();
}

void StreamInput::SetRequestHandler(std::function<void(const protocol::InputMessage&)> handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

void StreamInput::Route(const std::string& line) {
  if (base::Trim(line).empty()) return;
  auto input = protocol::ParseInputLine(line);
  if (!input) {
    Push({StreamItem::Kind::kError, {}, input.error().message});
    return;
  }
  switch (input->kind) {
    case protocol::InputKind::kUser:
      Push({StreamItem::Kind::kUser, std::move(*input), {}});
      return;
    case protocol::InputKind::kKeepAlive:
      return;
    case protocol::InputKind::kControlResponse:
      if (!channel_.Deliver(input->raw)) {
        base::log::Debug("control_response for a request nobody waits for: {}", line);
      }
      return;
    case protocol::InputKind::kControlCancelRequest:
      // The host gave up on a request of its own; we answer requests at once, so there is
      // nothing left to stop.
      return;
    case protocol::InputKind::kControlRequest:
      break;
  }
  const std::string& id = input->raw["request_id"].AsString();
  const std::string& subtype = input->raw["request"]["subtype"].AsString();
  if (subtype == "interrupt") {
    if (turn_running_.load()) cancel_.Cancel(base::CancelReason::kTurnInterrupt);
    Json payload = Json::MakeObject();
    payload.Set("still_queued", Json::MakeArray());
    channel_.Respond(id, std::move(payload));
    return;
  }
  std::function<void(const protocol::InputMessage&)> handler;
  {
    std::lock_guard lock(mu_);
    handler = handler_;
  }
  if (handler) {
    handler(*input);
  } else {
    Push({StreamItem::Kind::kControlRequest, std::move(*input), {}});
  }
}

std::optional<StreamItem> StreamInput::Next(base::CancelToken& cancel) {
  std::unique_lock lock(mu_);
  while (true) {
    if (!items_.empty()) {
      StreamItem item = std::move(items_.front());
      items_.pop_front();
      return item;
    }
    if (eof_ || cancel.cancelled()) return std::nullopt;
    cv_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

namespace {

/// The initialize request's system prompt parts: an array of strings (or one string).
std::string JoinPrompt(const Json& value) {
  if (value.is_string()) return value.AsString();
  std::string out;
  for (const Json& part : value.items()) {
    if (!part.is_string() || part.AsString().empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += part.AsString();
  }
  return out;
}

/// Applies one initialize request; a kUsage error names the bad field.
base::Result<InitializeSettings> ApplyInitialize(const Json& request, agent::AgentOptions& options) {
  InitializeSettings out;
  hooks::HookConfigParse parsed = hooks::ParseCallbackHooks(request["hooks"]);
  if (!parsed.errors.empty()) {
    return base::Fail(base::ErrorKind::kUsage, "initialize: " + parsed.errors.front());
  }
  for (const std::string& e : parsed.unsupported_events) {
    base::log::Warn("initialize: hook event {} is not fired by claude-runner; its callbacks never run", e);
  }
  out.callback_hooks = std::move(parsed.config);
  if (request["systemPrompt"].is_array() || request["systemPrompt"].is_string()) {
    options.system_prompt = JoinPrompt(request["systemPrompt"]);
  }
  if (request["appendSystemPrompt"].is_string()) {
    std::string append = request["appendSystemPrompt"].AsString();
    options.append_system_prompt = options.append_system_prompt.empty()
                                       ? append
                                       : options.append_system_prompt + "\n\n" + append;
  }
  if (!request["jsonSchema"].is_null()) {
    if (!request["jsonSchema"].is_object()) {
      return base::Fail(base::ErrorKind::kUsage, "initialize: jsonSchema must be an object");
    }
    options.json_schema = request["jsonSchema"];
  }
  auto agents = agent::ParseAgentDefinitionsJson(request["agents"]);
  if (!agents) return base::Fail(base::ErrorKind::kUsage, "initialize: " + agents.error().message);
  options.extra_agents = agent::WithAgentOverrides(std::move(options.extra_agents), *agents);
  for (const char* unsupported : {"sdkMcpServers", "mcpServers", "plugins"}) {
    const Json& v = request[unsupported];
    if ((v.is_array() || v.is_object()) && !v.empty()) {
      base::log::Warn("initialize: {} is not supported yet; ignoring it", unsupported);
    }
  }
  return out;
}

}  // namespace

InitializeRequest AwaitInitialize(StreamInput& input, control::ControlChannel& channel,
                                  agent::AgentOptions& options, base::CancelToken& cancel) {
  InitializeRequest out;
  std::optional<StreamItem> first = input.Next(cancel);
  if (!first) return out;
  const Json& raw = first->message.raw;
  if (first->kind != StreamItem::Kind::kControlRequest ||
      raw["request"]["subtype"].AsString() != "initialize") {
    input.PushFront(std::move(*first));
    return out;
  }
  const std::string& id = raw["request_id"].AsString();
  auto applied = ApplyInitialize(raw["request"], options);
  if (!applied) {
    base::log::Error("{}", applied.error().message);
    channel.RespondError(id, applied.error().message);
    return out;
  }
  out.request_id = id;
  out.settings = std::move(*applied);
  return out;
}

void HandleHostRequest(const protocol::InputMessage& request, control::ControlChannel& channel,
                       HostControls& controls) {
  const std::string& id = request.raw["request_id"].AsString();
  const Json& body = request.raw["request"];
  const std::string& subtype = body["subtype"].AsString();
  if (subtype == "set_permission_mode") {
    auto mode = permissions::ParsePermissionMode(body["mode"].AsString());
    if (!mode) {
      channel.RespondError(id, mode.error().message);
      return;
    }
    controls.gate.SetMode(*mode);
    if (controls.hooks) controls.hooks->SetPermissionMode(body["mode"].AsString());
    channel.Respond(id, Json());
    return;
  }
  if (subtype == "set_model") {
    std::string model = body["model"].is_string() ? body["model"].AsString() : "";
    controls.agent.SetModel(settings::ResolveModel(model == "default" ? "" : model, controls.env));
    channel.Respond(id, Json());
    return;
  }
  if (subtype == "mcp_status") {
    Json payload = Json::MakeObject();
    payload.Set("mcpServers", Json::MakeArray());
    channel.Respond(id, controls.mcp ? McpStatusPayload(*controls.mcp) : std::move(payload));
    return;
  }
  if (subtype == "initialize") {
    channel.RespondError(id, "initialize: the session is already initialized");
    return;
  }
  channel.RespondError(id, "claude-runner does not support the control request \"" + subtype + "\"");
}

ExitCode RunStreamTurns(StreamInput& input, control::ControlChannel& channel,
                        HostControls& controls, base::CancelToken& cancel,
                        const std::function<ExitCode(const Json& content)>& run_turn) {
  ExitCode code = ExitCode::kSuccess;
  while (auto item = input.Next(cancel)) {
    switch (item->kind) {
      case StreamItem::Kind::kError:
        base::log::Error("{}", item->error);
        return ExitCode::kUsage;
      case StreamItem::Kind::kControlRequest:
        HandleHostRequest(item->message, channel, controls);
        continue;
      case StreamItem::Kind::kUser:
        break;
    }
    input.SetTurnRunning(true);
    ExitCode turn_code = run_turn(item->message.message.content);
    input.SetTurnRunning(false);
    code = cancel.Clear(base::CancelReason::kTurnInterrupt) ? ExitCode::kSuccess : turn_code;
    if (cancel.cancelled()) break;
  }
  return code;
}

}  // namespace runner::cli
