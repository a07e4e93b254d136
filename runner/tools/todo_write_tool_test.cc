#include "runner/tools/todo_write_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

class TodoWriteToolTest : public ToolTest {
 protected:
  ToolResult Write(std::string_view input) { return TodoWriteTool().Run(In(input), ctx_); }
  Json Todos() {
    std::lock_guard lock(session_.mu);
    return session_.todos;
  }
};

constexpr const char* kTwoTodos = R"({"todos":[
  {"content":"Run tests","status":"in_progress","activeForm":"Running tests"},
  {"content":"Fix lint","status":"pending","activeForm":"Fixing lint"}]})";

TEST_F(TodoWriteToolTest, ReplacesTheSessionListAndReportsOldAndNew) {
  ToolResult first = Write(kTwoTodos);
  EXPECT_FALSE(first.is_error);
  EXPECT_EQ(Todos(), In(kTwoTodos)["todos"]);
  EXPECT_EQ(first.structured, base::JsonObject({{"oldTodos", Json::MakeArray()},
                                                {"newTodos", In(kTwoTodos)["todos"]}}));

  const char* next = R"({"todos":[
    {"content":"Run tests","status":"completed","activeForm":"Running tests"},
    {"content":"Fix lint","status":"in_progress","activeForm":"Fixing lint"}]})";
  ToolResult second = Write(next);
  EXPECT_EQ(second.structured, base::JsonObject({{"oldTodos", In(kTwoTodos)["todos"]},
                                                 {"newTodos", In(next)["todos"]}}));
  EXPECT_EQ(Todos(), In(next)["todos"]);
  EXPECT_TRUE(second.content.is_string());
  EXPECT_FALSE(second.content.AsString().empty());
}

TEST_F(TodoWriteToolTest, ClearsTheStoredListWhenEverythingIsCompleted) {
  Write(kTwoTodos);
  const char* done = R"({"todos":[
    {"content":"Run tests","status":"completed","activeForm":"Running tests"}]})";
  ToolResult r = Write(done);
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured["newTodos"], In(done)["todos"]);
  EXPECT_EQ(Todos(), Json::MakeArray());
}

TEST_F(TodoWriteToolTest, AcceptsAnEmptyList) {
  Write(kTwoTodos);
  ToolResult r = Write(R"({"todos":[]})");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(Todos(), Json::MakeArray());
}

TEST_F(TodoWriteToolTest, RejectsAnUnknownStatus) {
  ToolResult r = Write(R"({"todos":[{"content":"a","status":"done","activeForm":"b"}]})");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: TodoWrite failed due to the "
                                    "following issue:\nThe parameter `todos[0].status` must be "
                                    "one of pending, in_progress, completed (got `done`)"));
  EXPECT_EQ(Todos(), Json::MakeArray());
}

TEST_F(TodoWriteToolTest, RejectsMissingEmptyAndExtraItemFields) {
  ToolResult r = Write(R"({"todos":[{"content":"","status":"pending","priority":"high"}]})");
  EXPECT_EQ(r.content,
            ErrorContent("InputValidationError: TodoWrite failed due to the following issues:\n"
                         "An unexpected parameter `todos[0].priority` was provided\n"
                         "The parameter `todos[0].content` must not be empty\n"
                         "The required parameter `todos[0].activeForm` is missing"));
}

TEST_F(TodoWriteToolTest, RejectsAMissingOrNonArrayList) {
  EXPECT_EQ(Write("{}").content,
            ErrorContent("InputValidationError: TodoWrite failed due to the following issue:\n"
                         "The required parameter `todos` is missing"));
  EXPECT_EQ(Write(R"({"todos":"a"})").content,
            ErrorContent("InputValidationError: TodoWrite failed due to the following issue:\n"
                         "The parameter `todos` must be an array"));
  EXPECT_TRUE(Write(R"({"todos":["a"]})").is_error);
}

TEST_F(TodoWriteToolTest, SchemaMatchesTodoWriteInput) {
  Json schema = TodoWriteTool().input_schema();
  EXPECT_EQ(schema["required"], base::JsonArray({"todos"}));
  const Json& items = schema["properties"]["todos"]["items"];
  EXPECT_EQ(items["required"], base::JsonArray({"content", "status", "activeForm"}));
  EXPECT_EQ(items["properties"]["status"]["enum"],
            base::JsonArray({"pending", "in_progress", "completed"}));
  EXPECT_TRUE(TodoWriteTool().IsReadOnly(In(kTwoTodos)));
}

}  // namespace
}  // namespace runner::tools
