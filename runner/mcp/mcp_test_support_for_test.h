#pragma once
/// Helpers for the HTTP transports' tests: an inbox that collects OnMessage deliveries, and
/// builders for JSON-RPC messages and SSE events.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/json.h"
#include "runner/mcp/transport.h"
#include "runner/testing/http_test_server.h"

namespace runner::base {
/// Lets GoogleTest print Json values in failure messages.
inline void PrintTo(const Json& json, std::ostream* os) { *os << json.Dump(); }
}  // namespace runner::base

namespace runner::mcp::test {

using base::Json;

/// Collects what a transport delivers, from any thread.
class Inbox {
 public:
  Transport::OnMessage Sink() {
    return [this](Json m) {
      std::lock_guard lock(mutex_);
      messages_.push_back(std::move(m));
      changed_.notify_all();
    };
  }
  Transport::OnClose CloseSink() {
    return [this](std::string why) {
      std::lock_guard lock(mutex_);
      closed_ = why.empty() ? "closed" : why;
      changed_.notify_all();
    };
  }
  /// Waits up to `ms` for `n` messages; returns all that arrived.
  std::vector<Json> WaitFor(size_t n, int64_t ms = 5000) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return messages_.size() >= n; });
    return messages_;
  }
  /// Waits up to `ms` for OnClose; returns its reason (empty when it did not come).
  std::string WaitForClose(int64_t ms = 5000) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return !closed_.empty(); });
    return closed_;
  }
  std::vector<Json> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Json> messages_;
  std::string closed_;
};

inline Json Request(Json id, std::string method, Json params = Json::MakeObject()) {
  return base::JsonObject({{"jsonrpc", "2.0"},
                           {"id", std::move(id)},
                           {"method", std::move(method)},
                           {"params", params}});
}
inline Json Notification(std::string method, Json params = Json::MakeObject()) {
  return base::JsonObject({{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", params}});
}
inline Json Response(Json id, Json result) {
  return base::JsonObject(
      {{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"result", std::move(result)}});
}
/// One SSE event carrying `message`, with an `id:` line when `id` is set.
inline std::string Event(const Json& message, const std::string& id = "") {
  return (id.empty() ? "" : "id: " + id + "\n") + "data: " + message.Dump() + "\n\n";
}
/// The JSON-RPC body of a request the test server got (null for GET/DELETE).
inline Json Body(const testing::HttpTestRequest& r) {
  auto parsed = Json::Parse(r.body);
  return parsed ? *parsed : Json();
}

inline std::unique_ptr<testing::HttpTestServer> Serve(testing::HttpTestHandler handler) {
  auto server = testing::HttpTestServer::Start(std::move(handler));
  EXPECT_TRUE(server) << server.error().message;
  return std::move(*server);
}

/// Polls `done` every 10 ms for up to `ms`; returns its last value.
template <class F>
bool Eventually(F done, int64_t ms = 5000) {
  int64_t end = base::MonotonicMs() + ms;
  while (!done()) {
    if (base::MonotonicMs() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline const base::Headers kJson = {{"content-type", "application/json"}};
inline const base::Headers kSse = {{"content-type", "text/event-stream"}};

}  // namespace runner::mcp::test
