#include "runner/control/control_channel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "runner/control/control_messages.h"

namespace runner::control {
namespace {

using base::Json;

/// A host on the other end: records what the runner wrote; the test answers by request id.
class FakeHost {
 public:
  Writer writer() {
    return [this](Json line) {
      std::lock_guard lock(mu_);
      lines_.push_back(std::move(line));
      cv_.notify_all();
    };
  }
  /// Waits for the n-th written line (0-based).
  Json WaitLine(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(5), [&] { return lines_.size() > n; });
    return lines_.size() > n ? lines_[n] : Json();
  }
  size_t count() {
    std::lock_guard lock(mu_);
    return lines_.size();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Json> lines_;
};

Json Parse(const std::string& text) { return *Json::Parse(text); }

TEST(ControlChannel, RequestGetsTheMatchingResponsePayload) {
  FakeHost host;
  ControlChannel channel(host.writer());
  std::thread answer([&] {
    Json sent = host.WaitLine(0);
    EXPECT_EQ(sent["type"].AsString(), "control_request");
    EXPECT_EQ(sent["request"]["subtype"].AsString(), "ping");
    std::string id = sent["request_id"].AsString();
    EXPECT_FALSE(channel.Deliver(SuccessResponse("some-other-id", Json(1))));
    EXPECT_TRUE(channel.Deliver(SuccessResponse(id, Parse(R"({"ok":true})"))));
  });
  auto got = channel.Request(Parse(R"({"subtype":"ping"})"), 5000, nullptr);
  answer.join();
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_TRUE((*got)["ok"].AsBool());
}

TEST(ControlChannel, ErrorResponseBecomesAnErrorWithTheHostsText) {
  FakeHost host;
  ControlChannel channel(host.writer());
  std::thread answer([&] {
    Json sent = host.WaitLine(0);
    channel.Deliver(ErrorResponse(sent["request_id"].AsString(), "callback threw: boom"));
  });
  auto got = channel.Request(Parse(R"({"subtype":"ping"})"), 5000, nullptr);
  answer.join();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, base::ErrorKind::kApi);
  EXPECT_EQ(got.error().message, "callback threw: boom");
}

TEST(ControlChannel, TimeoutTellsTheHostToCancel) {
  FakeHost host;
  ControlChannel channel(host.writer());
  auto got = channel.Request(Parse(R"({"subtype":"ping"})"), 100, nullptr);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, base::ErrorKind::kTimeout);
  Json cancel = host.WaitLine(1);
  EXPECT_EQ(cancel["type"].AsString(), "control_cancel_request");
  EXPECT_EQ(cancel["request_id"].AsString(), host.WaitLine(0)["request_id"].AsString());
  // A late answer finds nobody waiting.
  EXPECT_FALSE(channel.Deliver(SuccessResponse(cancel["request_id"].AsString(), Json())));
}

TEST(ControlChannel, CancellationStopsTheWait) {
  FakeHost host;
  ControlChannel channel(host.writer());
  base::CancelToken cancel;
  std::thread stopper([&] {
    host.WaitLine(0);
    cancel.Cancel(base::CancelReason::kTurnInterrupt);
  });
  auto got = channel.Request(Parse(R"({"subtype":"ping"})"), 0, &cancel);
  stopper.join();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, base::ErrorKind::kInterrupted);
}

TEST(ControlChannel, ClosedInputFailsWaitingAndLaterRequests) {
  FakeHost host;
  ControlChannel channel(host.writer());
  std::thread closer([&] {
    host.WaitLine(0);
    channel.Close("stdin closed");
  });
  auto got = channel.Request(Parse(R"({"subtype":"ping"})"), 0, nullptr);
  closer.join();
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind, base::ErrorKind::kIo);
  EXPECT_EQ(got.error().message, "stdin closed");
  auto later = channel.Request(Parse(R"({"subtype":"ping"})"), 0, nullptr);
  ASSERT_FALSE(later);
  EXPECT_EQ(host.count(), 1u);  // nothing more was written
}

TEST(ControlChannel, SeveralThreadsWaitAtOnceAndEachGetsItsOwnAnswer) {
  FakeHost host;
  ControlChannel channel(host.writer());
  constexpr int kCallers = 4;
  std::vector<std::thread> callers;
  std::vector<std::string> got(kCallers);
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      Json req = Json::MakeObject();
      req.Set("subtype", Json("echo"));
      req.Set("n", Json(static_cast<int64_t>(i)));
      auto r = channel.Request(std::move(req), 5000, nullptr);
      got[i] = r ? (*r)["echo"].Dump() : r.error().message;
    });
  }
  // Answer in reverse order of arrival.
  std::vector<Json> sent;
  for (int i = 0; i < kCallers; ++i) sent.push_back(host.WaitLine(i));
  for (int i = kCallers - 1; i >= 0; --i) {
    Json payload = Json::MakeObject();
    payload.Set("echo", sent[i]["request"]["n"]);
    channel.Deliver(SuccessResponse(sent[i]["request_id"].AsString(), payload));
  }
  for (auto& t : callers) t.join();
  for (int i = 0; i < kCallers; ++i) EXPECT_EQ(got[i], std::to_string(i));
}

TEST(ControlChannel, AskSendsCanUseToolAndReadsAllowOrDeny) {
  FakeHost host;
  ControlChannel channel(host.writer());
  permissions::PromptRequest req;
  req.tool_name = "Bash";
  req.input = Parse(R"({"command":"make test","description":"Run the tests"})");
  req.tool_use_id = "toolu_1";
  std::thread answer([&] {
    Json first = host.WaitLine(0);
    EXPECT_EQ(first["request"]["subtype"].AsString(), "can_use_tool");
    EXPECT_EQ(first["request"]["tool_use_id"].AsString(), "toolu_1");
    channel.Deliver(SuccessResponse(
        first["request_id"].AsString(),
        Parse(R"({"behavior":"allow","updatedInput":{"command":"make check"},"toolUseID":"toolu_1"})")));
    Json second = host.WaitLine(1);
    channel.Deliver(SuccessResponse(second["request_id"].AsString(),
                                    Parse(R"({"behavior":"deny","message":"not now","interrupt":true})")));
    Json third = host.WaitLine(2);
    channel.Deliver(SuccessResponse(third["request_id"].AsString(), Parse(R"({"behavior":"maybe"})")));
  });
  auto allow = channel.Ask(req, nullptr);
  auto deny = channel.Ask(req, nullptr);
  auto odd = channel.Ask(req, nullptr);
  answer.join();
  ASSERT_TRUE(allow);
  EXPECT_TRUE(allow->allow);
  EXPECT_EQ(allow->updated_input["command"].AsString(), "make check");
  ASSERT_TRUE(deny);
  EXPECT_FALSE(deny->allow);
  EXPECT_EQ(deny->message, "not now");
  EXPECT_TRUE(deny->interrupt);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().kind, base::ErrorKind::kParse);
}

TEST(ControlChannel, CallSendsAHookCallbackWithTheInput) {
  FakeHost host;
  ControlChannel channel(host.writer());
  std::thread answer([&] {
    Json sent = host.WaitLine(0);
    EXPECT_EQ(sent["request"]["subtype"].AsString(), "hook_callback");
    EXPECT_EQ(sent["request"]["callback_id"].AsString(), "hook_3");
    EXPECT_EQ(sent["request"]["tool_use_id"].AsString(), "toolu_9");
    EXPECT_EQ(sent["request"]["input"]["hook_event_name"].AsString(), "PreToolUse");
    channel.Deliver(SuccessResponse(sent["request_id"].AsString(), Parse(R"({"continue":true})")));
  });
  auto got = channel.Call("hook_3", Parse(R"({"hook_event_name":"PreToolUse"})"), "toolu_9", 5000,
                          nullptr);
  answer.join();
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_TRUE((*got)["continue"].AsBool());
}

}  // namespace
}  // namespace runner::control
