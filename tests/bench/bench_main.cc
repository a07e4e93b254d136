// Benchmark: wall time and peak RSS of claude-runner for --version, a one-turn text run and a
// 10-Bash-call session against the local scripted Messages API server. Prints figures; asserts
// nothing. Optionally runs a peer binary (e.g. Claude Code) on the same scenarios:
//   bench_runner [--runs N] [--peer /path/to/claude]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../e2e/harness.h"

namespace runner::e2e {
namespace {

struct Scenario {
  std::string name;
  std::vector<std::string> args;
  std::string script;  // empty: no server needed
};

std::string TenBashCalls() {
  std::string s = R"({"turns":[)";
  for (int i = 0; i < 10; ++i) {
    s += R"({"content":[{"type":"tool_use","name":"Bash","input":{"command":"echo step )" +
         std::to_string(i) + R"(","description":"step"}}],"stop_reason":"tool_use"},)";
  }
  s += R"({"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";
  return s;
}

struct Figures {
  double median_ms = 0, min_ms = 0;
  double peak_rss_mib = 0;
  int failures = 0;
};

Figures Measure(const std::string& binary, const Scenario& sc, int runs, const fs::path& home,
                const fs::path& work) {
  Figures f;
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    std::optional<FakeApi> api;
    auto env = BaseEnv(home);
    // Keep a peer such as Claude Code from reaching for hosts other than the local server.
    env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
    if (!sc.script.empty()) {
      api.emplace(sc.script);
      env["ANTHROPIC_BASE_URL"] = api->base_url();
      env["ANTHROPIC_API_KEY"] = "sk-bench";
    }
    std::vector<std::string> argv = {binary};
    argv.insert(argv.end(), sc.args.begin(), sc.args.end());
    Child child(argv, env, work);
    child.CloseStdin();
    RunOutput r = child.Wait(120000);
    if (r.exit_code != 0) ++f.failures;
    times.push_back(static_cast<double>(r.wall_ms));
    f.peak_rss_mib = std::max(f.peak_rss_mib, r.peak_rss_kb / 1024.0);
  }
  std::sort(times.begin(), times.end());
  f.median_ms = times[times.size() / 2];
  f.min_ms = times.front();
  return f;
}

int Main(int argc, char** argv) {
  int runs = 15;
  std::string peer;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--peer") && i + 1 < argc) peer = argv[++i];
  }
  TempDir home, work;
  // CI jobs run inside a checkout: make the work directory a git repository with history, so
  // the start-up cost of reading git facts is part of the figures.
  std::string setup = "cd '" + work.path().string() +
                      "' && git init -q && echo data > file.txt && git add file.txt && "
                      "git -c user.name=b -c user.email=b@example.com commit -qm init";
  if (std::system(setup.c_str()) != 0) std::fprintf(stderr, "warning: git setup failed\n");
  std::vector<Scenario> scenarios = {
      {"--version", {"--version"}, ""},
      {"one-turn text run", {"-p", "say hello"},
       R"({"turns":[{"content":[{"type":"text","text":"Hello from the bench."}],"stop_reason":"end_turn"}]})"},
      {"10 Bash calls", {"-p", "run ten steps", "--allowedTools", "Bash"}, TenBashCalls()},
  };
  std::vector<std::pair<std::string, std::string>> binaries = {{"claude-runner", RunnerPath()}};
  if (!peer.empty()) binaries.emplace_back("peer", peer);
  std::printf("%-16s %-20s %12s %10s %14s %9s\n", "binary", "scenario", "median ms", "min ms",
              "peak RSS MiB", "failures");
  for (const auto& [label, bin] : binaries) {
    for (const Scenario& sc : scenarios) {
      std::fprintf(stderr, "measuring %s: %s (%d runs)\n", label.c_str(), sc.name.c_str(), runs);
      Figures f = Measure(bin, sc, runs, home.path(), work.path());
      std::printf("%-16s %-20s %12.1f %10.1f %14.1f %9d\n", label.c_str(), sc.name.c_str(),
                  f.median_ms, f.min_ms, f.peak_rss_mib, f.failures);
    }
  }
  std::printf("\nReference (issue #2): Claude Code 2.1.330 on the same kind of machine: one-turn "
              "run about 1000 ms and 216 MiB; 10 Bash calls about 2100 ms and 251 MiB.\n"
              "Targets: one-turn run < 20 ms and < 15 MiB peak RSS; 10 Bash calls < 100 ms.\n");
  return 0;
}

}  // namespace
}  // namespace runner::e2e

int main(int argc, char** argv) { return runner::e2e::Main(argc, argv); }
