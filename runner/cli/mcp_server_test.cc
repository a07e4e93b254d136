#include "runner/cli/mcp_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/cli/mcp_serve.h"
#include "runner/exec/process.h"
#include "runner/testing/scratch_tree.h"
#include "runner/tools/background_shells.h"
#include "runner/tools/read_tool.h"
#include "runner/tools/registry.h"

namespace runner::cli {
namespace {

using base::Json;
namespace fs = std::filesystem;

Json Parse(std::string_view text) {
  auto parsed = Json::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Json());
}

/// A server over a scratch project, with every served tool, capturing what it writes.
class McpServerTest : public ::testing::Test {
 protected:
  McpServerTest()
      : dir_(fs::canonical(project_.root())),
        env_(
            std::map<std::string, std::string>{{"PATH", "/usr/bin:/bin"}, {"HOME", dir_.string()}}),
        background_(scratch_.root() / "bg"),
        gate_(McpConfinementPolicy(dir_, {}, env_)),
        all_(tools::BuildBuiltinTools()) {
    session_.bash_cwd = dir_;
    tools::ToolContext context{dir_, &env_, nullptr, &processes_, &session_, &background_};
    server_ = std::make_unique<McpServer>(*SelectServedTools(all_, std::nullopt), gate_, context,
                                          McpServerOptions{"9.9.9", "Use the tools."},
                                          [this](std::string line) { Capture(std::move(line)); });
  }

  // The server's threads write through Capture: stop them before the capture goes away.
  ~McpServerTest() override { server_.reset(); }

  void Send(std::string_view line) { server_->HandleLine(line); }

  /// The answer whose id is `id`, waiting up to 10 s for it; null when none came.
  Json AnswerTo(const Json& id) {
    std::unique_lock lock(mu_);
    Json found;
    cv_.wait_for(lock, std::chrono::seconds(10), [&] {
      for (const Json& line : lines_) {
        if (line["id"] == id && (line.Contains("result") || line.Contains("error"))) found = line;
      }
      return !found.is_null();
    });
    return found;
  }
  std::vector<Json> Lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }
  static std::string Call(int id, std::string_view tool, const Json& arguments) {
    return base::JsonObject(
               {{"jsonrpc", "2.0"},
                {"id", id},
                {"method", "tools/call"},
                {"params", base::JsonObject({{"name", tool}, {"arguments", arguments}})}})
        .Dump();
  }
  static Json Error(const Json& id, int code, std::string_view message) {
    return base::JsonObject({{"jsonrpc", "2.0"},
                             {"id", id},
                             {"error", base::JsonObject({{"code", code}, {"message", message}})}});
  }

  testing::ScratchTree project_;
  testing::ScratchTree scratch_;
  fs::path dir_;
  base::Env env_;
  exec::PosixProcessRunner processes_;
  tools::ToolSession session_;
  tools::BackgroundShells background_;
  permissions::Gate gate_;
  std::vector<std::unique_ptr<tools::Tool>> all_;
  std::unique_ptr<McpServer> server_;

 private:
  void Capture(std::string line) {
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    std::lock_guard lock(mu_);
    lines_.push_back(Parse(line));
    cv_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Json> lines_;
};

TEST_F(McpServerTest, InitializeAnswersWithTheRequestedVersionServerInfoAndToolsCapability) {
  Send(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
         "capabilities":{},"clientInfo":{"name":"test","version":"1"}}})");
  EXPECT_EQ(AnswerTo(1), Parse(R"({"jsonrpc":"2.0","id":1,"result":{
      "protocolVersion":"2025-06-18",
      "capabilities":{"tools":{"listChanged":false}},
      "serverInfo":{"name":"claude-runner","version":"9.9.9"},
      "instructions":"Use the tools."}})"));
}

TEST_F(McpServerTest, InitializeOffersTheNewestVersionForAnUnknownOne) {
  Send(
      R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":"2099-01-01"}})");
  EXPECT_EQ(AnswerTo("a")["result"]["protocolVersion"], Json("2025-11-25"));
  Send(
      R"({"jsonrpc":"2.0","id":"b","method":"initialize","params":{"protocolVersion":"2024-11-05"}})");
  EXPECT_EQ(AnswerTo("b")["result"]["protocolVersion"], Json("2024-11-05"));
}

TEST_F(McpServerTest, InitializeWithoutProtocolVersionIsInvalidParams) {
  Send(R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{}})");
  EXPECT_EQ(AnswerTo(2), Error(2, -32602, "Invalid params: protocolVersion must be a string"));
}

TEST_F(McpServerTest, PingAnswersAnEmptyResultAndNotificationsGetNoAnswer) {
  Send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  Send(R"({"jsonrpc":"2.0","method":"notifications/whatever","params":{"x":1}})");
  Send(R"({"jsonrpc":"2.0","id":7,"method":"ping"})");
  EXPECT_EQ(AnswerTo(7), Parse(R"({"jsonrpc":"2.0","id":7,"result":{}})"));
  EXPECT_EQ(Lines().size(), 1u);
}

TEST_F(McpServerTest, ToolsListGivesTheServedToolsWithTheToolSeamsSchemas) {
  Send(R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"cursor":"ignored"}})");
  Json answer = AnswerTo(3);
  std::vector<std::string> names;
  Json read;
  for (const Json& tool : answer["result"]["tools"].items()) {
    names.push_back(tool["name"].AsString());
    if (tool["name"].AsString() == "Read") read = tool;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Bash", "Edit", "Glob", "Grep", "LS", "MultiEdit",
                                             "NotebookEdit", "Read", "TaskStop", "Write"}));
  EXPECT_EQ(read["inputSchema"], tools::ReadTool().input_schema());
  EXPECT_FALSE(answer["result"].Contains("nextCursor"));
}

TEST_F(McpServerTest, ReadOfAFileReturnsItsNumberedLines) {
  fs::path file = project_.Write("notes.txt", "alpha\nbeta\n");
  Send(Call(4, "Read", base::JsonObject({{"file_path", file.string()}})));
  EXPECT_EQ(AnswerTo(4), Parse(R"({"jsonrpc":"2.0","id":4,"result":{
      "content":[{"type":"text","text":"     1\talpha\n     2\tbeta"}]}})"));
}

TEST_F(McpServerTest, AToolFailureIsAnErrorResultNotAProtocolError) {
  Send(Call(5, "Bash", base::JsonObject({{"command", "echo oops >&2; exit 3"}})));
  EXPECT_EQ(AnswerTo(5), Parse(R"({"jsonrpc":"2.0","id":5,"result":{
      "content":[{"type":"text","text":"oops\nExit code 3"}],"isError":true}})"));
  Send(Call(6, "Read", base::JsonObject({{"limit", 3}})));
  Json invalid = AnswerTo(6)["result"];
  EXPECT_EQ(invalid["isError"], Json(true));
  EXPECT_TRUE(invalid["content"].at(0)["text"].AsString().starts_with("InputValidationError: Read"))
      << invalid.Dump();
}

TEST_F(McpServerTest, FileToolsStayInsideTheWorkingDirectories) {
  fs::path outside = scratch_.Write("secret.txt", "key\n");
  Send(Call(8, "Read", base::JsonObject({{"file_path", outside.string()}})));
  Json result = AnswerTo(8)["result"];
  EXPECT_EQ(result["isError"], Json(true));
  EXPECT_EQ(result["content"].at(0)["text"],
            Json("Read refused: the path is outside the directories this server may reach (" +
                 dir_.string() +
                 "). Start `claude-runner mcp serve` with `--add-dir <dir>` to "
                 "allow another directory."));
  // Bash is not confined: the client approved the command.
  Send(Call(9, "Bash", base::JsonObject({{"command", "cat " + outside.string()}})));
  EXPECT_EQ(AnswerTo(9)["result"]["content"].at(0)["text"], Json("key"));
}

TEST_F(McpServerTest, AddedDirectoriesAreReachable) {
  fs::path other = fs::canonical(scratch_.root());
  fs::path file = scratch_.Write("shared.txt", "shared\n");
  permissions::Gate wider(McpConfinementPolicy(dir_, {other}, env_));
  tools::ToolContext context{dir_, &env_, nullptr, &processes_, &session_, &background_};
  std::vector<Json> out;
  {
    McpServer server(*SelectServedTools(all_, std::nullopt), wider, context, {},
                     [&](std::string l) { out.push_back(Parse(l)); });
    server.HandleLine(Call(1, "Read", base::JsonObject({{"file_path", file.string()}})));
    base::CancelToken never;
    server.Wait(never);
  }
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["result"]["content"].at(0)["text"], Json("     1\tshared"));
}

TEST_F(McpServerTest, MalformedMessagesGetJsonRpcErrors) {
  Send("{not json");
  Send(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  Send(R"({"jsonrpc":"1.0","id":10,"method":"ping"})");
  Send(R"({"jsonrpc":"2.0","id":11,"method":"resources/list"})");
  Send(R"({"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"arguments":{}}})");
  Send(
      R"({"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"Task","arguments":{}}})");
  Send(
      R"({"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":"Read","arguments":[1]}})");
  Send(R"({"jsonrpc":"2.0","id":15,"method":"tools/list","params":[1]})");
  Send(R"({"jsonrpc":"2.0","id":{"x":1},"method":"ping"})");
  Send(R"({"jsonrpc":"2.0","id":99,"result":{}})");  // a response to nothing: ignored
  Send("   ");                                       // a blank line: ignored
  std::vector<Json> lines = Lines();
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[0]["id"], Json());
  EXPECT_EQ(lines[0]["error"]["code"], Json(-32700));
  EXPECT_EQ(lines[1],
            Error(nullptr, -32600, "Invalid Request: JSON-RPC batches are not supported"));
  EXPECT_EQ(lines[2], Error(10, -32600, "Invalid Request: jsonrpc must be \"2.0\""));
  EXPECT_EQ(lines[3], Error(11, -32601, "Method not found: resources/list"));
  EXPECT_EQ(lines[4], Error(12, -32602, "Invalid params: name must be a string"));
  EXPECT_EQ(lines[5], Error(13, -32602, "Unknown tool: Task"));
  EXPECT_EQ(lines[6], Error(14, -32602, "Invalid params: arguments must be an object"));
  EXPECT_EQ(lines[7], Error(15, -32602, "Invalid params: params must be an object"));
  EXPECT_EQ(lines[8], Error(nullptr, -32600, "Invalid Request: id must be a string or a number"));
}

TEST_F(McpServerTest, PingIsAnsweredWhileACallRuns) {
  Send(Call(20, "Bash", base::JsonObject({{"command", "sleep 1; echo slept"}})));
  Send(R"({"jsonrpc":"2.0","id":21,"method":"ping"})");
  EXPECT_EQ(AnswerTo(21)["result"], Json::MakeObject());
  EXPECT_EQ(AnswerTo(20)["result"]["content"].at(0)["text"], Json("slept"));
  std::vector<Json> lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["id"], Json(21));
}

TEST_F(McpServerTest, CancelledCallStopsAndIsNotAnswered) {
  int64_t start = base::MonotonicMs();
  Send(Call(30, "Bash", base::JsonObject({{"command", "sleep 30"}})));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Send(
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":30,"reason":"x"}})");
  base::CancelToken never;
  server_->Wait(never);
  EXPECT_LT(base::MonotonicMs() - start, 10000);
  Send(R"({"jsonrpc":"2.0","id":31,"method":"ping"})");
  AnswerTo(31);
  std::vector<Json> lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["id"], Json(31));
}

TEST_F(McpServerTest, CallsWithSideEffectsRunOneAtATimeInOrder) {
  Send(Call(40, "Bash", base::JsonObject({{"command", "sleep 0.5; echo first >> log"}})));
  Send(Call(41, "Bash", base::JsonObject({{"command", "echo second >> log"}})));
  AnswerTo(41);
  AnswerTo(40);
  EXPECT_EQ(base::ReadFile(dir_ / "log").value_or(""), "first\nsecond\n");
}

TEST_F(McpServerTest, ServeLinesAnswersCallsInFlightAfterEndOfInput) {
  std::deque<std::string> input = {
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
      Call(2, "Bash", base::JsonObject({{"command", "sleep 0.3; echo done"}}))};
  base::CancelToken shutdown;
  ExitCode code = ServeLines(
      *server_,
      [&]() -> std::optional<std::string> {
        if (input.empty()) return std::nullopt;
        std::string line = input.front();
        input.pop_front();
        return line;
      },
      shutdown);
  EXPECT_EQ(code, ExitCode::kSuccess);
  EXPECT_EQ(AnswerTo(2)["result"]["content"].at(0)["text"], Json("done"));
}

TEST_F(McpServerTest, ServeLinesCancelsCallsOnSigterm) {
  Send(Call(50, "Bash", base::JsonObject({{"command", "sleep 30"}})));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  base::CancelToken shutdown;
  shutdown.Cancel(base::CancelReason::kTerminate);
  int64_t start = base::MonotonicMs();
  ExitCode code = ServeLines(
      *server_, [] { return std::optional<std::string>(); }, shutdown);
  EXPECT_EQ(code, ExitCode::kTerminated);
  EXPECT_LT(base::MonotonicMs() - start, 10000);
  EXPECT_EQ(AnswerTo(50)["result"]["isError"], Json(true));
}

TEST(SelectServedTools, NarrowsToTheNamedToolsAndRefusesOthers) {
  auto all = tools::BuildBuiltinTools();
  auto some = SelectServedTools(all, std::vector<std::string>{"Read,Grep", "LS"});
  ASSERT_TRUE(some.has_value());
  std::vector<std::string> names;
  for (tools::Tool* t : *some) names.emplace_back(t->name());
  EXPECT_EQ(names, (std::vector<std::string>{"Grep", "LS", "Read"}));
  EXPECT_EQ(SelectServedTools(all, std::vector<std::string>{"default"})->size(), 10u);
  EXPECT_TRUE(SelectServedTools(all, std::vector<std::string>{})->empty());
  auto refused = SelectServedTools(all, std::vector<std::string>{"WebFetch"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(
      refused.error().message,
      "--tools: 'WebFetch' is not a tool mcp serve offers (Bash, TaskStop, Read, Write, Edit, "
      "MultiEdit, NotebookEdit, Glob, Grep, LS)");
}

}  // namespace
}  // namespace runner::cli
