#include "runner/mcp/stdio_transport.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runner/base/clock.h"
#include "runner/base/env.h"
#include "runner/mcp/client.h"

namespace runner::mcp {
namespace {

using base::Json;

std::string TinyServer() { return std::string(MCP_TEST_DIR) + "/faulty/tiny_server.py"; }

StdioOptions Options(std::vector<std::string> argv) {
  StdioOptions o;
  o.server_name = "tiny";
  o.spec.argv = std::move(argv);
  base::Env env = base::Env::FromProcess();
  o.spec.env = {env.vars().begin(), env.vars().end()};
  o.close_grace_ms = 300;
  return o;
}

std::unique_ptr<Client> Connect(const std::string& mode) {
  auto client = std::make_unique<Client>(
      std::make_unique<StdioTransport>(Options({"python3", TinyServer(), mode})), "test", "1", "tiny");
  return client;
}

TEST(StdioTransport, TalksToARealProcess) {
  auto client = Connect("ok");
  auto info = client->Initialize(10000, nullptr);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->name, "tiny_server");
  auto tools = client->ListTools(10000, nullptr);
  ASSERT_TRUE(tools);
  EXPECT_EQ(tools->size(), 3u);
  auto r = client->CallTool("hello", Json(), 10000, nullptr);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["content"].at(0)["text"].AsString(), "Hello from tiny_server (ok)");
  client->Close();
}

TEST(StdioTransport, SkipsLinesThatAreNotJson) {
  auto client = Connect("noise");
  ASSERT_TRUE(client->Initialize(10000, nullptr));
  auto r = client->CallTool("hello", Json(), 10000, nullptr);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["content"].at(0)["text"].AsString(), "Hello from tiny_server (noise)");
}

TEST(StdioTransport, ACrashEndsTheCallWithTheExitStatusAndStderr) {
  auto client = Connect("crash-call");
  ASSERT_TRUE(client->Initialize(10000, nullptr));
  auto r = client->CallTool("hello", Json(), 10000, nullptr);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("exited with code 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("crashing on purpose"), std::string::npos) << r.error().message;
  EXPECT_TRUE(client->closed());
}

TEST(StdioTransport, AMissingCommandFailsToStart) {
  auto client = std::make_unique<Client>(
      std::make_unique<StdioTransport>(Options({"no-such-mcp-server-xyz"})), "test", "1", "tiny");
  auto info = client->Initialize(5000, nullptr);
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().message.find("no-such-mcp-server-xyz"), std::string::npos) << info.error().message;
}

/// Processes of process group `pgid` that are alive (zombies left out), from /proc.
int LiveMembers(pid_t pgid) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(e.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    long ppid = 0, group = 0;
    rest >> state >> ppid >> group;
    if (group == pgid && state != 'Z') ++n;
  }
  return n;
}

TEST(StdioTransport, CloseEndsTheWholeProcessGroup) {
  // The server starts two `sleep 300` children in its group: closing must end them too.
  auto transport = std::make_unique<StdioTransport>(Options({"python3", TinyServer(), "children"}));
  StdioTransport* raw = transport.get();
  Client client(std::move(transport), "test", "1", "tiny");
  ASSERT_TRUE(client.Initialize(10000, nullptr));
  pid_t pgid = raw->pid();
  ASSERT_GT(pgid, 0);
  EXPECT_EQ(LiveMembers(pgid), 3);
  int64_t start = base::MonotonicMs();
  client.Close();
  EXPECT_LT(base::MonotonicMs() - start, 3000);
  for (int i = 0; i < 100 && LiveMembers(pgid) > 0; ++i) usleep(20000);
  EXPECT_EQ(LiveMembers(pgid), 0);
}

TEST(StdioTransport, AHungServerIsTerminatedOnClose) {
  auto client = Connect("hang-init");
  auto info = client->Initialize(200, nullptr);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().kind, base::ErrorKind::kTimeout);
  int64_t start = base::MonotonicMs();
  client->Close();
  EXPECT_LT(base::MonotonicMs() - start, 3000);
}

}  // namespace
}  // namespace runner::mcp
