#include "runner/agent/agent.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <chrono>
#include <thread>

#include "runner/testing/fake_provider.h"

namespace runner::agent {
namespace {

using base::Json;

/// A tool that waits until `expected` calls are inside it at once (or gives up after a while),
/// and reports whether it met the others: proof of parallel execution without timing asserts.
class RendezvousTool : public tools::Tool {
 public:
  RendezvousTool(std::string name, bool read_only, int expected)
      : name_(std::move(name)), read_only_(read_only), expected_(expected) {}
  std::string_view name() const override { return name_; }
  std::string description() const override { return "test"; }
  Json input_schema() const override { return base::JsonObject({{"type", "object"}}); }
  bool IsReadOnly(const Json&) const override { return read_only_; }
  tools::ToolResult Run(const Json&, tools::ToolContext&) override {
    arrived_++;
    auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    while (arrived_.load() < expected_ && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    bool met = arrived_.load() >= expected_;
    return {Json(met ? "met" : "alone"), false, Json()};
  }

 private:
  std::string name_;
  bool read_only_;
  int expected_;
  std::atomic<int> arrived_{0};
};

protocol::AssistantReply Reply(Json content, std::string stop_reason) {
  protocol::AssistantReply r;
  r.id = "msg_1";
  r.model = "claude-opus-5-5";
  r.content = std::move(content);
  r.stop_reason = std::move(stop_reason);
  r.usage.input_tokens = 10;
  r.usage.output_tokens = 5;
  return r;
}

Json ToolUse(const std::string& id, const std::string& name) {
  return base::JsonObject({{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", Json::MakeObject()}});
}

class AgentTest : public ::testing::Test {
 protected:
  /// Runs one turn where the model calls `name` twice, then answers.
  std::vector<std::string> RunTwoCalls(tools::Tool& tool, int concurrency) {
    testing::FakeProvider provider;
    provider.Add(Reply(base::JsonArray({ToolUse("t1", std::string(tool.name())),
                                        ToolUse("t2", std::string(tool.name()))}),
                       "tool_use"));
    provider.Add(Reply(base::JsonArray({protocol::TextBlock("done")}), "end_turn"));
    testing::CollectingSink sink;
    base::CancelToken cancel;
    permissions::Gate gate(permissions::PermissionMode::kBypassPermissions, {}, {});
    AgentOptions options;
    options.model = "claude-opus-5-5";
    options.max_tool_concurrency = concurrency;
    tools::ToolSession session;
    Agent agent(options, EnvironmentFacts{}, provider, {&tool}, gate,
                tools::ToolContext{{}, nullptr, &cancel, nullptr, &session}, sink, cancel);
    TurnOutcome out = agent.RunTurn(Json("go"));
    EXPECT_EQ(out.outcome, Outcome::kSuccess);
    std::vector<std::string> results;
    const Json& blocks = provider.requests().at(1).messages.back().content;
    for (const Json& b : blocks.items()) results.push_back(b["content"].AsString());
    return results;
  }
};

TEST_F(AgentTest, ReadOnlyCallsRunInParallel) {
  RendezvousTool tool("Probe", /*read_only=*/true, /*expected=*/2);
  EXPECT_EQ(RunTwoCalls(tool, 10), (std::vector<std::string>{"met", "met"}));
}

TEST_F(AgentTest, ConcurrencyLimitOfOneRunsCallsInTurn) {
  RendezvousTool tool("Probe", true, 2);
  EXPECT_EQ(RunTwoCalls(tool, 1), (std::vector<std::string>{"alone", "met"}));
}

TEST_F(AgentTest, CallsThatChangeThingsNeverOverlap) {
  RendezvousTool tool("Mutator", /*read_only=*/false, 2);
  EXPECT_EQ(RunTwoCalls(tool, 10), (std::vector<std::string>{"alone", "met"}));
}

TEST_F(AgentTest, ResultsKeepCallOrderAndTheRunCostsWhatTheUsageSays) {
  testing::FakeProvider provider;
  provider.Add(Reply(base::JsonArray({protocol::TextBlock("hello")}), "end_turn"));
  testing::CollectingSink sink;
  base::CancelToken cancel;
  permissions::Gate gate(permissions::PermissionMode::kDefault, {}, {});
  AgentOptions options;
  options.model = "claude-opus-5-5";
  options.session_id = "s";
  tools::ToolSession session;
  Agent agent(options, EnvironmentFacts{}, provider, {}, gate,
              tools::ToolContext{{}, nullptr, &cancel, nullptr, &session}, sink, cancel);
  TurnOutcome out = agent.RunTurn(Json("hi"));
  EXPECT_EQ(out.result.result, "hello");
  EXPECT_EQ(out.result.num_turns, 1);
  EXPECT_DOUBLE_EQ(out.result.total_cost_usd, (10 * 4.0 + 5 * 20.0) / 1e6);
  ASSERT_FALSE(sink.events.empty());
  EXPECT_TRUE(std::holds_alternative<protocol::ResultEvent>(sink.events.back()));
}

/// Answers main-agent and subagent requests from separate scripts (subagents run on other
/// threads, so the order of requests between the two is not fixed).
class TwoScriptProvider : public providers::Provider {
 public:
  std::vector<protocol::AssistantReply> main, sub;
  base::Result<protocol::AssistantReply> Send(const providers::ModelRequest& request,
                                              providers::StreamObserver&,
                                              base::CancelToken&) override {
    std::unique_lock<std::mutex> lock(mu_);
    requests.push_back(request);
    if (request.agent_id.empty()) {
      ++main_requests_;
      cv_.notify_all();
    } else {
      // Hold the subagent until the parent has made `hold_sub_until` requests, so the test
      // controls whether its result is ready at the parent's next step.
      cv_.wait_for(lock, std::chrono::seconds(5), [&] { return main_requests_ >= hold_sub_until; });
    }
    auto& script = request.agent_id.empty() ? main : sub;
    size_t& next = request.agent_id.empty() ? next_main_ : next_sub_;
    if (next >= script.size()) return base::Fail(base::ErrorKind::kApi, "script exhausted");
    return script[next++];
  }
  std::vector<providers::ModelRequest> requests;
  size_t hold_sub_until = 0;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t main_requests_ = 0;
  size_t next_main_ = 0, next_sub_ = 0;
};

TEST(AgentBackground, BackgroundSubagentResultIsDeliveredBeforeTheTurnEnds) {
  TwoScriptProvider provider;
  Json task = base::JsonObject({{"type", "tool_use"}, {"id", "toolu_bg"}, {"name", "Task"},
                                {"input", base::JsonObject({{"description", "dig"},
                                                            {"prompt", "find things"},
                                                            {"run_in_background", true}})}});
  provider.main = {Reply(base::JsonArray({task}), "tool_use"),
                   Reply(base::JsonArray({protocol::TextBlock("waiting for it")}), "end_turn"),
                   Reply(base::JsonArray({protocol::TextBlock("final with result")}), "end_turn")};
  provider.sub = {Reply(base::JsonArray({protocol::TextBlock("bg result 42")}), "end_turn")};
  provider.hold_sub_until = 2;  // still running when the parent ends its turn
  testing::CollectingSink sink;
  base::CancelToken cancel;
  permissions::Gate gate(permissions::PermissionMode::kDefault, {}, {});
  AgentOptions options;
  options.model = "claude-opus-5-5";
  tools::ToolSession session;
  Agent agent(options, EnvironmentFacts{}, provider, {}, gate,
              tools::ToolContext{{}, nullptr, &cancel, nullptr, &session}, sink, cancel);
  TurnOutcome out = agent.RunTurn(Json("go"));
  EXPECT_EQ(out.outcome, Outcome::kSuccess);
  EXPECT_EQ(out.result.result, "final with result");
  // The last main request carries the notification with the subagent's answer.
  std::string last;
  for (const auto& r : provider.requests) {
    if (r.agent_id.empty()) last = r.messages.back().content.Dump();
  }
  EXPECT_NE(last.find("<task-notification>"), std::string::npos) << last;
  EXPECT_NE(last.find("bg result 42"), std::string::npos) << last;
  // The subagent's usage counts toward the parent's cost: 4 replies of 10 in / 5 out tokens.
  EXPECT_DOUBLE_EQ(out.result.total_cost_usd, 4 * (10 * 4.0 + 5 * 20.0) / 1e6);
}

}  // namespace
}  // namespace runner::agent
