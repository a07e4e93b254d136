#include "runner/protocol/stream_input.h"

#include <gtest/gtest.h>

#include "runner/protocol/sdk_samples_for_test.h"

namespace runner::protocol {
namespace {

using samples::Parse;

TEST(ParseInputLine, ReadsAgentSdkUserLine) {
  auto in = ParseInputLine(samples::kStdinUserText);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->kind, InputKind::kUser);
  EXPECT_EQ(in->message,
            (Message{.role = "user",
                     .content = Parse(R"([{"type":"text","text":"do the file task"}])")}));
  EXPECT_EQ(in->session_id, "");
  EXPECT_EQ(in->parent_tool_use_id, "");
}

TEST(ParseInputLine, ReadsStringContentSessionAndUuid) {
  auto in =
      ParseInputLine(R"({"type":"user","message":{"role":"user","content":"hi"},"session_id":"s1",)"
                     R"("parent_tool_use_id":null,"uuid":"u1"})");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->message, (Message{.role = "user", .content = "hi"}));
  EXPECT_EQ(in->session_id, "s1");
  EXPECT_EQ(in->uuid, "u1");
}

TEST(ParseInputLine, RecognisesControlMessagesAndKeepsThemRaw) {
  auto req = ParseInputLine(samples::kStdinInitialize);
  ASSERT_TRUE(req);
  EXPECT_EQ(req->kind, InputKind::kControlRequest);
  EXPECT_EQ(req->raw, Parse(samples::kStdinInitialize));

  auto resp = ParseInputLine(samples::kStdinControlResponse);
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->kind, InputKind::kControlResponse);

  auto cancel = ParseInputLine(R"({"type":"control_cancel_request","request_id":"r"})");
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->kind, InputKind::kControlCancelRequest);

  auto keep = ParseInputLine(R"({"type":"keep_alive"})");
  ASSERT_TRUE(keep);
  EXPECT_EQ(keep->kind, InputKind::kKeepAlive);
}

struct BadLine {
  std::string_view line;
  std::string_view message_part;
};

class ParseInputLineRejects : public testing::TestWithParam<BadLine> {};

TEST_P(ParseInputLineRejects, WithClearError) {
  auto in = ParseInputLine(GetParam().line);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().kind, base::ErrorKind::kParse);
  EXPECT_NE(in.error().message.find(GetParam().message_part), std::string::npos)
      << in.error().message;
  EXPECT_EQ(in.error().message.rfind("stream-json input: ", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    BadLines, ParseInputLineRejects,
    testing::Values(
        BadLine{"not json", "invalid JSON"}, BadLine{"", "invalid JSON"},
        BadLine{"[1,2]", "must be a JSON object"},
        BadLine{R"({"type":"assistant","message":{}})", "unsupported message type \"assistant\""},
        BadLine{R"({"message":{"role":"user","content":"x"}})", "unsupported message type \"\""},
        BadLine{R"({"type":"user"})", "no \"message\" object"},
        BadLine{R"({"type":"user","message":{"role":"assistant","content":"x"}})",
                "message.role \"assistant\""},
        BadLine{R"({"type":"user","message":{"role":"user","content":42}})",
                "must be a string or an array"},
        BadLine{R"({"type":"user","message":{"role":"user","content":["x"]}})",
                "must be a string or an array"}));

}  // namespace
}  // namespace runner::protocol
