#pragma once
/// An in-process MCP "server" for unit tests: a Transport whose Send hands each client message
/// to a handler, and delivers the handler's replies from its own thread, in order, as a real
/// transport does. FakeMcpServer is a handler that answers the usual methods from data.

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runner/base/json.h"
#include "runner/mcp/transport.h"

namespace runner::testing {

class FakeMcpTransport : public mcp::Transport {
 public:
  using Handler = std::function<std::vector<base::Json>(const base::Json&)>;
  explicit FakeMcpTransport(Handler handler) : handler_(std::move(handler)) {}
  ~FakeMcpTransport() override { Close(); }

  base::Result<void> Start(OnMessage on_message, OnClose on_close) override {
    on_message_ = std::move(on_message);
    on_close_ = std::move(on_close);
    thread_ = std::thread([this] { Deliver(); });
    return {};
  }
  base::Result<void> Send(const base::Json& message) override {
    std::vector<base::Json> replies;
    {
      std::lock_guard lock(mu_);
      if (closed_) return base::Fail(base::ErrorKind::kNetwork, "fake transport closed");
      sent_.push_back(message);
    }
    replies = handler_(message);
    for (base::Json& r : replies) Push(std::move(r));
    return {};
  }
  void Close() override {
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
      close_calls_++;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  std::string kind() const override { return "fake"; }

  /// A message from the server (a notification or a request), delivered like a reply.
  void Push(base::Json message) {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(message));
    cv_.notify_all();
  }
  /// The server goes away: OnClose(why) after what is queued.
  void Hangup(std::string why) {
    std::lock_guard lock(mu_);
    hangup_ = std::move(why);
    cv_.notify_all();
  }
  /// Every message the client sent.
  std::vector<base::Json> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  int close_calls() const {
    std::lock_guard lock(mu_);
    return close_calls_;
  }

 private:
  void Deliver() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return closed_ || !queue_.empty() || !hangup_.empty(); });
      if (closed_) return;
      if (queue_.empty()) {
        std::string why = std::move(hangup_);
        hangup_.clear();
        lock.unlock();
        on_close_(why);
        lock.lock();
        continue;
      }
      base::Json m = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      on_message_(std::move(m));
      lock.lock();
    }
  }

  Handler handler_;
  OnMessage on_message_;
  OnClose on_close_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<base::Json> queue_;
  std::vector<base::Json> sent_;
  std::string hangup_;
  bool closed_ = false;
  int close_calls_ = 0;
  std::thread thread_;
};

/// Answers initialize, tools/list (in pages of `page_size`), tools/call (from `results`, by tool
/// name; a result with "error" becomes a JSON-RPC error), resources/list, resources/read,
/// prompts/list (in pages of `page_size`), prompts/get (from `prompt_results`, by prompt name,
/// "error" as for tools) and ping. Requests it does not know get -32601. Notifications get no answer.
struct FakeMcpServer {
  std::string protocol_version = "2025-06-18";
  base::Json capabilities = base::JsonObject({{"tools", base::Json::MakeObject()}});
  std::vector<base::Json> tools;
  size_t page_size = 0;  ///< 0: one page
  std::map<std::string, base::Json> results;
  std::vector<base::Json> resources;
  std::map<std::string, base::Json> contents;  ///< uri → contents array
  std::string instructions;
  std::vector<base::Json> prompts;                   ///< prompts/list entries
  std::map<std::string, base::Json> prompt_results;  ///< prompt name → GetPromptResult

  std::vector<base::Json> operator()(const base::Json& m) const {
    if (!m.Contains("id") || !m["method"].is_string()) return {};
    const std::string& method = m["method"].AsString();
    auto ok = [&](base::Json result) {
      return std::vector<base::Json>{base::JsonObject({{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", std::move(result)}})};
    };
    auto error = [&](int code, std::string message) {
      return std::vector<base::Json>{base::JsonObject(
          {{"jsonrpc", "2.0"}, {"id", m["id"]},
           {"error", base::JsonObject({{"code", code}, {"message", std::move(message)}})}})};
    };
    if (method == "initialize") {
      return ok(base::JsonObject(
          {{"protocolVersion", protocol_version}, {"capabilities", capabilities},
           {"serverInfo", base::JsonObject({{"name", "fake"}, {"version", "1.0"}})},
           {"instructions", instructions}}));
    }
    if (method == "tools/list") {
      size_t start = m["params"]["cursor"].is_string() ? std::stoul(m["params"]["cursor"].AsString()) : 0;
      size_t end = page_size ? std::min(tools.size(), start + page_size) : tools.size();
      base::Json page = base::Json::MakeArray();
      for (size_t i = start; i < end; ++i) page.Push(tools[i]);
      base::Json result = base::JsonObject({{"tools", std::move(page)}});
      if (end < tools.size()) result.Set("nextCursor", std::to_string(end));
      return ok(std::move(result));
    }
    if (method == "tools/call") {
      auto it = results.find(m["params"]["name"].AsString());
      if (it == results.end()) return error(-32602, "Unknown tool: " + m["params"]["name"].AsString());
      if (it->second.Contains("error")) {
        return error(static_cast<int>(it->second["error"]["code"].AsInt()), it->second["error"]["message"].AsString());
      }
      return ok(it->second);
    }
    if (method == "resources/list") {
      base::Json list = base::Json::MakeArray();
      for (const base::Json& r : resources) list.Push(r);
      return ok(base::JsonObject({{"resources", std::move(list)}}));
    }
    if (method == "resources/read") {
      auto it = contents.find(m["params"]["uri"].AsString());
      if (it == contents.end()) return error(-32002, "Resource not found");
      return ok(base::JsonObject({{"contents", it->second}}));
    }
    if (method == "prompts/list") {
      size_t start = m["params"]["cursor"].is_string() ? std::stoul(m["params"]["cursor"].AsString()) : 0;
      size_t end = page_size ? std::min(prompts.size(), start + page_size) : prompts.size();
      base::Json page = base::Json::MakeArray();
      for (size_t i = start; i < end; ++i) page.Push(prompts[i]);
      base::Json result = base::JsonObject({{"prompts", std::move(page)}});
      if (end < prompts.size()) result.Set("nextCursor", std::to_string(end));
      return ok(std::move(result));
    }
    if (method == "prompts/get") {
      auto it = prompt_results.find(m["params"]["name"].AsString());
      if (it == prompt_results.end()) return error(-32602, "Unknown prompt: " + m["params"]["name"].AsString());
      if (it->second.Contains("error")) {
        return error(static_cast<int>(it->second["error"]["code"].AsInt()), it->second["error"]["message"].AsString());
      }
      return ok(it->second);
    }
    if (method == "ping") return ok(base::Json::MakeObject());
    return error(-32601, "Method not found");
  }
};

}  // namespace runner::testing
