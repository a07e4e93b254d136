#include "runner/tools/task_stop_tool.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <memory>

#include "runner/tools/background_shells.h"
#include "runner/tools/process_watch_for_test.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class TaskStopToolTest : public ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    shells_ = std::make_unique<BackgroundShells>(dir_ / "session" / "bg", 300);
    ctx_.background = shells_.get();
  }
  void TearDown() override {
    shells_.reset();
    ToolTest::TearDown();
  }
  BackgroundTask Start(const std::string& script) {
    exec::CommandSpec spec;
    spec.argv = {"bash", "-c", script};
    spec.env = {{"PATH", "/usr/bin:/bin"}};
    return shells_->Start(std::move(spec), script).value();
  }
  ToolResult Stop(std::string_view input) { return TaskStopTool().Run(In(input), ctx_); }

  std::unique_ptr<BackgroundShells> shells_;
};

TEST_F(TaskStopToolTest, StopsARunningTask) {
  BackgroundTask task = Start("sleep 100");
  ToolResult r = Stop(R"({"task_id":"bash_1"})");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("Successfully stopped task: bash_1 (sleep 100)"));
  EXPECT_EQ(r.structured,
            *Json::Parse(R"j({"message":"Successfully stopped task: bash_1 (sleep 100)",
      "task_id":"bash_1","task_type":"local_bash","command":"sleep 100"})j"));
  EXPECT_NE(::kill(task.pid, 0), 0);
  EXPECT_EQ(shells_->Get("bash_1")->status, BackgroundStatus::kStopped);
}

TEST_F(TaskStopToolTest, AcceptsDeprecatedShellId) {
  Start("sleep 100");
  ToolResult r = Stop(R"({"shell_id":"bash_1"})");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.structured["task_id"], Json("bash_1"));
}

TEST_F(TaskStopToolTest, RequiresAnId) {
  EXPECT_EQ(Stop("{}").content, ErrorContent("Missing required parameter: task_id"));
}

TEST_F(TaskStopToolTest, RefusesUnknownTask) {
  ToolResult r = Stop(R"({"task_id":"bash_7"})");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("No background task found with ID: bash_7"));
}

TEST_F(TaskStopToolTest, RefusesTaskThatAlreadyEnded) {
  Start("exit 2");
  ASSERT_TRUE(
      WaitFor([&] { return shells_->Get("bash_1")->status != BackgroundStatus::kRunning; }));
  EXPECT_EQ(Stop(R"({"task_id":"bash_1"})").content,
            ErrorContent("Task bash_1 is not running (status: failed)"));
}

TEST_F(TaskStopToolTest, RefusesWhenThereAreNoBackgroundShells) {
  ctx_.background = nullptr;
  EXPECT_EQ(Stop(R"({"task_id":"bash_1"})").content,
            ErrorContent("No background task found with ID: bash_1"));
}

TEST_F(TaskStopToolTest, RejectsWrongInputTypes) {
  ToolResult r = Stop(R"({"task_id":1})");
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: TaskStop failed due to the following "
                                    "issue:\nThe parameter `task_id` type is expected as `string` "
                                    "but provided as `number`"));
}

TEST(TaskStopTool, SchemaMatchesTaskStopInput) {
  Json schema = TaskStopTool().input_schema();
  EXPECT_EQ(schema["required"], Json::MakeArray());
  EXPECT_EQ(schema["properties"]["task_id"]["type"], Json("string"));
  EXPECT_EQ(schema["properties"]["shell_id"]["type"], Json("string"));
  EXPECT_EQ(schema["properties"].size(), 2u);
  EXPECT_FALSE(TaskStopTool().IsReadOnly(Json::MakeObject()));
}

}  // namespace
}  // namespace runner::tools
