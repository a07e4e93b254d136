#include "tests/github_e2e/prism.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/base/json.h"

namespace github_e2e {

namespace fs = std::filesystem;
using runner::base::ErrorKind;
using runner::base::Fail;

namespace {

constexpr int64_t kStartupMs = 120000;
constexpr const char* kSpec = "@octokit/openapi/generated/api.github.com.json";
/// The request headers the proxy passes to Prism (it validates Accept and Content-Type).
constexpr const char* kPassHeaders[] = {"authorization", "accept", "content-type", "prefer",
                                        "x-github-api-version", "user-agent"};

int FreePort() {
  runner::base::Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 0;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

/// Forks `prism mock` in its own process group, output to `log`; it dies with this process.
pid_t Spawn(const fs::path& bin, const fs::path& spec, int port, const fs::path& log) {
  std::string bin_s = bin.string(), spec_s = spec.string(), port_s = std::to_string(port);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) {
    ::dup2(out, 1);
    ::dup2(out, 2);
  }
  std::vector<char*> argv = {bin_s.data(), const_cast<char*>("mock"), const_cast<char*>("-p"),
                             port_s.data(), const_cast<char*>("-h"),
                             const_cast<char*>("127.0.0.1"), spec_s.data(), nullptr};
  ::execv(bin_s.c_str(), argv.data());
  ::_exit(127);
}

void StopGroup(pid_t pid) {
  ::kill(-pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    pid_t r = ::waitpid(pid, nullptr, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) {
      ::kill(-pid, SIGKILL);  // anything it left behind
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

std::string Tail(const std::string& text, size_t max = 4000) {
  return text.size() <= max ? text : "…" + text.substr(text.size() - max);
}

}  // namespace

fs::path PrismGithub::DefaultNodeModules() { return fs::path(GITHUB_NODE_MODULES); }

runner::base::Result<std::unique_ptr<PrismGithub>> PrismGithub::Start(
    const fs::path& node_modules_dir) {
  fs::path bin = node_modules_dir / ".bin/prism";
  fs::path spec = node_modules_dir / kSpec;
  if (!fs::exists(bin) || !fs::exists(spec)) {
    return Fail(ErrorKind::kIo,
                "Prism or GitHub's OpenAPI description is not installed (" + bin.string() +
                    ", " + spec.string() + "): run `./build.sh test`, or `npm ci` in tests/github");
  }
  int port = FreePort();
  fs::path log = fs::temp_directory_path() /
                 ("prism-github-" + std::to_string(::getpid()) + "-" + std::to_string(port) + ".log");
  int64_t start = runner::base::MonotonicMs();
  pid_t pid = Spawn(bin, spec, port, log);
  if (pid < 0) return Fail(ErrorKind::kIo, "fork failed");
  ::setpgid(pid, pid);  // as the child does: whichever runs first
  std::unique_ptr<PrismGithub> prism(new PrismGithub(pid, port, log));
  prism->client_ = std::make_unique<runner::base::CurlHttpClient>(runner::base::HttpOptions{});

  runner::base::HttpRequest probe{.method = "GET", .url = prism->prism_url() + "/",
                                  .timeout_ms = 5000, .connect_timeout_ms = 1000};
  bool ready = false;
  while (runner::base::MonotonicMs() - start < kStartupMs) {
    auto answer = prism->client_->Send(probe, nullptr, nullptr);
    if (answer && answer->head.status > 0) {
      ready = true;
      break;
    }
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      prism->pid_ = -1;
      return Fail(ErrorKind::kIo, "Prism exited while starting; its log:\n" + Tail(prism->log()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  if (!ready) {
    return Fail(ErrorKind::kIo, "Prism did not answer within " + std::to_string(kStartupMs / 1000) +
                                    " s; its log:\n" + Tail(prism->log()));
  }
  prism->startup_ms_ = runner::base::MonotonicMs() - start;
  PrismGithub* self = prism.get();
  prism->proxy_ = TRY(runner::testing::HttpTestServer::Start(
      [self](const runner::testing::HttpTestRequest& request,
             runner::testing::HttpTestResponse& response) { self->Forward(request, response); }));
  return prism;
}

runner::base::Result<PrismGithub*> PrismGithub::Shared() {
  // A process-wide instance on purpose: Prism is too slow to start per test (see the header).
  static std::once_flag once;
  static std::unique_ptr<PrismGithub> instance;
  static runner::base::Error error;
  std::call_once(once, [] {
    auto started = Start();
    if (started) instance = std::move(*started);
    else error = started.error();
  });
  if (!instance) return Fail(error);
  return instance.get();
}

PrismGithub::~PrismGithub() {
  if (proxy_) proxy_->Stop();
  if (pid_ > 0) StopGroup(pid_);
  std::error_code ec;
  fs::remove(log_, ec);
}

std::string PrismGithub::prism_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string PrismGithub::log() const {
  auto text = runner::base::ReadFile(log_);
  return text ? *text : std::string();
}

std::vector<std::string> PrismGithub::Exchange::RequestViolations() const {
  std::vector<std::string> out;
  if (violations.empty()) return out;
  auto parsed = runner::base::Json::Parse(violations);
  if (!parsed) return {"unreadable sl-violations header: " + violations};
  for (const runner::base::Json& v : parsed->items()) {
    if (v["location"].at(0).AsString() == "request") {
      out.push_back(v["severity"].AsString() + ": " + v["message"].AsString());
    }
  }
  return out;
}

std::vector<PrismGithub::Exchange> PrismGithub::exchanges() const {
  std::lock_guard lock(mutex_);
  return exchanges_;
}

void PrismGithub::ClearExchanges() {
  std::lock_guard lock(mutex_);
  exchanges_.clear();
}

void PrismGithub::SetAnswerEdit(AnswerEdit edit) {
  std::lock_guard lock(mutex_);
  answer_edit_ = std::move(edit);
}

void PrismGithub::Forward(const runner::testing::HttpTestRequest& request,
                          runner::testing::HttpTestResponse& response) {
  runner::base::HttpRequest out{.method = request.method, .url = prism_url() + request.target,
                                .body = request.body, .timeout_ms = 30000};
  for (const char* name : kPassHeaders) {
    if (request.has_header(name)) out.headers.emplace_back(name, request.header(name));
  }
  Exchange exchange{request.method, request.target, request.body, 502, "", ""};
  runner::base::Headers headers;
  auto answer = client_->Send(out, nullptr, nullptr);
  if (answer) {
    exchange.status = answer->head.status;
    exchange.response_body = answer->body;
    exchange.violations = runner::base::FindHeader(answer->head.headers, "sl-violations");
    for (const char* name : {"content-type", "link", "sl-violations"}) {
      std::string value = runner::base::FindHeader(answer->head.headers, name);
      if (!value.empty()) headers.emplace_back(name, value);
    }
  } else {
    exchange.response_body =
        runner::base::JsonObject({{"message", "proxy: " + answer.error().message}}).Dump();
    headers.emplace_back("content-type", "application/json");
  }
  std::string body = exchange.response_body;
  {
    std::lock_guard lock(mutex_);
    exchanges_.push_back(exchange);
    if (answer_edit_) answer_edit_(exchange, body);
  }
  response.Send(exchange.status, headers, body);
}

}  // namespace github_e2e
