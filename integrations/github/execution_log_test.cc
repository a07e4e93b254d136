#include "integrations/github/execution_log.h"

#include <gtest/gtest.h>

#include "runner/base/files.h"

namespace integrations::github {
namespace {

using runner::base::Json;

TEST(ExecutionLog, IsAWholeJsonArrayAfterEveryMessage) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("exec-log-" + std::to_string(getpid()));
  auto log = ExecutionLog::Create(dir / "out.json");
  ASSERT_TRUE(log) << log.error().message;
  EXPECT_EQ(Json::Parse(runner::base::ReadFile(dir / "out.json").value()).value(), Json::MakeArray());
  (*log)->Append(runner::base::JsonObject({{"type", "system"}, {"subtype", "init"}}));
  auto one = Json::Parse(runner::base::ReadFile(dir / "out.json").value());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  (*log)->Append(runner::base::JsonObject({{"type", "result"}, {"num_turns", 2}}));
  auto two = Json::Parse(runner::base::ReadFile(dir / "out.json").value());
  ASSERT_TRUE(two);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ(two->at(1)["num_turns"].AsInt(), 2);
  EXPECT_EQ((*log)->last_result()["num_turns"].AsInt(), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace integrations::github
