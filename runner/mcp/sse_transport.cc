#include "runner/mcp/sse_transport.h"

#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/mcp/jsonrpc_http.h"

namespace runner::mcp {

using base::Json;

namespace {

constexpr size_t kMaxErrorBody = 4096;

bool IsSuccess(int status) { return status >= 200 && status < 300; }

}  // namespace

SseTransport::SseTransport(base::HttpClient& http, SseTransportOptions options)
    : http_(http), options_(std::move(options)) {}

SseTransport::~SseTransport() { Close(); }

std::string SseTransport::endpoint() const {
  std::lock_guard lock(mutex_);
  return endpoint_;
}

void SseTransport::SetProtocolVersion(const std::string& version) {
  std::lock_guard lock(mutex_);
  protocol_version_ = version;
}

base::Result<void> SseTransport::Start(OnMessage on_message, OnClose on_close) {
  std::string where = "MCP server " + options_.url + ": ";
  if (!options_.url.starts_with("http://") && !options_.url.starts_with("https://")) {
    return base::Fail(base::ErrorKind::kConfig,
                      "MCP server URL must start with http:// or https://: " + options_.url);
  }
  if (closing_ || reader_.joinable()) {
    return base::Fail(base::ErrorKind::kIo, where + "transport already started or closed");
  }
  on_message_ = std::move(on_message);
  on_close_ = std::move(on_close);
  reader_ = std::thread([this] { Read(); });
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, std::chrono::milliseconds(options_.connect_timeout_ms),
                    [&] { return !endpoint_.empty() || stream_ended_; });
  if (!endpoint_.empty()) return {};
  bool timed_out = !stream_ended_;
  std::string why =
      timed_out ? "no endpoint event within " + std::to_string(options_.connect_timeout_ms) + " ms"
                : stream_error_;
  base::Error error{timed_out ? base::ErrorKind::kTimeout : base::ErrorKind::kNetwork, where + why};
  if (!timed_out && !IsSuccess(stream_status_))
    error.http_status = stream_status_;  // 401: needs-auth
  lock.unlock();
  Close();
  return base::Fail(std::move(error));
}

void SseTransport::Read() {
  base::HttpRequest request;
  request.method = "GET";
  request.url = options_.url;
  request.timeout_ms = 0;
  request.connect_timeout_ms = options_.connect_timeout_ms;
  request.headers = MergeHeaders({{"Accept", "text/event-stream"}}, options_.headers);
  base::SseParser parser;
  int status = 0;
  std::string media_type, error_body;
  auto on_chunk = [&](const base::HttpResponseHead& head, std::string_view chunk) {
    if (status == 0) {
      status = head.status;
      media_type = MediaType(base::FindHeader(head.headers, "content-type"));
    }
    if (!IsSuccess(status) || media_type != "text/event-stream") {
      error_body.append(chunk);
      return error_body.size() < kMaxErrorBody;
    }
    for (const base::SseFrame& frame : parser.Feed(chunk)) HandleFrame(frame);
    return true;
  };
  auto result = http_.Send(request, on_chunk, &stream_cancel_);
  if (result && status == 0) status = result->head.status;
  std::string why = !result              ? result.error().message
                    : !IsSuccess(status) ? "GET answered " + DescribeHttpFailure(status, error_body)
                    : media_type != "text/event-stream"
                        ? "GET answered " + (media_type.empty() ? "no content type" : media_type) +
                              ", not an event stream"
                        : "the server closed the event stream";
  bool connected = false;
  {
    std::lock_guard lock(mutex_);
    stream_ended_ = true;
    if (stream_error_.empty()) stream_error_ = why;
    stream_status_ = status;
    connected = !endpoint_.empty();
    changed_.notify_all();
  }
  if (!connected || closing_) return;
  base::log::Debug("MCP server {}: {}", options_.url, why);
  std::lock_guard lock(deliver_mutex_);
  if (!closing_ && on_close_) on_close_(options_.url + ": " + why);
}

void SseTransport::HandleFrame(const base::SseFrame& frame) {
  if (frame.event == "endpoint") return SetEndpoint(frame.data);
  if (!frame.event.empty() && frame.event != "message") return;
  if (frame.data.empty()) return;
  auto messages = ParseMessages(frame.data);
  if (!messages) {
    base::log::Warn("MCP server {}: ignoring an event that is not JSON-RPC: {}", options_.url,
                    messages.error().message);
    return;
  }
  std::lock_guard lock(deliver_mutex_);
  for (Json& m : *messages) {
    if (closing_) return;
    on_message_(std::move(m));
  }
}

void SseTransport::SetEndpoint(const std::string& data) {
  std::string resolved = ResolveUrl(options_.url, base::Trim(data));
  std::lock_guard lock(mutex_);
  if (!endpoint_.empty()) return;
  if (UrlOrigin(resolved) != UrlOrigin(options_.url)) {
    stream_error_ = "the endpoint " + resolved + " is not on the stream's origin";
    stream_cancel_.Cancel(base::CancelReason::kTerminate);
    return;
  }
  endpoint_ = resolved;
  changed_.notify_all();
}

base::Result<void> SseTransport::Send(const Json& message) {
  base::HttpRequest request;
  request.url = endpoint();
  std::string where = "MCP server " + (request.url.empty() ? options_.url : request.url) + ": ";
  if (closing_ || request.url.empty()) {
    return base::Fail(base::ErrorKind::kIo, where + "transport is not open");
  }
  request.method = "POST";
  request.body = message.Dump();
  request.timeout_ms = options_.send_timeout_ms;
  request.connect_timeout_ms = options_.connect_timeout_ms;
  base::Headers ours = {{"Content-Type", "application/json"}};
  {
    std::lock_guard lock(mutex_);
    if (!protocol_version_.empty()) ours.emplace_back("MCP-Protocol-Version", protocol_version_);
  }
  request.headers = MergeHeaders(std::move(ours), options_.headers);
  base::CancelToken cancel;
  {
    std::lock_guard lock(mutex_);
    tokens_.insert(&cancel);
    if (closing_) cancel.Cancel(base::CancelReason::kTerminate);
  }
  auto result = http_.Send(request, {}, &cancel);
  {
    std::lock_guard lock(mutex_);
    tokens_.erase(&cancel);
  }
  if (!result)
    return base::Fail(result.error().kind, where + "POST failed: " + result.error().message);
  int status = result->head.status;
  if (IsSuccess(status)) return {};
  std::string why = "POST answered " + DescribeHttpFailure(status, result->body);
  if (status == 404) why += " (the server no longer knows this session)";
  base::Error e{base::ErrorKind::kNetwork, where + why};
  e.http_status = status;
  return base::Fail(std::move(e));
}

void SseTransport::Close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_) return;
    closing_ = true;
    for (base::CancelToken* token : tokens_) token->Cancel(base::CancelReason::kTerminate);
    changed_.notify_all();
  }
  stream_cancel_.Cancel(base::CancelReason::kTerminate);
  if (reader_.joinable()) reader_.join();
}

}  // namespace runner::mcp
