#include "runner/mcp/config_sources.h"

#include <gtest/gtest.h>

#include "runner/testing/scratch_tree.h"

namespace runner::mcp {
namespace {

using base::Json;

std::string Stdio(const std::string& name, const std::string& command) {
  return R"({"mcpServers":{")" + name + R"(":{"command":")" + command + R"("}}})";
}

/// name → command (or url) of what was loaded.
std::map<std::string, std::string> Summary(const LoadedServers& loaded) {
  std::map<std::string, std::string> out;
  for (const ServerConfig& s : loaded.servers) out[s.name] = s.command.empty() ? s.url : s.command + "@" + s.scope;
  return out;
}

class McpConfigSources : public ::testing::Test {
 protected:
  ConfigInputs Inputs() {
    ConfigInputs in;
    in.cwd = tree_ / "repo/sub";
    std::filesystem::create_directories(in.cwd);
    in.global_config = tree_ / "home/.claude.json";
    return in;
  }
  testing::ScratchTree tree_;
};

TEST_F(McpConfigSources, LaterScopesWin) {
  // user < project (.mcp.json, nearest wins) < local < --mcp-config
  tree_.Write("home/.claude.json", R"({"mcpServers":{"a":{"command":"user-a"},"b":{"command":"user-b"},
      "c":{"command":"user-c"},"d":{"command":"user-d"}},
    "projects":{")" + (tree_ / "repo/sub").string() + R"(":{"mcpServers":{"c":{"command":"local-c"}}}}})");
  tree_.Write("repo/.mcp.json", R"({"mcpServers":{"b":{"command":"outer-b"},"d":{"command":"outer-d"}}})");
  tree_.Write("repo/sub/.mcp.json", Stdio("d", "inner-d"));
  tree_.Write("flags.json", Stdio("e", "flag-e"));
  ConfigInputs in = Inputs();
  in.mcp_config_flags = {(tree_ / "flags.json").string(), R"({"mcpServers":{"a":{"command":"inline-a"}}})"};
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{{"a", "inline-a@cliArg"},
                                                                   {"b", "outer-b@project"},
                                                                   {"c", "local-c@local"},
                                                                   {"d", "inner-d@project"},
                                                                   {"e", "flag-e@cliArg"}}));
  EXPECT_TRUE(loaded->warnings.empty());
}

TEST_F(McpConfigSources, StrictKeepsOnlyTheFlags) {
  tree_.Write("home/.claude.json", Stdio("u", "user"));
  tree_.Write("repo/sub/.mcp.json", Stdio("p", "project"));
  ConfigInputs in = Inputs();
  in.strict = true;
  in.mcp_config_flags = {Stdio("f", "flag")};
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{{"f", "flag@cliArg"}}));
}

TEST_F(McpConfigSources, FlagErrorsAreFatalOthersAreWarnings) {
  tree_.Write("repo/sub/.mcp.json", R"({"mcpServers":{"ok":{"command":"x"},"bad":{"type":"http","url":"${NOPE}"}}})");
  tree_.Write("home/.claude.json", "{not json");
  ConfigInputs in = Inputs();
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{{"ok", "x@project"}}));
  ASSERT_EQ(loaded->warnings.size(), 2u);
  EXPECT_NE(loaded->warnings[0].find(".claude.json: invalid JSON"), std::string::npos) << loaded->warnings[0];
  EXPECT_NE(loaded->warnings[1].find("mcpServers.bad.url: ${NOPE} is not set (server skipped)"),
            std::string::npos) << loaded->warnings[1];

  in.mcp_config_flags = {"missing.json"};
  auto missing = LoadServerConfigs(in);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "--mcp-config: MCP config file not found: missing.json");
  EXPECT_EQ(missing.error().kind, base::ErrorKind::kUsage);
  in.mcp_config_flags = {R"({"mcpServers":{"g":{"type":"http","url":"${GH_URL}"}}})"};
  auto unset = LoadServerConfigs(in);
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().message, "--mcp-config (inline JSON): mcpServers.g.url: ${GH_URL} is not set");
  in.mcp_config_flags = {"{broken"};
  EXPECT_FALSE(LoadServerConfigs(in));
}

TEST_F(McpConfigSources, RelativeFlagFilesResolveFromTheWorkingDirectory) {
  tree_.Write("repo/sub/conf/mcp.json", Stdio("r", "rel"));
  ConfigInputs in = Inputs();
  in.mcp_config_flags = {"conf/mcp.json"};
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{{"r", "rel@cliArg"}}));
}

TEST(McpProjectApproval, PrintModeApprovesUnlessRejected) {
  ProjectApproval a;
  EXPECT_EQ(ProjectServerApproval("x", a), Approval::kApproved);
  a.disabled = {"my server"};  // names compare normalized
  EXPECT_EQ(ProjectServerApproval("my_server", a), Approval::kRejected);
  a.enable_all = true;
  EXPECT_EQ(ProjectServerApproval("my_server", a), Approval::kRejected);  // rejection wins
  a = ProjectApproval{};
  a.project_settings_enabled = false;
  EXPECT_EQ(ProjectServerApproval("x", a), Approval::kPending);
  a.enabled = {"x"};
  EXPECT_EQ(ProjectServerApproval("x", a), Approval::kApproved);
  a.enabled.clear();
  a.enable_all = true;
  EXPECT_EQ(ProjectServerApproval("x", a), Approval::kApproved);
}

TEST_F(McpConfigSources, RejectedAndPendingProjectServersDoNotStart) {
  tree_.Write("repo/.mcp.json", R"({"mcpServers":{"keep":{"command":"k"},"drop":{"command":"d"}}})");
  ConfigInputs in = Inputs();
  in.approval.disabled = {"drop"};
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{{"keep", "k@project"}}));
  EXPECT_TRUE(loaded->warnings.empty());
  in.approval = ProjectApproval{};
  in.approval.project_settings_enabled = false;
  loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->servers.empty());
  EXPECT_EQ(loaded->warnings.size(), 2u);
}

TEST_F(McpConfigSources, PolicyListsFilterEverySource) {
  ConfigInputs in = Inputs();
  in.mcp_config_flags = {R"({"mcpServers":{"gh":{"type":"http","url":"https://api.github.com/mcp"},
     "fs":{"command":"npx","args":["-y","fs"]},"db":{"command":"db"},"approved-x":{"command":"y"}}})"};
  in.denied_servers = *Json::Parse(R"([{"serverCommand":["npx","-y","fs"]}])");
  auto loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->servers.size(), 3u);
  in.allowed_servers = *Json::Parse(R"([{"serverName":"approved-*"},{"serverUrl":"https://*.github.com/*"}])");
  loaded = LoadServerConfigs(in);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(Summary(*loaded), (std::map<std::string, std::string>{
                                  {"approved-x", "y@cliArg"}, {"gh", "https://api.github.com/mcp"}}));
  EXPECT_EQ(loaded->warnings.size(), 2u);
}

TEST(McpGlobalConfig, FollowsClaudeConfigDir) {
  using Vars = std::map<std::string, std::string>;
  const base::Env home(Vars{{"HOME", "/home/u"}});
  const base::Env config_dir(Vars{{"HOME", "/home/u"}, {"CLAUDE_CONFIG_DIR", "/cfg"}});
  const base::Env empty;
  EXPECT_EQ(*GlobalConfigPath(home), "/home/u/.claude.json");
  EXPECT_EQ(*GlobalConfigPath(config_dir), "/cfg/.claude.json");
  EXPECT_FALSE(GlobalConfigPath(empty));
}

}  // namespace
}  // namespace runner::mcp
