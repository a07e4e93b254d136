#include "runner/cli/signals.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace runner::cli {
namespace {
// Signal handlers can only reach process-wide state; this is the one global in runner/.
std::atomic<base::CancelToken*> g_token{nullptr};
std::atomic<int> g_sigints{0};

void OnSignal(int sig) {
  base::CancelToken* t = g_token.load();
  if (sig == SIGINT && g_sigints.fetch_add(1) >= 1) _exit(130);
  if (t) t->Cancel(sig == SIGTERM ? base::CancelReason::kTerminate : base::CancelReason::kInterrupt);
}
}  // namespace

void InstallSignalHandlers(base::CancelToken* token) {
  g_token = token;
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace runner::cli
