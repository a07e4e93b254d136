#include "runner/session/history_repair.h"

#include <gtest/gtest.h>

namespace runner::session {
namespace {

using protocol::Json;
using protocol::Message;

Json J(std::string_view text) { return *Json::Parse(text); }
Message User(std::string_view content) { return Message{"user", J(content)}; }
Message Assistant(std::string_view content) { return Message{"assistant", J(content)}; }

TEST(RepairHistory, KeepsAValidConversationAsIs) {
  std::vector<Message> history = {User(R"("hi")"),
                                  Assistant(R"([{"type":"text","text":"hello"}])")};
  EXPECT_EQ(RepairHistory(history), history);
}

TEST(RepairHistory, MergesBlocksOfOneAssistantReply) {
  auto repaired =
      RepairHistory({User(R"("hi")"), Assistant(R"([{"type":"thinking","thinking":"t"}])"),
                     Assistant(R"([{"type":"text","text":"a"}])")});
  EXPECT_EQ(repaired,
            (std::vector<Message>{User(R"("hi")"), Assistant(R"([{"type":"thinking","thinking":"t"},
                                        {"type":"text","text":"a"}])")}));
}

TEST(RepairHistory, MergesAdjacentUserMessagesTurningStringsIntoTextBlocks) {
  auto repaired = RepairHistory(
      {User(R"("first")"), User(R"([{"type":"text","text":"second"}])"), User(R"("third")")});
  EXPECT_EQ(repaired, (std::vector<Message>{User(R"([{"type":"text","text":"first"},
                                                     {"type":"text","text":"second"},
                                                     {"type":"text","text":"third"}])")}));
}

TEST(RepairHistory, AnswersATrailingToolUseWithAnInterruptedError) {
  auto repaired = RepairHistory(
      {User(R"("run it")"),
       Assistant(R"([{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"}}])")});
  ASSERT_EQ(repaired.size(), 3u);
  EXPECT_EQ(repaired[2], (Message{"user", base::JsonArray({protocol::ToolResultBlock(
                                              "t1", "Tool execution was interrupted", true)})}));
}

TEST(RepairHistory, PutsMissingResultsFirstInTheNextUserMessage) {
  auto repaired = RepairHistory(
      {User(R"("go")"), Assistant(R"([{"type":"tool_use","id":"a","name":"Read","input":{}},
                     {"type":"tool_use","id":"b","name":"Read","input":{}}])"),
       User(R"([{"type":"tool_result","tool_use_id":"a","content":"ok"}])"),
       User(R"("and then?")")});
  ASSERT_EQ(repaired.size(), 3u);
  EXPECT_EQ(repaired[2].content,
            base::JsonArray({protocol::ToolResultBlock("b", kInterruptedToolResult, true),
                             J(R"({"type":"tool_result","tool_use_id":"a","content":"ok"})"),
                             J(R"({"type":"text","text":"and then?"})")}));
}

TEST(RepairHistory, DropsToolResultsThatAnswerNoToolUse) {
  auto repaired =
      RepairHistory({User(R"([{"type":"tool_result","tool_use_id":"ghost","content":"x"}])"),
                     User(R"("hi")"), Assistant(R"([{"type":"text","text":"hello"}])"),
                     User(R"([{"type":"tool_result","tool_use_id":"ghost2","content":"x"}])")});
  EXPECT_EQ(repaired, (std::vector<Message>{User(R"([{"type":"text","text":"hi"}])"),
                                            Assistant(R"([{"type":"text","text":"hello"}])")}));
}

TEST(RepairHistory, DropsEmptyMessages) {
  auto repaired = RepairHistory({User(R"("hi")"), Assistant("[]"), User(R"("")"),
                                 Assistant(R"([{"type":"text","text":"a"}])")});
  EXPECT_EQ(repaired,
            (std::vector<Message>{User(R"("hi")"), Assistant(R"([{"type":"text","text":"a"}])")}));
}

}  // namespace
}  // namespace runner::session
