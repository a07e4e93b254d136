// Benchmark: our Grep and Glob tools (run in-process) against ripgrep on a large source tree,
// by default an unpacked Linux kernel. Warm runs: one warm-up, then N timed runs; prints the
// median wall time of each side, the ratio, and whether the result counts agree. Not a test.
//   search_bench [--tree DIR] [--runs N] [--rg /usr/bin/rg]
#include <glob.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/tools/glob_tool.h"
#include "runner/tools/grep_tool.h"

extern char** environ;

namespace runner::tools {
namespace {

struct Case {
  std::string label;  ///< query as shown in the table
  std::string mode;
  Json input;                        ///< for our tool (path added later)
  bool glob = false;                 ///< Glob instead of Grep
  std::vector<std::string> rg_args;  ///< before the directory
};

struct Measured {
  double median_ms = 0;
  long count = 0;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

/// Times `ours` and `theirs` alternately (so both see the same machine load): one warm-up each,
/// then `runs` timed rounds. `theirs` may be empty.
std::pair<Measured, Measured> TimeBoth(int runs, const std::function<long()>& ours,
                                       const std::function<long()>& theirs) {
  std::pair<Measured, Measured> m;
  std::vector<double> ours_ms;
  std::vector<double> theirs_ms;
  auto timed = [](const std::function<long()>& f, long& count, std::vector<double>& times) {
    auto start = std::chrono::steady_clock::now();
    count = f();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  };
  ours();
  if (theirs) theirs();
  for (int i = 0; i < runs; ++i) {
    timed(ours, m.first.count, ours_ms);
    if (theirs) timed(theirs, m.second.count, theirs_ms);
  }
  m.first.median_ms = Median(ours_ms);
  m.second.median_ms = Median(theirs_ms);
  return m;
}

/// Runs rg with `args` and returns the number of output lines.
long RunRg(const std::string& rg, const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> argv{const_cast<char*>(rg.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, rg.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  long lines = 0;
  char buf[1 << 16];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) {
    lines += std::count(buf, buf + n, '\n');
  }
  ::close(pipe_fds[0]);
  if (rc != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return lines;
}

/// The result count our tool reports in its structured output.
long OurCount(const ToolResult& r, const std::string& mode) {
  if (r.is_error) {
    std::fprintf(stderr, "error: %s\n", r.content.AsString().c_str());
    return -1;
  }
  const Json& s = r.structured;
  if (mode == "glob") return s["totalMatches"].AsInt();
  if (mode == "content") return s["totalLines"].AsInt();
  if (mode == "count") return s["numFiles"].AsInt();
  return s["totalFiles"].AsInt();
}

std::vector<std::string> CcFlags() {
  // What Claude Code's Grep passes besides the mode flags.
  return {"--hidden", "--glob", "!.git",  "--glob", "!.svn",  "--glob", "!.hg",
          "--glob",   "!.bzr",  "--glob", "!.jj",   "--glob", "!.sl"};
}

std::vector<Case> Cases() {
  auto with = [](std::vector<std::string> extra) {
    std::vector<std::string> args = CcFlags();
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  auto in = [](const char* json) { return *Json::Parse(json); };
  return {
      {"EXPORT_SYMBOL_GPL", "files", in(R"({"pattern":"EXPORT_SYMBOL_GPL","head_limit":0})"), false,
       with({"-l", "EXPORT_SYMBOL_GPL"})},
      {"EXPORT_SYMBOL_GPL", "content",
       in(R"({"pattern":"EXPORT_SYMBOL_GPL","output_mode":"content","head_limit":0})"), false,
       with({"-n", "EXPORT_SYMBOL_GPL"})},
      {"\\bstruct\\s+file_operations\\b", "files",
       in(R"({"pattern":"\\bstruct\\s+file_operations\\b","head_limit":0})"), false,
       with({"-l", "\\bstruct\\s+file_operations\\b"})},
      {"\\bstruct\\s+file_operations\\b", "content",
       in(R"({"pattern":"\\bstruct\\s+file_operations\\b","output_mode":"content",
              "head_limit":0})"),
       false, with({"-n", "\\bstruct\\s+file_operations\\b"})},
      {"-i mutex_lock", "files", in(R"({"pattern":"mutex_lock","-i":true,"head_limit":0})"), false,
       with({"-l", "-i", "mutex_lock"})},
      {"-i mutex_lock", "content",
       in(R"({"pattern":"mutex_lock","-i":true,"output_mode":"content","head_limit":0})"), false,
       with({"-n", "-i", "mutex_lock"})},
      {"[A-Z]{4,}_[0-9]+\\(", "files", in(R"({"pattern":"[A-Z]{4,}_[0-9]+\\(","head_limit":0})"),
       false, with({"-l", "[A-Z]{4,}_[0-9]+\\("})},
      {"**/*.c",
       "glob",
       in(R"({"pattern":"**/*.c"})"),
       true,
       {"--files", "--hidden", "--glob", "**/*.c"}},
  };
}

std::string DefaultTree() {
  for (const char* pattern : {"/usr/src/linux-source-*/", "/tmp/linux-source-*/"}) {
    glob_t g{};
    if (::glob(pattern, GLOB_ONLYDIR, nullptr, &g) == 0 && g.gl_pathc > 0) {
      std::string dir = g.gl_pathv[0];
      ::globfree(&g);
      return dir;
    }
    ::globfree(&g);
  }
  return "";
}

struct Args {
  std::string tree;
  std::string rg = "/usr/bin/rg";
  int runs = 5;
};

/// The flags, with the tree defaulted; nullopt (after printing how to get one) without a tree.
std::optional<Args> ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--tree") args.tree = argv[i + 1];
    if (flag == "--runs") args.runs = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--rg") args.rg = argv[i + 1];
  }
  if (args.tree.empty()) args.tree = DefaultTree();
  if (args.tree.empty()) {
    std::fprintf(stderr,
                 "No kernel tree found. Install and unpack one:\n"
                 "  apt-get install -y linux-source ripgrep\n"
                 "  tar -xf /usr/src/linux-source-6.1.tar.xz -C /tmp\n"
                 "then run: search_bench --tree /tmp/linux-source-6.1\n");
    return std::nullopt;
  }
  while (args.tree.size() > 1 && args.tree.ends_with('/')) args.tree.pop_back();
  return args;
}

void PrintRow(const Case& c, const Measured& ours, const Measured& theirs) {
  std::printf("| `%s` | %s | %.0f | %.0f | %.2f | %ld | %ld | %s |\n", c.label.c_str(),
              c.mode.c_str(), ours.median_ms, theirs.median_ms,
              theirs.median_ms > 0 ? ours.median_ms / theirs.median_ms : 0.0, ours.count,
              theirs.count, ours.count == theirs.count ? "yes" : "NO");
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  std::optional<Args> args = ParseArgs(argc, argv);
  if (!args) return 2;
  bool have_rg = ::access(args->rg.c_str(), X_OK) == 0;
  std::printf("tree: %s, %d warm runs each (after one warm-up), rg: %s\n\n", args->tree.c_str(),
              args->runs, have_rg ? args->rg.c_str() : "not found");
  std::printf("| query | mode | ours ms | rg ms | ours/rg | ours count | rg count | agree |\n");
  std::printf("|---|---|---:|---:|---:|---:|---:|---|\n");
  base::CancelToken cancel;
  ToolContext ctx;
  ctx.project_dir = args->tree;
  ctx.cancel = &cancel;
  GrepTool grep;
  GlobTool glob;
  for (Case& c : Cases()) {
    c.input.Set("path", args->tree);
    std::vector<std::string> rg_args = c.rg_args;
    rg_args.push_back(args->tree);
    auto ours = [&] {
      ToolResult r = c.glob ? glob.Run(c.input, ctx) : grep.Run(c.input, ctx);
      return OurCount(r, c.glob ? "glob" : c.mode);
    };
    std::function<long()> theirs;
    if (have_rg) theirs = [&] { return RunRg(args->rg, rg_args); };
    auto [our_figures, their_figures] = TimeBoth(args->runs, ours, theirs);
    PrintRow(c, our_figures, their_figures);
  }
  return 0;
}

}  // namespace
}  // namespace runner::tools

int main(int argc, char** argv) { return runner::tools::Main(argc, argv); }
