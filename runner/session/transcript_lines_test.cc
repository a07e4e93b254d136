#include "runner/session/transcript_lines.h"

#include <gtest/gtest.h>

#include "runner/base/uuid.h"

namespace runner::session {
namespace {

using base::Json;

Json J(std::string_view text) { return *Json::Parse(text); }

TranscriptContext Context() {
  return TranscriptContext{.session_id = "s-1",
                           .cwd = "/tmp/research/scratch",
                           .version = "0.1.0",
                           .git_branch = "main"};
}

TEST(UserLine, HasClaudeCodesShapeAndOrder) {
  protocol::UserEvent e{.message = J(R"({"role":"user","content":"hi"})"),
                        .uuid = "u-1",
                        .timestamp = "2026-11-21T13:12:07.862Z"};
  EXPECT_EQ(UserLine(e, Context(), "").Dump(),
            R"({"parentUuid":null,"isSidechain":false,"userType":"external",)"
            R"("cwd":"/tmp/research/scratch","sessionId":"s-1","version":"0.1.0",)"
            R"("gitBranch":"main","type":"user","message":{"role":"user","content":"hi"},)"
            R"("uuid":"u-1","timestamp":"2026-11-21T13:12:07.862Z"})");
}

TEST(UserLine, CarriesToolUseResultAndParent) {
  protocol::UserEvent e{.message = J(R"({"role":"user","content":[]})"),
                        .tool_use_result = J(R"({"stdout":"hi"})")};
  Json line = UserLine(e, Context(), "p-1");
  EXPECT_EQ(line["parentUuid"], Json("p-1"));
  EXPECT_EQ(line["toolUseResult"], J(R"({"stdout":"hi"})"));
  EXPECT_TRUE(base::IsUuid(line["uuid"].AsString()));
  EXPECT_FALSE(line["timestamp"].AsString().empty());
}

TEST(UserLine, SubagentMessagesAreSidechain) {
  protocol::UserEvent e{.parent_tool_use_id = "toolu_task"};
  EXPECT_EQ(UserLine(e, Context(), "")["isSidechain"], Json(true));
}

TEST(AssistantLine, HasRequestIdBeforeTypeAndTheFullMessage) {
  protocol::AssistantEvent e{.message = J(R"({"id":"msg_1","role":"assistant","content":[]})"),
                             .request_id = "req_1",
                             .uuid = "a-1",
                             .timestamp = "t"};
  EXPECT_EQ(AssistantLine(e, Context(), "u-1").Dump(),
            R"({"parentUuid":"u-1","isSidechain":false,"userType":"external",)"
            R"("cwd":"/tmp/research/scratch","sessionId":"s-1","version":"0.1.0",)"
            R"("gitBranch":"main","requestId":"req_1","type":"assistant",)"
            R"("message":{"id":"msg_1","role":"assistant","content":[]},)"
            R"("uuid":"a-1","timestamp":"t"})");
}

TEST(AssistantLine, MarksApiErrorMessages) {
  protocol::AssistantEvent e{.api_error_status = 500, .error = "server_error"};
  Json line = AssistantLine(e, Context(), "");
  EXPECT_EQ(line["isApiErrorMessage"], Json(true));
  EXPECT_FALSE(line.Contains("requestId"));
}

}  // namespace
}  // namespace runner::session
