#include "harness.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "runner/base/clock.h"

extern char** environ;

namespace runner::e2e {

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("cr-e2e-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteText(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

Child::Child(std::vector<std::string> argv, std::map<std::string, std::string> env, fs::path cwd) {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() /
                  ("cr-child-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  out_path_ = base.string() + ".out";
  err_path_ = base.string() + ".err";
  int in_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) ADD_FAILURE() << "pipe2 failed";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  for (auto& s : argv) args.push_back(s.data());
  args.push_back(nullptr);
  start_ms_ = base::MonotonicMs();
  int rc = posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(in_pipe[0]);
  stdin_fd_ = in_pipe[1];
  EXPECT_EQ(rc, 0) << "cannot spawn " << argv[0];
}

Child::~Child() {
  if (!waited_ && pid_ > 0) Wait(0);
  CloseStdin();
  std::error_code ec;
  fs::remove(out_path_, ec);
  fs::remove(err_path_, ec);
}

void Child::WriteStdin(const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(stdin_fd_, data.data() + off, data.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

void Child::CloseStdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

void Child::Signal(int sig) {
  if (pid_ > 0 && !waited_) kill(pid_, sig);
}

RunOutput Child::Wait(int64_t timeout_ms) {
  if (waited_) return result_;
  int status = 0;
  struct rusage usage {};
  int64_t deadline = base::MonotonicMs() + timeout_ms;
  while (true) {
    pid_t r = wait4(pid_, &status, WNOHANG, &usage);
    if (r == pid_) break;
    if (base::MonotonicMs() >= deadline) {
      result_.timed_out = true;
      kill(pid_, SIGKILL);
      wait4(pid_, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  result_.peak_rss_kb = usage.ru_maxrss;
  waited_ = true;
  result_.wall_ms = base::MonotonicMs() - start_ms_;
  if (WIFEXITED(status)) result_.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result_.term_signal = WTERMSIG(status);
  result_.out = ReadText(out_path_);
  result_.err = ReadText(err_path_);
  return result_;
}

std::string RunnerPath() { return CLAUDE_RUNNER_BIN; }
std::string FakeServerPath() { return FAKE_API_BIN; }

std::map<std::string, std::string> BaseEnv(const fs::path& home) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq);
    if (k == "PATH" || k == "LANG" || k == "TMPDIR") env[k] = kv.substr(eq + 1);
  }
  env["HOME"] = home.string();
  env["CLAUDE_CONFIG_DIR"] = (home / ".claude").string();
  return env;
}

RunOutput RunRunner(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                    const fs::path& cwd, const std::string& stdin_data, int64_t timeout_ms) {
  std::vector<std::string> argv = {RunnerPath()};
  argv.insert(argv.end(), args.begin(), args.end());
  Child child(argv, env, cwd);
  child.WriteStdin(stdin_data);
  child.CloseStdin();
  return child.Wait(timeout_ms);
}

int CountProcesses(const std::string& needle, const fs::path& cwd) {
  int n = 0;
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string name = e.path().filename().string();
    if (name.empty() || !isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::string cmd = ReadText(e.path() / "cmdline");
    std::replace(cmd.begin(), cmd.end(), '\0', ' ');
    if (cmd.find(needle) == std::string::npos) continue;
    if (ReadText(e.path() / "stat").find(") Z") != std::string::npos) continue;  // zombie
    std::error_code ec;
    std::string where = fs::read_symlink(e.path() / "cwd", ec).string();
    if (!ec && where.starts_with(cwd.string())) ++n;
  }
  return n;
}

std::vector<base::Json> JsonLines(const std::string& text) {
  std::vector<base::Json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = base::Json::Parse(line);
    EXPECT_TRUE(j.has_value()) << "not JSON: " << line;
    if (j) out.push_back(*j);
  }
  return out;
}

FakeApi::FakeApi(const std::string& script, const fs::path& pages) {
  WriteText(dir_.path() / "script.json", script);
  fs::path port_file = dir_.path() / "port";
  std::vector<std::string> argv = {FakeServerPath(), "--script", (dir_.path() / "script.json").string(),
                                   "--port", "0", "--port-file", port_file.string(),
                                   "--requests-log", (dir_.path() / "requests.jsonl").string()};
  if (!pages.empty()) {
    argv.push_back("--pages");
    argv.push_back(pages.string());
  }
  child_.emplace(argv, std::map<std::string, std::string>{}, dir_.path());
  for (int i = 0; i < 500 && port_ == 0; ++i) {
    std::string p = ReadText(port_file);
    if (!p.empty() && p.back() == '\n') port_ = std::stoi(p);
    else if (!p.empty()) port_ = std::stoi(p);
    if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(port_, 0) << "fake API did not start";
}

FakeApi::~FakeApi() {
  if (child_) {
    child_->Signal(SIGTERM);
    child_->Wait(5000);
  }
}

std::vector<base::Json> FakeApi::Requests() const {
  return JsonLines(ReadText(dir_.path() / "requests.jsonl"));
}

}  // namespace runner::e2e
