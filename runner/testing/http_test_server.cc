#include "runner/testing/http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

namespace runner::testing {

namespace {

constexpr int kPollMs = 20;

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string HeadText(int status, const base::Headers& headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " Status\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  return out + "connection: close\r\n";
}

std::optional<HttpTestRequest> ParseHead(std::string_view text, size_t& content_length) {
  std::vector<std::string> lines = base::Split(text, '\n');
  if (lines.empty()) return std::nullopt;
  std::vector<std::string> first = base::Split(base::Trim(lines[0]), ' ');
  if (first.size() != 3) return std::nullopt;
  HttpTestRequest request{first[0], first[1], {}, {}};
  content_length = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = base::Trim(lines[i]);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = base::ToLower(base::Trim(line.substr(0, colon)));
    std::string value(base::Trim(line.substr(colon + 1)));
    if (name == "content-length") content_length = base::ParseInt(value).value_or(0);
    request.headers.emplace_back(std::move(name), std::move(value));
  }
  return request;
}

/// Decodes a chunked body from `data`; false while it is incomplete.
bool DecodeChunked(std::string_view data, std::string& body) {
  body.clear();
  size_t pos = 0;
  while (true) {
    size_t eol = data.find("\r\n", pos);
    if (eol == std::string_view::npos) return false;
    std::string_view size_text = data.substr(pos, eol - pos);
    size_text = size_text.substr(0, size_text.find(';'));  // chunk extensions
    size_t size = 0;
    for (char c : base::Trim(size_text)) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
      size = size * 16 + static_cast<size_t>(digit);
    }
    pos = eol + 2;
    if (size == 0) return data.find("\r\n", pos) != std::string_view::npos;  // after any trailers
    if (data.size() < pos + size + 2) return false;
    body.append(data.substr(pos, size));
    pos += size + 2;
  }
}

/// Reads one request (head, then a content-length or chunked body); nullopt on EOF, stop or a
/// bad head.
std::optional<HttpTestRequest> ReadRequest(int fd, const std::atomic<bool>& stopping) {
  std::string buf;
  std::optional<HttpTestRequest> request;
  size_t body_start = 0, length = 0;
  bool chunked = false;
  std::string body;
  int64_t deadline = base::MonotonicMs() + 10000;
  auto complete = [&] {
    if (!request) return false;
    if (chunked) return DecodeChunked(std::string_view(buf).substr(body_start), body);
    return buf.size() >= body_start + length;
  };
  while (!complete()) {
    if (stopping || base::MonotonicMs() > deadline) return std::nullopt;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    buf.append(chunk, static_cast<size_t>(n));
    if (request) continue;
    size_t end = buf.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    request = ParseHead(std::string_view(buf).substr(0, end), length);
    if (!request) return std::nullopt;
    chunked = base::ToLower(request->header("transfer-encoding")).find("chunked") != std::string::npos;
    body_start = end + 4;
  }
  request->body = chunked ? std::move(body) : buf.substr(body_start, length);
  return request;
}

}  // namespace

bool HttpTestRequest::has_header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (base::IEquals(k, name)) return true;
  }
  return false;
}

void HttpTestResponse::Send(int status, const base::Headers& headers, std::string_view body) {
  SendAll(fd_, HeadText(status, headers) + "content-length: " + std::to_string(body.size()) +
                   "\r\n\r\n" + std::string(body));
}

bool HttpTestResponse::Head(int status, const base::Headers& headers) {
  return SendAll(fd_, HeadText(status, headers) + "\r\n");
}

bool HttpTestResponse::Write(std::string_view data) { return SendAll(fd_, data); }

bool HttpTestResponse::Wait(int64_t ms) {
  int64_t end = base::MonotonicMs() + ms;
  while (!stopping_) {
    int64_t left = end - base::MonotonicMs();
    if (left <= 0) return true;
    pollfd p{fd_, POLLRDHUP, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, kPollMs))) > 0 &&
        (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
      return false;
    }
  }
  return false;
}

base::Result<std::unique_ptr<HttpTestServer>> HttpTestServer::Start(HttpTestHandler handler) {
  base::Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return base::Fail(base::ErrorKind::kIo, std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd.get(), 64) != 0) {
    return base::Fail(base::ErrorKind::kIo, std::string("listen: ") + std::strerror(errno));
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  std::unique_ptr<HttpTestServer> server(
      new HttpTestServer(std::move(handler), std::move(fd), ntohs(addr.sin_port)));
  server->accept_thread_ = std::thread([s = server.get()] { s->AcceptLoop(); });
  return server;
}

HttpTestServer::HttpTestServer(HttpTestHandler handler, base::Fd listener, int port)
    : handler_(std::move(handler)), listener_(std::move(listener)), port_(port) {}

HttpTestServer::~HttpTestServer() { Stop(); }

std::string HttpTestServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<HttpTestRequest> HttpTestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void HttpTestServer::Stop() {
  stopping_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  std::list<Connection> connections;
  {
    std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (Connection& c : connections) c.thread.join();
}

void HttpTestServer::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listener_.get(), POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (!it->done) {
        ++it;
        continue;
      }
      it->thread.join();
      it = connections_.erase(it);
    }
    Connection& c = connections_.emplace_back();
    c.thread = std::thread([this, fd, &c] {
      Serve(fd);
      ::shutdown(fd, SHUT_WR);
      ::close(fd);
      c.done = true;
    });
  }
}

void HttpTestServer::Serve(int fd) {
  std::optional<HttpTestRequest> request = ReadRequest(fd, stopping_);
  if (!request) return;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(*request);
  }
  HttpTestResponse response(fd, stopping_);
  handler_(*request, response);
}

}  // namespace runner::testing
