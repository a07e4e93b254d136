#include "runner/mcp/http_transport.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/mcp/json_rpc.h"
#include "runner/mcp/jsonrpc_http.h"

namespace runner::mcp {

using base::Json;

namespace {

constexpr size_t kMaxJsonBody = 64 * 1024 * 1024;
constexpr size_t kMaxErrorBody = 4096;
constexpr std::string_view kEventStream = "text/event-stream";

bool IsSuccess(int status) { return status >= 200 && status < 300; }

/// Joins and drops the threads of `list` that finished.
template <class List>
void JoinFinished(List& list) {
  for (auto it = list.begin(); it != list.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();
    it = list.erase(it);
  }
}

}  // namespace

struct StreamableHttpTransport::Exchange {
  Json id;
  std::string key;  // IdKey(request)
  std::string body;
  base::CancelToken cancel;
  std::atomic<bool> answered{false};   // a response (real or made up) went out
  std::atomic<bool> abandoned{false};  // the client cancelled the request
  std::atomic<bool> done{false};       // the thread finished
  std::thread thread;
};

struct StreamableHttpTransport::Stream {
  Exchange* exchange = nullptr;  // whose response it carries; null for the GET stream
  bool announce_answer = false;  // the GET stream's first connection: StartGetStream waits for it
  std::string last_event_id;
  std::string previous_frame_id;
};

struct StreamableHttpTransport::Outcome {
  int status = 0;
  std::string media_type;
  std::string error_body;              // a failure status's body (capped)
  std::string www_authenticate;        // of a 401
  std::optional<base::Error> failure;  // the transfer itself failed
  bool ok() const { return !failure && IsSuccess(status); }
  std::string Describe() const {
    return failure ? failure->message : DescribeHttpFailure(status, error_body);
  }
};

/// Registers a transfer's token so Close() can cancel it; cancels at once when closing.
class StreamableHttpTransport::TokenScope {
 public:
  TokenScope(StreamableHttpTransport& t, base::CancelToken& token) : t_(t), token_(token) {
    std::lock_guard lock(t_.mutex_);
    t_.tokens_.insert(&token_);
    if (t_.closing_) token_.Cancel(base::CancelReason::kTerminate);
  }
  ~TokenScope() {
    std::lock_guard lock(t_.mutex_);
    t_.tokens_.erase(&token_);
  }

 private:
  StreamableHttpTransport& t_;
  base::CancelToken& token_;
};

StreamableHttpTransport::StreamableHttpTransport(base::HttpClient& http,
                                                 HttpTransportOptions options)
    : http_(http), options_(std::move(options)) {}

StreamableHttpTransport::~StreamableHttpTransport() { Close(); }

base::Result<void> StreamableHttpTransport::Start(OnMessage on_message, OnClose on_close) {
  (void)on_close;  // never called: see the header
  if (!options_.url.starts_with("http://") && !options_.url.starts_with("https://")) {
    return base::Fail(base::ErrorKind::kConfig,
                      "MCP server URL must start with http:// or https://: " + options_.url);
  }
  std::lock_guard lock(mutex_);
  if (closing_) return base::Fail(base::ErrorKind::kIo, options_.url + ": transport is closed");
  on_message_ = std::move(on_message);
  started_ = true;
  return {};
}

std::string StreamableHttpTransport::session_id() const {
  std::lock_guard lock(mutex_);
  return session_id_;
}

void StreamableHttpTransport::SetProtocolVersion(const std::string& version) {
  std::lock_guard lock(mutex_);
  protocol_version_ = version;
}

base::Result<void> StreamableHttpTransport::Send(const Json& message) {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || closing_) {
      return base::Fail(base::ErrorKind::kIo, options_.url + ": transport is not open");
    }
    ReapFinishedLocked();
    if (!IsRequest(message)) {
      if (message["method"].AsString() == "notifications/cancelled") {
        // The client gave up on a request: its stream is of no use any more.
        auto it = pending_.find(message["params"]["requestId"].Dump());
        if (it != pending_.end()) {
          it->second->abandoned = true;
          it->second->cancel.Cancel(base::CancelReason::kTerminate);
          pending_.erase(it);
          wake_.notify_all();
        }
      }
    } else {
      if (message["method"].AsString() == "initialize") {  // a new session
        ForgetSessionLocked();
        expiry_.clear();
      }
      Exchange& ex = exchanges_.emplace_back();
      ex.id = message["id"];
      ex.key = IdKey(message);
      ex.body = message.Dump();
      pending_[ex.key] = &ex;
      ex.thread = std::thread([this, &ex] {
        RunExchange(ex);
        ex.done = true;
      });
      return {};
    }
  }
  return SendNow(message);
}

base::Result<void> StreamableHttpTransport::SendNow(const Json& message) {
  std::string where = "MCP server " + options_.url + ": ";
  if (auto [expiry, status] = Expiry(); !expiry.empty()) {
    base::Error e{base::ErrorKind::kNetwork, where + expiry};
    e.http_status = status;
    return base::Fail(std::move(e));
  }
  base::CancelToken cancel;
  Stream stream;
  std::string sent_session;
  std::string auth_error;
  Outcome out = Post(message.Dump(), stream, cancel, &sent_session, options_.send_timeout_ms,
                     auth_error);
  if (out.failure) {
    return base::Fail(out.failure->kind, where + "POST failed: " + out.failure->message);
  }
  if (CheckExpired(out, sent_session)) {
    base::Error e{base::ErrorKind::kNetwork, where + ExpiredText(sent_session, out)};
    e.http_status = out.status;
    return base::Fail(std::move(e));
  }
  if (!out.ok()) {
    base::Error e{base::ErrorKind::kNetwork, where + "POST answered " + out.Describe() + auth_error};
    e.http_status = out.status;
    return base::Fail(std::move(e));
  }
  if (message["method"].AsString() == "notifications/initialized") StartGetStream();
  return {};
}

void StreamableHttpTransport::RunExchange(Exchange& ex) {
  if (auto [expiry, status] = Expiry(); !expiry.empty()) {
    // The session is known to be gone: do not start an anonymous one by accident.
    return FailExchange(ex, expiry,
                        base::JsonObject({{"sessionExpired", true}, {"status", status}}));
  }
  Stream stream{&ex};
  std::string sent_session;
  std::string auth_error;
  Outcome out = Post(ex.body, stream, ex.cancel, &sent_session, 0, auth_error);
  if (closing_ || ex.abandoned || ex.answered) return;
  if (out.failure) {
    if (!stream.last_event_id.empty()) return Resume(ex, stream);
    return FailExchange(ex, "POST failed: " + out.failure->message);
  }
  if (CheckExpired(out, sent_session)) {
    return FailExchange(ex, ExpiredText(sent_session, out),
                        base::JsonObject({{"sessionExpired", true}, {"status", out.status}}));
  }
  if (!out.ok()) {
    return FailExchange(ex, "POST answered " + out.Describe() + auth_error,
                        base::JsonObject({{"status", out.status}}));
  }
  if (out.media_type == kEventStream) {
    if (!stream.last_event_id.empty()) return Resume(ex, stream);
    return FailExchange(ex, "the server ended the response stream before answering");
  }
  if (out.status == 202 || out.status == 204) return;  // the answer will come on the GET stream
  if (out.media_type == "application/json") {
    return FailExchange(ex, "the server's JSON answer holds no response to this request");
  }
  FailExchange(ex, "unexpected content type of the answer: " +
                       (out.media_type.empty() ? std::string("none") : out.media_type));
}

StreamableHttpTransport::Outcome StreamableHttpTransport::Post(const std::string& body,
                                                               Stream& stream,
                                                               base::CancelToken& cancel,
                                                               std::string* sent_session,
                                                               long timeout_ms,
                                                               std::string& auth_error) {
  base::HttpRequest request = MakeRequest("POST", body, "", sent_session);
  if (timeout_ms > 0) request.timeout_ms = timeout_ms;
  Outcome out = Transfer(request, stream, cancel);
  if (out.failure || out.status != 401 || !options_.auth || closing_ || cancel.cancelled()) {
    return out;
  }
  base::Result<void> authorized = [&] {
    TokenScope scope(*this, cancel);
    return options_.auth->OnUnauthorized(base::FindHeader(request.headers, "authorization"),
                                         out.www_authenticate, &cancel);
  }();
  if (!authorized) {
    auth_error = "; " + authorized.error().message;
    base::log::Warn("MCP server {}: {}", options_.url, authorized.error().message);
    return out;
  }
  request = MakeRequest("POST", body, "", sent_session);
  if (timeout_ms > 0) request.timeout_ms = timeout_ms;
  return Transfer(request, stream, cancel);
}

void StreamableHttpTransport::Resume(Exchange& ex, Stream& stream) {
  int failures = 0;
  std::string last_failure;
  while (Wait(ReconnectDelay(failures), ex.cancel)) {
    if (ex.answered) return;
    std::string sent_session;
    Outcome out =
        Transfer(MakeRequest("GET", "", stream.last_event_id, &sent_session), stream, ex.cancel);
    if (closing_ || ex.abandoned || ex.answered) return;
    if (CheckExpired(out, sent_session)) {
      return FailExchange(ex, ExpiredText(sent_session, out),
                          base::JsonObject({{"sessionExpired", true}, {"status", out.status}}));
    }
    if (out.status == 405) {
      return FailExchange(ex,
                          "the response stream ended and the server cannot resume it "
                          "(GET answered 405)");
    }
    if (out.ok() && out.media_type == kEventStream) {
      failures = 0;
      continue;
    }
    last_failure = out.ok() ? "GET answered " + out.media_type : out.Describe();
    if (++failures >= options_.max_reconnect_attempts) {
      return FailExchange(ex, "the response stream ended and resuming it failed " +
                                  std::to_string(failures) + " times: " + last_failure);
    }
  }
}

void StreamableHttpTransport::StartGetStream() {
  std::unique_lock lock(mutex_);
  if (closing_ || get_stream_running_) return;
  get_stream_running_ = true;
  get_stream_answered_ = false;
  const uint64_t generation = generation_;
  Worker& w = get_workers_.emplace_back();
  w.thread = std::thread([this, &w, generation] {
    RunGetStream(generation);
    std::lock_guard lock(mutex_);
    if (generation == generation_) get_stream_running_ = false;
    w.done = true;
  });
  // Requests sent after initialization may make the server talk on this stream (a 202 whose
  // answer comes here, a server request, a resumed response): have the server see the stream
  // first, so nothing it sends meanwhile is lost and the order of connections is the one the
  // protocol describes. Bounded, because a server may hold back the headers of a GET.
  wake_.wait_for(lock, std::chrono::milliseconds(options_.get_stream_wait_ms), [&] {
    return closing_.load() || get_stream_answered_ || generation != generation_;
  });
}

void StreamableHttpTransport::AnnounceGetStreamAnswered(Stream& stream) {
  stream.announce_answer = false;
  std::lock_guard lock(mutex_);
  get_stream_answered_ = true;
  wake_.notify_all();
}

void StreamableHttpTransport::RunGetStream(uint64_t generation) {
  Stream stream;
  stream.announce_answer = true;
  base::CancelToken cancel;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;
    get_cancel_ = &cancel;
  }
  int failures = 0;
  while (true) {
    std::string sent_session;
    Outcome out =
        Transfer(MakeRequest("GET", "", stream.last_event_id, &sent_session), stream, cancel);
    if (closing_ || cancel.cancelled()) break;
    if (out.status == 405) {
      base::log::Debug("MCP server {}: no server-initiated stream (GET answered 405)",
                       options_.url);
      break;
    }
    if (CheckExpired(out, sent_session)) break;
    if (out.ok() && out.media_type != kEventStream) {
      base::log::Debug("MCP server {}: GET answered {}, not a stream", options_.url,
                       out.media_type);
      break;
    }
    if (out.ok()) {
      failures = 0;
    } else if (++failures >= options_.max_reconnect_attempts) {
      base::log::Warn("MCP server {}: the server-initiated stream failed: {}", options_.url,
                      out.Describe());
      break;
    }
    if (!Wait(ReconnectDelay(failures), cancel)) break;
  }
  std::lock_guard lock(mutex_);
  if (get_cancel_ == &cancel) get_cancel_ = nullptr;
}

StreamableHttpTransport::Outcome StreamableHttpTransport::Transfer(const base::HttpRequest& request,
                                                                   Stream& stream,
                                                                   base::CancelToken& cancel) {
  Outcome out;
  base::SseParser parser;  // a new response is a new event stream
  stream.previous_frame_id.clear();
  std::string json_body;
  bool head_seen = false;
  auto on_head = [&](const base::HttpResponseHead& head) {
    head_seen = true;
    if (stream.announce_answer) AnnounceGetStreamAnswered(stream);
    out.status = head.status;
    out.media_type = MediaType(base::FindHeader(head.headers, "content-type"));
    out.www_authenticate = base::FindHeader(head.headers, "www-authenticate");
    std::string session = base::FindHeader(head.headers, "mcp-session-id");
    if (request.method == "POST" && !session.empty()) {
      std::lock_guard lock(mutex_);
      session_id_ = session;
    }
  };
  auto on_chunk = [&](const base::HttpResponseHead& head, std::string_view chunk) {
    if (!head_seen) on_head(head);
    if (!IsSuccess(out.status)) {
      if (out.error_body.size() < kMaxErrorBody) out.error_body.append(chunk);
      return true;
    }
    if (out.media_type != kEventStream) {
      json_body.append(chunk);
      return json_body.size() <= kMaxJsonBody;
    }
    FeedEvents(parser, chunk, stream);
    return true;
  };
  base::Result<base::HttpResult> result = [&] {
    TokenScope scope(*this, cancel);
    return http_.Send(request, on_chunk, &cancel);
  }();
  if (!result) {
    out.failure = result.error();
    if (stream.announce_answer) AnnounceGetStreamAnswered(stream);
    return out;
  }
  if (!head_seen) on_head(result->head);
  if (out.ok() && out.media_type == "application/json" && !json_body.empty()) {
    DeliverBody(json_body);
  }
  return out;
}

void StreamableHttpTransport::FeedEvents(base::SseParser& parser, std::string_view chunk,
                                         Stream& stream) {
  for (const base::SseFrame& frame : parser.Feed(chunk)) HandleFrame(frame, stream);
  if (!parser.last_event_id().empty()) stream.last_event_id = parser.last_event_id();
  if (auto retry = parser.retry_ms()) {
    std::lock_guard lock(mutex_);
    server_retry_ms_ = *retry;
  }
}

void StreamableHttpTransport::DeliverBody(std::string_view body) {
  auto messages = ParseMessages(body);
  if (!messages) {
    base::log::Warn("MCP server {}: ignoring an answer that is not JSON-RPC: {}", options_.url,
                    messages.error().message);
    return;
  }
  for (Json& m : *messages) Deliver(std::move(m));
}

void StreamableHttpTransport::HandleFrame(const base::SseFrame& frame, Stream& stream) {
  if (!frame.id.empty()) stream.last_event_id = frame.id;
  bool new_id = !frame.id.empty() && frame.id != stream.previous_frame_id;
  stream.previous_frame_id = frame.id;
  if (new_id && !Remember(frame.id)) return;  // replayed twice
  if (frame.data.empty()) return;             // a priming event: only its id counts
  if (!frame.event.empty() && frame.event != "message") return;
  auto messages = ParseMessages(frame.data);
  if (!messages) {
    base::log::Warn("MCP server {}: ignoring an event that is not JSON-RPC: {}", options_.url,
                    messages.error().message);
    return;
  }
  for (Json& m : *messages) Deliver(std::move(m));
}

bool StreamableHttpTransport::Remember(const std::string& event_id) {
  std::lock_guard lock(mutex_);
  return seen_event_ids_.Insert(event_id);
}

void StreamableHttpTransport::Deliver(Json message) {
  if (!message["method"].is_string() && !IsResponse(message)) {
    // e.g. `{"jsonrpc":"2.0","result":{}}` as a lax server's answer to a notification
    base::log::Debug(
        "MCP server {}: ignoring a message that is neither request, notification "
        "nor response: {}",
        options_.url, base::Utf8Prefix(message.Dump(), 200));
    return;
  }
  if (IsResponse(message)) {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(IdKey(message));
    if (it != pending_.end()) {
      it->second->answered = true;
      pending_.erase(it);
      wake_.notify_all();
    }
  }
  std::lock_guard lock(deliver_mutex_);
  if (!closing_) on_message_(std::move(message));
}

void StreamableHttpTransport::FailExchange(Exchange& ex, const std::string& why, Json data) {
  {
    std::lock_guard lock(mutex_);
    if (ex.answered || ex.abandoned || closing_) return;
    ex.answered = true;
    auto it = pending_.find(ex.key);
    if (it != pending_.end() && it->second == &ex) pending_.erase(it);
  }
  base::log::Debug("MCP server {}: request {} failed: {}", options_.url, ex.key, why);
  std::lock_guard lock(deliver_mutex_);
  if (!closing_) {
    on_message_(rpc::ErrorResponse(ex.id, kTransportErrorCode, "MCP server " + options_.url + ": " + why, std::move(data)));
  }
}

bool StreamableHttpTransport::CheckExpired(const Outcome& out, const std::string& sent_session) {
  if (sent_session.empty() || out.failure) return false;
  bool expired =
      out.status == 404 ||
      (out.status == 400 && base::ToLower(out.error_body).find("session") != std::string::npos);
  if (!expired) return false;
  std::lock_guard lock(mutex_);
  if (session_id_ == sent_session) {
    base::log::Warn("MCP server {}: session {} expired ({})", options_.url, sent_session,
                    out.Describe());
    ForgetSessionLocked();
    expiry_ = ExpiredText(sent_session, out);
    expiry_status_ = out.status;
  }
  return true;
}

std::string StreamableHttpTransport::ExpiredText(const std::string& session, const Outcome& out) {
  return "session " + session + " expired (" + out.Describe() +
         "); initialize again to start a new session";
}

std::pair<std::string, int> StreamableHttpTransport::Expiry() const {
  std::lock_guard lock(mutex_);
  return {expiry_, expiry_status_};
}

void StreamableHttpTransport::ForgetSessionLocked() {
  session_id_.clear();
  protocol_version_.clear();
  ++generation_;
  get_stream_running_ = false;
  if (get_cancel_) get_cancel_->Cancel(base::CancelReason::kTerminate);
  wake_.notify_all();
}

base::HttpRequest StreamableHttpTransport::MakeRequest(const std::string& method, std::string body,
                                                       const std::string& last_event_id,
                                                       std::string* sent_session) const {
  base::HttpRequest r;
  r.method = method;
  r.url = options_.url;
  r.body = std::move(body);
  r.timeout_ms = 0;  // streams last as long as they last; Close() and cancellation end them
  r.connect_timeout_ms = options_.connect_timeout_ms;
  base::Headers ours;
  if (method == "POST") {
    ours = {{"Content-Type", "application/json"},
            {"Accept", "application/json, text/event-stream"}};
  } else if (method == "GET") {
    ours = {{"Accept", "text/event-stream"}};
  }
  {
    std::lock_guard lock(mutex_);
    if (!session_id_.empty()) ours.emplace_back("Mcp-Session-Id", session_id_);
    if (!protocol_version_.empty()) ours.emplace_back("MCP-Protocol-Version", protocol_version_);
    if (sent_session) *sent_session = session_id_;
  }
  if (!last_event_id.empty()) ours.emplace_back("Last-Event-ID", last_event_id);
  if (options_.auth) {
    if (std::string authorization = options_.auth->Authorization(); !authorization.empty()) {
      ours.emplace_back("Authorization", authorization);
    }
  }
  r.headers = MergeHeaders(std::move(ours), options_.headers);
  return r;
}

int64_t StreamableHttpTransport::ReconnectDelay(int failures) const {
  {
    std::lock_guard lock(mutex_);
    if (server_retry_ms_ >= 0) return server_retry_ms_;
  }
  double delay = static_cast<double>(options_.reconnect_delay_ms) * std::pow(1.5, failures);
  return std::min(static_cast<int64_t>(delay), options_.max_reconnect_delay_ms);
}

bool StreamableHttpTransport::Wait(int64_t ms, base::CancelToken& cancel) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, std::chrono::milliseconds(ms),
                         [&] { return closing_.load() || cancel.cancelled(); });
}

void StreamableHttpTransport::ReapFinishedLocked() {
  JoinFinished(exchanges_);
  JoinFinished(get_workers_);
}

void StreamableHttpTransport::Close() {
  std::list<Exchange> exchanges;
  std::list<Worker> workers;
  {
    std::lock_guard lock(mutex_);
    if (closing_) return;
    closing_ = true;
    for (base::CancelToken* token : tokens_) token->Cancel(base::CancelReason::kTerminate);
    exchanges.splice(exchanges.end(), exchanges_);
    workers.splice(workers.end(), get_workers_);
    wake_.notify_all();
  }
  for (Exchange& ex : exchanges) ex.thread.join();
  for (Worker& w : workers) w.thread.join();
  std::string session;
  {
    std::lock_guard lock(mutex_);
    pending_.clear();
    session = session_id_;
    if (!started_ || session.empty()) return;
  }
  base::HttpRequest request = MakeRequest("DELETE", "", "", nullptr);
  request.timeout_ms = options_.close_timeout_ms;
  request.connect_timeout_ms = std::min(options_.connect_timeout_ms, options_.close_timeout_ms);
  auto result = http_.Send(request, {}, nullptr);
  if (!result) {
    base::log::Debug("MCP server {}: ending session {} failed: {}", options_.url, session,
                     result.error().message);
  } else if (!IsSuccess(result->head.status) && result->head.status != 405) {
    base::log::Debug("MCP server {}: ending session {}: {}", options_.url, session,
                     DescribeHttpFailure(result->head.status, result->body));
  }
}

}  // namespace runner::mcp
