#include "tests/fake_api/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <regex>

#include "runner/base/sse_parser.h"
#include "runner/base/strings.h"
#include "runner/providers/aws_event_stream.h"
#include "runner/providers/replay_answer.h"
#include "tests/fake_api/http_wire.h"

namespace fake_api {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;

namespace {

constexpr size_t kMaxHeadBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;
constexpr int kPollMs = 50;
constexpr int64_t kReadTimeoutMs = 30000;

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string ErrorBody(std::string_view type, std::string_view message) {
  return runner::base::JsonObject(
             {{"type", "error"},
              {"error", runner::base::JsonObject({{"type", type}, {"message", message}})}})
      .Dump();
}

void SendJson(int fd, int status, const std::string& body, runner::base::Headers headers = {}) {
  headers.emplace(headers.begin(), "content-type", "application/json");
  SendAll(fd, ResponseHead(status, headers, body.size()) + body);
}

Json HeadersJson(const runner::base::Headers& headers) {
  Json out = Json::MakeObject();
  for (const auto& [name, value] : headers) out.Set(name, value);
  return out;
}

struct Request {
  RequestHead head;
  std::string body;
};

/// Waits until `fd` is readable; false on stop, deadline or error.
bool WaitReadable(int fd, const std::atomic<bool>& stopping, int64_t deadline_ms) {
  while (!stopping && NowMs() < deadline_ms) {
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, kPollMs);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
  return false;
}

std::optional<Request> Reject(int fd, int status, std::string_view message) {
  SendJson(fd, status, ErrorBody("invalid_request_error", message));
  return std::nullopt;
}

/// Reads one request. Returns nullopt (after answering, when there is a client to answer) on
/// EOF, timeout, stop, or a request this server cannot take.
std::optional<Request> ReadRequest(int fd, const std::atomic<bool>& stopping) {
  std::string buf;
  std::optional<RequestHead> head;
  size_t body_start = 0;
  int64_t deadline = NowMs() + kReadTimeoutMs;
  while (!head || buf.size() < body_start + head->content_length) {
    if (!WaitReadable(fd, stopping, deadline)) return std::nullopt;
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    buf.append(chunk, static_cast<size_t>(n));
    if (head) continue;
    size_t end = buf.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (buf.size() > kMaxHeadBytes) return Reject(fd, 431, "request head too large");
      continue;
    }
    auto parsed = ParseRequestHead(std::string_view(buf).substr(0, end));
    if (!parsed) return Reject(fd, 400, parsed.error().message);
    if (parsed->chunked) return Reject(fd, 411, "chunked bodies are not supported");
    if (parsed->content_length > kMaxBodyBytes) return Reject(fd, 413, "request body too large");
    head = std::move(*parsed);
    body_start = end + 4;
  }
  return Request{std::move(*head), buf.substr(body_start, head->content_length)};
}

/// Half-closes, lets the client read everything, then closes.
void CloseGracefully(int fd, const std::atomic<bool>& stopping) {
  ::shutdown(fd, SHUT_WR);
  int64_t deadline = NowMs() + 1000;
  char sink[4096];
  while (WaitReadable(fd, stopping, deadline) && ::recv(fd, sink, sizeof sink, 0) > 0) {
  }
  ::close(fd);
}

/// The model id of a Bedrock `/model/{id}/invoke-with-response-stream` path (percent-decoded),
/// or nullopt for any other path.
std::optional<std::string> BedrockModel(std::string_view path) {
  constexpr std::string_view kPrefix = "/model/", kSuffix = "/invoke-with-response-stream";
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix) ||
      path.size() <= kPrefix.size() + kSuffix.size()) {
    return std::nullopt;
  }
  std::string_view encoded = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  std::string model;
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size()) {
      model.push_back(static_cast<char>(std::stoi(std::string(encoded.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      model.push_back(encoded[i]);
    }
  }
  return model;
}

/// Checks the shape of a SigV4 Authorization header (credential scope for service `bedrock`,
/// signed headers including host, x-amz-date and x-amz-content-sha256, a 64-hex signature, and
/// the x-amz-* headers it names). Returns what is wrong, or "" when it looks right or the
/// request is not SigV4-signed (bearer token, gateway without auth).
std::string SigV4Problem(const runner::base::Headers& headers) {
  std::string auth = runner::base::FindHeader(headers, "authorization");
  if (!auth.starts_with("AWS4-HMAC-SHA256")) return "";
  static const std::regex kShape(
      "AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)/([0-9]{8})/([a-z0-9-]+)/bedrock/aws4_request, "
      "SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");
  std::smatch m;
  if (!std::regex_match(auth, m, kShape)) return "malformed SigV4 Authorization header: " + auth;
  std::vector<std::string> signed_headers = runner::base::Split(m[4].str(), ';');
  for (const char* needed : {"host", "x-amz-date", "x-amz-content-sha256"}) {
    if (std::find(signed_headers.begin(), signed_headers.end(), needed) == signed_headers.end()) {
      return std::string("SigV4 SignedHeaders lacks ") + needed;
    }
    if (runner::base::FindHeader(headers, needed).empty()) {
      return std::string("SigV4-signed request lacks the ") + needed + " header";
    }
  }
  if (!runner::base::FindHeader(headers, "x-amz-date").starts_with(m[2].str())) {
    return "SigV4 credential scope date does not match x-amz-date";
  }
  return "";
}

/// The Bedrock exception name for an Anthropic error type.
std::string BedrockExceptionFor(std::string_view type) {
  if (type == "rate_limit_error") return "ThrottlingException";
  if (type == "overloaded_error") return "ServiceUnavailableException";
  if (type == "api_error") return "InternalServerException";
  if (type == "authentication_error") return "UnrecognizedClientException";
  if (type == "permission_error") return "AccessDeniedException";
  if (type == "not_found_error") return "ResourceNotFoundException";
  return "ValidationException";
}

std::string BedrockErrorBody(std::string_view message) {
  return runner::base::JsonObject({{"message", message}}).Dump();
}

/// One SSE frame of a replay answer as an event-stream message: a `chunk` event carrying the
/// event's JSON in base64, or for an `error` event an exception message; "" for pings.
std::string EventStreamFrame(const std::string& sse_frame) {
  runner::base::SseParser parser;
  std::string out;
  for (const runner::base::SseFrame& frame : parser.Feed(sse_frame)) {
    auto event = Json::Parse(frame.data);
    std::string type = event && event->is_object() ? (*event)["type"].StringOr("") : "";
    if (type == "ping") continue;
    if (type == "error") {
      const Json& error = (*event)["error"];
      std::string exception = BedrockExceptionFor(error["type"].StringOr(""));
      exception[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(exception[0])));
      out += runner::providers::EncodeEventStreamMessage(
          {{":message-type", "exception"}, {":exception-type", exception},
           {":content-type", "application/json"}},
          BedrockErrorBody(error["message"].StringOr("")));
      continue;
    }
    Json chunk = runner::base::JsonObject({{"bytes", runner::base::Base64(frame.data)}});
    out += runner::providers::EncodeEventStreamMessage(
        {{":event-type", "chunk"}, {":content-type", "application/json"}, {":message-type", "event"}},
        chunk.Dump());
  }
  return out;
}

}  // namespace

runner::base::Result<std::unique_ptr<FakeMessagesServer>> FakeMessagesServer::Start(
    ServerOptions options) {
  runner::base::Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return Fail(ErrorKind::kIo, std::string("socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(options.port));
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd.get(), 64) != 0) {
    return Fail(ErrorKind::kIo, "cannot listen on 127.0.0.1:" + std::to_string(options.port) +
                                    ": " + std::strerror(errno));
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  std::optional<runner::base::LineAppender> log;
  if (!options.requests_log.empty())
    log = TRY(runner::base::LineAppender::Open(options.requests_log));
  std::unique_ptr<FakeMessagesServer> server(
      new FakeMessagesServer(std::move(options), std::move(fd), port));
  server->log_ = std::move(log);
  server->accept_thread_ = std::thread([s = server.get()] { s->AcceptLoop(); });
  return server;
}

FakeMessagesServer::FakeMessagesServer(ServerOptions options, runner::base::Fd listener, int port)
    : options_(std::move(options)), listener_(std::move(listener)), port_(port) {}

FakeMessagesServer::~FakeMessagesServer() { Stop(); }

std::string FakeMessagesServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

size_t FakeMessagesServer::requests_served() const {
  std::lock_guard lock(mutex_);
  return served_;
}

void FakeMessagesServer::Stop() {
  stopping_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  std::list<Connection> connections;
  {
    std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (Connection& c : connections) c.thread.join();
}

void FakeMessagesServer::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listener_.get(), POLLIN, 0};
    ReapFinished();
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    timeval send_timeout{.tv_sec = 5, .tv_usec = 0};  // a client that stops reading
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
    std::lock_guard lock(mutex_);
    Connection& c = connections_.emplace_back();
    c.thread = std::thread([this, fd, &c] {
      Serve(fd);
      CloseGracefully(fd, stopping_);
      c.done = true;
    });
  }
}

void FakeMessagesServer::ReapFinished() {
  std::lock_guard lock(mutex_);
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();
    it = connections_.erase(it);
  }
}

bool FakeMessagesServer::Wait(int fd, int64_t ms) {
  int64_t end = NowMs() + ms;
  while (!stopping_) {
    int64_t left = end - NowMs();
    if (left <= 0) return true;
    pollfd p{fd, POLLRDHUP, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, kPollMs))) > 0 &&
        (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
      return false;  // the client went away
    }
  }
  return false;
}

void FakeMessagesServer::Serve(int fd) {
  std::optional<Request> request = ReadRequest(fd, stopping_);
  if (!request) return;
  const RequestHead& head = request->head;
  auto body = Json::Parse(request->body);
  Json entry = runner::base::JsonObject({{"method", head.method},
                                         {"path", head.target},
                                         {"headers", HeadersJson(head.headers)},
                                         {"body", body ? *body : Json(request->body)}});
  if (!head.absolute_target.empty()) entry.Set("proxied_url", head.absolute_target);
  LogRequest(std::move(entry));
  if (head.method == "POST" && head.path() == "/v1/messages") {
    if (!body) {
      return SendJson(
          fd, 400,
          ErrorBody("invalid_request_error", "request body is not JSON: " + body.error().message));
    }
    return ServeMessages(fd, *body, /*bedrock=*/false);
  }
  if (auto model = BedrockModel(head.path()); head.method == "POST" && model) {
    if (!body) {
      return SendJson(fd, 400, BedrockErrorBody("request body is not JSON: " + body.error().message),
                      {{"x-amzn-errortype", "ValidationException"}});
    }
    if (std::string problem = SigV4Problem(head.headers); !problem.empty()) {
      return SendJson(fd, 403, BedrockErrorBody(problem),
                      {{"x-amzn-errortype", "InvalidSignatureException"}});
    }
    Json with_model = *body;  // the script's expectations and the reply's model name need it
    if (!with_model.Contains("model")) with_model.Set("model", *model);
    return ServeMessages(fd, with_model, /*bedrock=*/true);
  }
  // Google Vertex AI: {base}/projects/P/locations/R/publishers/anthropic/models/M:streamRawPredict
  // with the Messages body minus `model` (answered as if `model` were M).
  if (std::string path(head.path()); head.method == "POST" && path.ends_with(":streamRawPredict")) {
    constexpr std::string_view kModels = "/publishers/anthropic/models/";
    size_t at = path.find(kModels);
    if (at != std::string::npos && body && body->is_object()) {
      Json vertex_body = *body;
      std::string model = path.substr(at + kModels.size());
      model.resize(model.size() - std::string_view(":streamRawPredict").size());
      if (!vertex_body.Contains("model")) vertex_body.Set("model", model);
      return ServeMessages(fd, vertex_body, /*bedrock=*/false);
    }
  }
  if (head.method == "GET" && head.path().starts_with("/pages/") && !options_.pages_dir.empty()) {
    return ServePage(fd, std::string(head.path().substr(7)));
  }
  if ((head.method == "HEAD" || head.method == "GET") && head.path() == "/") {
    SendAll(fd, ResponseHead(200, {}, 0));
    return;
  }
  SendJson(fd, 404,
           ErrorBody("not_found_error", "no route for " + head.method + " " + head.target));
}

void FakeMessagesServer::ServePage(int fd, const std::string& name) {
  if (name.find("..") != std::string::npos || name.find('/') != std::string::npos) {
    return SendJson(fd, 404, ErrorBody("not_found_error", "no such page"));
  }
  auto text = runner::base::ReadFile(options_.pages_dir / name);
  if (!text) return SendJson(fd, 404, ErrorBody("not_found_error", "no such page: " + name));
  std::string type = name.ends_with(".html") ? "text/html; charset=utf-8"
                     : name.ends_with(".png") ? "image/png"
                                              : "text/plain; charset=utf-8";
  SendAll(fd, ResponseHead(200, {{"content-type", type}}, text->size()) + *text);
}

void FakeMessagesServer::ServeMessages(int fd, const Json& body, bool bedrock) {
  size_t number = 0;
  {
    std::lock_guard lock(mutex_);
    number = ++served_;
  }
  runner::providers::ReplayAnswer answer = AnswerFor(options_.script, number, body);
  if (!Wait(fd, answer.delay_ms)) return;
  runner::base::Headers headers = {
      {bedrock ? "x-amzn-requestid" : "request-id", runner::providers::ReplayRequestId(number)}};
  headers.insert(headers.end(), answer.headers.begin(), answer.headers.end());
  if (answer.status != 200 && bedrock) {
    auto error = Json::Parse(answer.body);
    const Json& e = error ? (*error)["error"] : Json();
    headers.emplace_back("x-amzn-errortype", BedrockExceptionFor(e["type"].StringOr("")));
    return SendJson(fd, answer.status, BedrockErrorBody(e["message"].StringOr(answer.body)), headers);
  }
  if (answer.status != 200) return SendJson(fd, answer.status, answer.body, headers);
  headers.insert(headers.begin(), {{"content-type", bedrock ? "application/vnd.amazon.eventstream"
                                                            : "text/event-stream"},
                                   {"cache-control", "no-cache"}});
  if (!SendAll(fd, ResponseHead(200, headers, std::nullopt))) return;
  if (answer.stall_ms) {
    Wait(fd, *answer.stall_ms);
    return;
  }
  for (const std::string& frame : answer.frames) {
    if (stopping_ || !SendAll(fd, bedrock ? EventStreamFrame(frame) : frame)) return;
  }
}

void FakeMessagesServer::LogRequest(const Json& line) {
  std::lock_guard lock(mutex_);
  if (log_) (void)log_->Append(line.Dump());
}

}  // namespace fake_api
