#pragma once
/// End-to-end test helpers: run the real claude-runner binary as a child process with a
/// private CLAUDE_CONFIG_DIR and working directory, and read what it printed.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/json.h"

namespace runner::e2e {

namespace fs = std::filesystem;

struct RunOutput {
  int exit_code = -1;  ///< -1 when killed by a signal
  int term_signal = 0;
  std::string out;
  std::string err;
  int64_t wall_ms = 0;
  int64_t peak_rss_kb = 0;  ///< the child's peak resident set size
  bool timed_out = false;  ///< the harness had to kill it
};

/// A scratch directory removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// A running child with stdout/stderr going to files and stdin from a pipe.
class Child {
 public:
  Child(std::vector<std::string> argv, std::map<std::string, std::string> env, fs::path cwd);
  ~Child();
  void WriteStdin(const std::string& data);
  void CloseStdin();
  void Signal(int sig);
  /// Waits up to `timeout_ms`, then SIGKILLs. Collects output.
  RunOutput Wait(int64_t timeout_ms = 30000);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  fs::path out_path_, err_path_;
  int64_t start_ms_ = 0;
  bool waited_ = false;
  RunOutput result_;
};

/// Path of the built binary.
std::string RunnerPath();
/// Path of the fake Messages API server binary.
std::string FakeServerPath();

/// A base environment for the runner: PATH, HOME and CLAUDE_CONFIG_DIR under `home`, and no
/// ANTHROPIC_* variables from the outside.
std::map<std::string, std::string> BaseEnv(const fs::path& home);

/// Runs claude-runner to completion with the given stdin (closed after writing).
RunOutput RunRunner(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                    const fs::path& cwd, const std::string& stdin_data = "",
                    int64_t timeout_ms = 30000);

/// Number of live processes whose command line contains `needle` and whose working directory
/// is `cwd` or below it (read from /proc), so concurrent test runs do not see each other's.
int CountProcesses(const std::string& needle, const fs::path& cwd);

/// Parses JSONL output into values (fails the test on a bad line).
std::vector<base::Json> JsonLines(const std::string& text);
std::string ReadText(const fs::path& p);
void WriteText(const fs::path& p, const std::string& text);

/// A fake Messages API server (tests/fake_api) running as a child on a free loopback port.
class FakeApi {
 public:
  /// `script` is the replay-script JSON text; `pages`, when given, is served at /pages/<name>.
  explicit FakeApi(const std::string& script, const fs::path& pages = {});
  ~FakeApi();
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// Every request received so far (`{"path","headers","body"}`).
  std::vector<base::Json> Requests() const;

 private:
  TempDir dir_;
  std::optional<Child> child_;
  int port_ = 0;
};

}  // namespace runner::e2e
