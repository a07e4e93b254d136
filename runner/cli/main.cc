// The binary's entry point: `claude-runner github` goes to the GitHub integration, everything
// else to the print-mode CLI. The one file that joins runner/ and integrations/.
#include <cstdio>
#include <string_view>

#include "integrations/github/command.h"
#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/cli/provider_factory.h"
#include "runner/cli/run.h"
#include "runner/cli/signals.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "github") {
    runner::base::CancelToken cancel;
    runner::cli::InstallSignalHandlers(&cancel);
    runner::base::CurlHttpClient http(
        runner::cli::HttpOptionsFromEnv(runner::base::Env::FromProcess(), false));
    integrations::github::CommandDeps deps;
    deps.run_agent = [](runner::agent::EmbeddedRun& run) { return runner::cli::RunEmbedded(run); };
    deps.http = &http;
    deps.cancel = &cancel;
    deps.print = [](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    };
    return integrations::github::RunCommand(argc - 1, argv + 1, deps);
  }
  return runner::cli::Run(argc, argv);
}
