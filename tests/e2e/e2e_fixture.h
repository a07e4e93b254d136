#pragma once
/// Shared fixture for the e2e suites: a private HOME/CLAUDE_CONFIG_DIR and a work directory.

#include <gtest/gtest.h>

#include "harness.h"

namespace runner::e2e {

class E2eTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env(const FakeApi& api) {
    auto env = BaseEnv(home_.path());
    env["ANTHROPIC_BASE_URL"] = api.base_url();
    env["ANTHROPIC_API_KEY"] = "sk-test-key";
    return env;
  }
  RunOutput Run(const FakeApi& api, std::vector<std::string> args, const std::string& stdin_data = "",
                std::map<std::string, std::string> extra_env = {}) {
    auto env = Env(api);
    for (auto& [k, v] : extra_env) env[k] = v;
    return RunRunner(args, env, work_.path(), stdin_data, 60000);
  }
  static std::vector<base::Json> OfType(const std::vector<base::Json>& lines, const std::string& type,
                                        const std::string& subtype = "") {
    std::vector<base::Json> out;
    for (const base::Json& l : lines) {
      if (l["type"].AsString() == type && (subtype.empty() || l["subtype"].AsString() == subtype))
        out.push_back(l);
    }
    return out;
  }
  /// The session's transcript files under the private config dir.
  std::vector<fs::path> Transcripts() {
    std::vector<fs::path> out;
    fs::path projects = home_.path() / ".claude" / "projects";
    if (!fs::exists(projects)) return out;
    for (auto& e : fs::recursive_directory_iterator(projects)) {
      if (e.path().extension() == ".jsonl") out.push_back(e.path());
    }
    return out;
  }
  TempDir home_;
  TempDir work_;
};

}  // namespace runner::e2e
