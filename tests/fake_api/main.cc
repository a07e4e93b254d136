// fake_messages_api --script FILE [--port N] [--port-file PATH] [--requests-log PATH] [--pages DIR]
// Serves a replay script as the Anthropic Messages API on 127.0.0.1 until SIGTERM or SIGINT.

#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "tests/fake_api/server.h"

namespace {

constexpr char kUsage[] =
    "usage: fake_messages_api --script FILE [--port N] [--port-file PATH] "
    "[--requests-log PATH] [--pages DIR]\n";

struct Args {
  std::string script;
  int port = 0;
  std::string port_file;
  std::string requests_log;
  std::string pages_dir;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--script") {
      args.script = value;
    } else if (flag == "--port") {
      auto port = runner::base::ParseInt(value);
      if (!port || *port < 0 || *port > 65535) return false;
      args.port = static_cast<int>(*port);
    } else if (flag == "--port-file") {
      args.port_file = value;
    } else if (flag == "--requests-log") {
      args.requests_log = value;
    } else if (flag == "--pages") {
      args.pages_dir = value;
    } else {
      return false;
    }
  }
  return !args.script.empty();
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "fake_messages_api: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  // Block the stop signals in every thread; the main thread collects them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto script = runner::providers::LoadReplayScript(args.script);
  if (!script) return Fail(script.error().message);
  auto server = fake_api::FakeMessagesServer::Start(
      {.script = std::move(*script), .port = args.port, .requests_log = args.requests_log,
       .pages_dir = args.pages_dir});
  if (!server) return Fail(server.error().message);
  int port = (*server)->port();
  if (!args.port_file.empty()) {
    auto written = runner::base::WriteFileAtomic(args.port_file, std::to_string(port) + "\n");
    if (!written) return Fail(written.error().message);
  }
  std::fprintf(stderr, "listening on 127.0.0.1:%d\n", port);
  std::fflush(stderr);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  (*server)->Stop();
  return 0;
}
