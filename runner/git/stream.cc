// A plain TCP stream for libgit2 with connect and idle timeouts. libgit2 1.5 has no timeout
// options (GIT_OPT_SET_SERVER_CONNECT_TIMEOUT and _TIMEOUT arrived in 1.7), and its own socket
// stream blocks forever on a silent server. Registered as GIT_STREAM_STANDARD, it also carries
// libgit2's TLS streams (mbedTLS/OpenSSL build their transport on the standard socket stream).

#include <fcntl.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "runner/base/clock.h"
#include "runner/git/libgit2.h"
#include "runner/git/repo.h"

namespace runner::git {
namespace {

std::atomic<int64_t> g_connect_ms{60000};
std::atomic<int64_t> g_idle_ms{60000};

struct TimedStream {
  git_stream parent;  // first: libgit2 casts between the two
  std::string host;
  std::string port;
  int fd = -1;
};

int NetError(const std::string& what) {
  git_error_set_str(GIT_ERROR_NET, what.c_str());
  return -1;
}

/// Waits for `events` on fd within the idle timeout; 0 when ready, -1 (error set) otherwise.
int WaitFor(int fd, short events, int64_t timeout_ms, const char* doing) {
  int64_t end = base::MonotonicMs() + timeout_ms;
  while (true) {
    int64_t left = end - base::MonotonicMs();
    if (left <= 0) {
      return NetError(std::string(doing) + " timed out after " + std::to_string(timeout_ms / 1000) +
                      " s");
    }
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
    if (n > 0) return 0;
    if (n < 0 && errno != EINTR) return NetError(std::string(doing) + ": " + std::strerror(errno));
  }
}

int ConnectOne(const addrinfo* ai, int64_t timeout_ms, std::string& error) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
  if (fd < 0) {
    error = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
    error = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  int n = ::poll(&p, 1, static_cast<int>(timeout_ms));
  int so_error = 0;
  socklen_t len = sizeof so_error;
  if (n <= 0) {
    error = n == 0 ? "timed out after " + std::to_string(timeout_ms / 1000) + " s"
                   : std::strerror(errno);
  } else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len) != 0 || so_error != 0) {
    error = std::strerror(so_error ? so_error : errno);
  } else {
    return fd;
  }
  ::close(fd);
  return -1;
}

int StreamConnect(git_stream* s) {
  auto* st = reinterpret_cast<TimedStream*>(s);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  if (int rc = ::getaddrinfo(st->host.c_str(), st->port.c_str(), &hints, &list); rc != 0) {
    return NetError("failed to resolve address for " + st->host + ": " + ::gai_strerror(rc));
  }
  std::string error = "no address";
  for (addrinfo* ai = list; ai && st->fd < 0; ai = ai->ai_next) {
    st->fd = ConnectOne(ai, g_connect_ms.load(), error);
  }
  ::freeaddrinfo(list);
  if (st->fd < 0) return NetError("failed to connect to " + st->host + ":" + st->port + ": " + error);
  return 0;
}

ssize_t StreamRead(git_stream* s, void* data, size_t len) {
  auto* st = reinterpret_cast<TimedStream*>(s);
  while (true) {
    ssize_t n = ::recv(st->fd, data, len, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return NetError(std::string("read: ") + std::strerror(errno));
    if (WaitFor(st->fd, POLLIN, g_idle_ms.load(), ("waiting for " + st->host).c_str()) < 0) return -1;
  }
}

ssize_t StreamWrite(git_stream* s, const char* data, size_t len, int flags) {
  auto* st = reinterpret_cast<TimedStream*>(s);
  size_t done = 0;
  while (done < len) {
    ssize_t n = ::send(st->fd, data + done, len - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      return NetError(std::string("write: ") + std::strerror(errno));
    }
    if (WaitFor(st->fd, POLLOUT, g_idle_ms.load(), ("sending to " + st->host).c_str()) < 0) return -1;
  }
  return static_cast<ssize_t>(done);
}

int StreamClose(git_stream* s) {
  auto* st = reinterpret_cast<TimedStream*>(s);
  if (st->fd >= 0) ::close(st->fd);
  st->fd = -1;
  return 0;
}

void StreamFree(git_stream* s) {
  StreamClose(s);
  delete reinterpret_cast<TimedStream*>(s);
}

int StreamNew(git_stream** out, const char* host, const char* port) {
  auto* st = new TimedStream{};
  st->parent.version = GIT_STREAM_VERSION;
  st->parent.connect = StreamConnect;
  st->parent.read = StreamRead;
  st->parent.write = StreamWrite;
  st->parent.close = StreamClose;
  st->parent.free = StreamFree;
  st->host = host;
  st->port = port;
  *out = &st->parent;
  return 0;
}

}  // namespace

void SetNetworkTimeouts(std::chrono::milliseconds connect, std::chrono::milliseconds idle) {
  g_connect_ms = connect.count();
  g_idle_ms = idle.count();
}

namespace detail {

void EnsureInit() {
  static const bool kDone = [] {
    git_libgit2_init();
    git_stream_registration registration{};
    registration.version = GIT_STREAM_VERSION;
    registration.init = StreamNew;
    git_stream_register(GIT_STREAM_STANDARD, &registration);
    return true;
  }();
  (void)kDone;
}

}  // namespace detail
}  // namespace runner::git
