#include "runner/session/transcript.h"

#include <gtest/gtest.h>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/protocol/api_message.h"
#include "runner/session/session_testing.h"

namespace runner::session {
namespace {

namespace fs = std::filesystem;
using base::Json;
using protocol::Message;
using testing_support::ScratchDir;

Json J(std::string_view text) { return *Json::Parse(text); }

TranscriptContext Context() {
  return TranscriptContext{.session_id = "s-1", .cwd = "/w", .version = "0.1.0"};
}

protocol::AssistantEvent AssistantBlock(std::string_view id, std::string_view block) {
  Json message = J(R"({"id":"","type":"message","role":"assistant","model":"m","content":[]})");
  message.Set("id", id);
  message.Slot("content").Push(J(block));
  return protocol::AssistantEvent{.message = message, .request_id = "req_1"};
}

protocol::UserEvent UserContent(std::string_view content) {
  Json message = J(R"({"role":"user"})");
  message.Set("content", J(content));
  return protocol::UserEvent{.message = message};
}

std::vector<Json> Lines(const fs::path& path) {
  std::vector<Json> lines;
  for (const std::string& raw : base::Split(*base::ReadFile(path), '\n')) {
    if (!raw.empty()) lines.push_back(J(raw));
  }
  return lines;
}

/// Writes a prompt, a two-block reply (text + tool_use), its tool result and a final answer.
fs::path WriteToolTurn(const fs::path& dir) {
  fs::path path = dir / "s-1.jsonl";
  auto writer = TranscriptWriter::Open(path, Context());
  EXPECT_TRUE(writer);
  (*writer)->Emit(
      protocol::UserEvent{.message = J(R"({"role":"user","content":"list"})"), .is_prompt = true});
  (*writer)->Emit(AssistantBlock("msg_1", R"({"type":"text","text":"Listing."})"));
  (*writer)->Emit(AssistantBlock("msg_1", R"({"type":"tool_use","id":"t1","name":"Bash",
                                               "input":{"command":"ls"}})"));
  (*writer)->Emit(protocol::StatusEvent{.status = "requesting"});  // not a transcript line
  protocol::UserEvent result = UserContent(R"([{"tool_use_id":"t1","type":"tool_result",
                                               "content":"a b","is_error":false}])");
  result.tool_use_result = J(R"({"stdout":"a b"})");
  (*writer)->Emit(result);
  (*writer)->Emit(AssistantBlock("msg_2", R"({"type":"text","text":"a and b"})"));
  return path;
}

TEST(TranscriptWriter, WritesOneChainedLinePerUserAndAssistantEvent) {
  ScratchDir dir;
  std::vector<Json> lines = Lines(WriteToolTurn(dir.path()));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_TRUE(lines[0]["parentUuid"].is_null());
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["parentUuid"], lines[i - 1]["uuid"]) << i;
  }
  EXPECT_EQ(lines[3]["toolUseResult"], J(R"({"stdout":"a b"})"));
  EXPECT_EQ(lines[1]["requestId"], Json("req_1"));
}

TEST(TranscriptWriter, ContinuesTheChainOfAnExistingTranscript) {
  ScratchDir dir;
  TranscriptContext context = Context();
  context.parent_uuid = "previous-last";
  auto writer = TranscriptWriter::Open(dir.path() / "sub/dir/x.jsonl", context);
  ASSERT_TRUE(writer) << writer.error().message;
  (*writer)->Emit(UserContent(R"("more")"));
  EXPECT_EQ((*writer)->path(), dir.path() / "sub/dir/x.jsonl");
  EXPECT_EQ(Lines((*writer)->path())[0]["parentUuid"], Json("previous-last"));
}

TEST(LoadTranscript, RebuildsTheConversationFromWrittenEvents) {
  ScratchDir dir;
  fs::path path = WriteToolTurn(dir.path());
  auto loaded = LoadTranscript(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->session_id, "s-1");
  EXPECT_EQ(loaded->last_uuid, Lines(path).back()["uuid"].AsString());
  EXPECT_EQ(loaded->messages,
            (std::vector<Message>{
                {"user", "list"},
                {"assistant", J(R"([{"type":"text","text":"Listing."},
                                    {"type":"tool_use","id":"t1","name":"Bash",
                                     "input":{"command":"ls"}}])")},
                {"user", J(R"([{"tool_use_id":"t1","type":"tool_result","content":"a b",
                               "is_error":false}])")},
                {"assistant", J(R"([{"type":"text","text":"a and b"}])")},
            }));
}

TEST(LoadTranscript, SkipsATornLastLine) {
  ScratchDir dir;
  fs::path path = WriteToolTurn(dir.path());
  std::string text = *base::ReadFile(path);
  ASSERT_TRUE(base::WriteFileAtomic(path, text + R"({"parentUuid":"x","type":"user","mess)"));
  auto loaded = LoadTranscript(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->messages.size(), 4u);
}

TEST(LoadTranscript, AnswersAToolUseThatNeverGotItsResult) {
  ScratchDir dir;
  fs::path path = dir.path() / "s.jsonl";
  {
    auto writer = TranscriptWriter::Open(path, Context());
    ASSERT_TRUE(writer);
    (*writer)->Emit(UserContent(R"("run")"));
    (*writer)->Emit(AssistantBlock("msg_1", R"({"type":"tool_use","id":"t9","name":"Bash",
                                                 "input":{}})"));
  }
  auto loaded = LoadTranscript(path);
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->messages.size(), 3u);
  EXPECT_EQ(loaded->messages[2],
            (Message{"user", base::JsonArray({protocol::ToolResultBlock(
                                 "t9", "Tool execution was interrupted", true)})}));
}

TEST(LoadTranscript, LeavesApiErrorMessagesOut) {
  ScratchDir dir;
  fs::path path = dir.path() / "s.jsonl";
  {
    auto writer = TranscriptWriter::Open(path, Context());
    ASSERT_TRUE(writer);
    (*writer)->Emit(UserContent(R"("hi")"));
    (*writer)->Emit(
        protocol::AssistantEvent{.message = protocol::ApiErrorMessageJson("API Error: 500"),
                                 .api_error_status = 500,
                                 .error = "server_error"});
    (*writer)->Emit(UserContent(R"("again")"));
  }
  auto loaded = LoadTranscript(path);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->messages, (std::vector<Message>{{"user", J(R"([{"type":"text","text":"hi"},
                                                 {"type":"text","text":"again"}])")}}));
  EXPECT_EQ(Lines(path)[1]["isApiErrorMessage"], Json(true));
}

TEST(LoadTranscript, FailsForAMissingFile) {
  auto loaded = LoadTranscript("/nonexistent/transcript.jsonl");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, base::ErrorKind::kIo);
}

}  // namespace
}  // namespace runner::session
