#include "runner/cli/provider_factory.h"

#include <filesystem>

#include "runner/base/files.h"
#include "runner/base/strings.h"
#include "runner/exec/process.h"
#include "runner/providers/anthropic_provider.h"
#include "runner/providers/bedrock_provider.h"
#include "runner/providers/recorder.h"
#include "runner/providers/replay_provider.h"
#include "runner/providers/replay_script.h"
#include "runner/providers/vertex.h"

namespace runner::cli {
namespace {

/// Used when no credentials and no gateway are configured: every request fails at once with
/// a message saying what to set, instead of retrying against api.anthropic.com.
class MissingCredentialsProvider : public providers::Provider {
 public:
  base::Result<protocol::AssistantReply> Send(const providers::ModelRequest&,
                                              providers::StreamObserver&,
                                              base::CancelToken&) override {
    base::Error e{base::ErrorKind::kAuth,
                  "No API credentials: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN (or "
                  "ANTHROPIC_BASE_URL for a gateway), or run with --replay FILE",
                  401, "authentication_error"};
    return base::Fail(e);
  }
};

/// `${CWD}` in a replay script stands for the working directory, so scripts that touch files
/// by absolute path work in any checkout.
std::string ExpandCwd(std::string text) {
  std::string cwd = base::Json(std::filesystem::current_path().string()).Dump();
  cwd = cwd.substr(1, cwd.size() - 2);  // JSON-escaped, without the quotes
  const std::string var = "${CWD}";
  for (size_t pos = text.find(var); pos != std::string::npos; pos = text.find(var, pos + cwd.size())) {
    text.replace(pos, var.size(), cwd);
  }
  return text;
}

base::Result<std::unique_ptr<providers::Provider>> MakeReplay(const std::string& path,
                                                               const base::Env& env) {
  auto text = base::ReadFile(path);
  if (!text) return base::Fail(base::ErrorKind::kUsage, "--replay: " + text.error().message);
  auto script = providers::ParseReplayScript(ExpandCwd(std::move(*text)));
  if (!script) {
    return base::Fail(base::ErrorKind::kUsage, "--replay " + path + ": " + script.error().message);
  }
  return std::make_unique<providers::ReplayProvider>(std::move(*script),
                                                     providers::ReplayOptionsFromEnv(env));
}

constexpr int64_t kKeyHelperTimeoutMs = 60'000;

/// Runs the apiKeyHelper command with /bin/sh in the current directory; its trimmed stdout is
/// the credential. A failure names the exit status and the first line of stderr.
std::function<base::Result<std::string>()> KeyHelper(std::string command, const base::Env& env) {
  auto processes = std::make_shared<exec::PosixProcessRunner>();
  std::map<std::string, std::string> vars(env.vars().begin(), env.vars().end());
  return [command = std::move(command), processes, vars]() -> base::Result<std::string> {
    exec::CommandSpec spec;
    spec.argv = {"/bin/sh", "-c", command};
    spec.env = vars;
    spec.timeout_ms = kKeyHelperTimeoutMs;
    spec.max_output_bytes = 64 * 1024;
    auto out = processes->Run(spec, nullptr);
    if (!out) return base::Fail(base::ErrorKind::kConfig, out.error().message);
    if (out->timed_out) {
      return base::Fail(base::ErrorKind::kTimeout, "'" + command + "' did not finish within 60 s");
    }
    if (out->exit_code != 0) {
      std::string why(base::Trim(out->stderr_data.substr(0, out->stderr_data.find('\n'))));
      return base::Fail(base::ErrorKind::kConfig,
                        "'" + command + "' exited with status " + std::to_string(out->exit_code) +
                            (why.empty() ? "" : ": " + why));
    }
    return std::string(base::Trim(out->stdout_data));
  };
}

}  // namespace

base::HttpOptions HttpOptionsFromEnv(const base::Env& env, bool debug) {
  base::HttpOptions o;
  for (const char* name : {"CLAUDE_RUNNER_CA_BUNDLE", "SSL_CERT_FILE", "CURL_CA_BUNDLE"}) {
    if (auto v = env.Get(name); v && !v->empty()) {
      o.ca_bundle = *v;
      break;
    }
  }
  o.extra_ca_file = env.GetOr("NODE_EXTRA_CA_CERTS", "");
  auto first = [&env](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (auto v = env.Get(n); v && !v->empty()) return *v;
    }
    return std::string();
  };
  o.https_proxy = first({"HTTPS_PROXY", "https_proxy"});
  o.http_proxy = first({"HTTP_PROXY", "http_proxy"});
  o.no_proxy = first({"NO_PROXY", "no_proxy"});
  o.verbose = debug && env.Truthy("CLAUDE_RUNNER_DEBUG_HTTP");
  return o;
}

base::Result<std::unique_ptr<providers::Provider>> MakeProvider(
    const Flags& flags, const base::Env& env, base::HttpClient& http,
    const std::optional<std::string>& api_key_helper) {
  std::unique_ptr<providers::Provider> provider;
  if (flags.replay_file) {
    provider = TRY(MakeReplay(*flags.replay_file, env));
  } else {
    if (env.Truthy("CLAUDE_CODE_USE_BEDROCK")) {
      provider = std::make_unique<providers::BedrockProvider>(
          http, TRY(providers::BedrockOptionsFromEnv(env)));
    }
    // Microsoft Foundry is not built in yet: say so instead of failing later for want of a key.
    if (env.Truthy("CLAUDE_CODE_USE_FOUNDRY")) {
      return base::Fail(base::ErrorKind::kUsage,
                        "Microsoft Foundry (CLAUDE_CODE_USE_FOUNDRY) is not supported yet; reach it through an "
                        "LLM gateway with ANTHROPIC_BASE_URL, or use the Anthropic API");
    }
  }
  if (!provider) {
    providers::AnthropicOptions options = providers::AnthropicOptionsFromEnv(env);
    if (api_key_helper) options.key_helper = KeyHelper(*api_key_helper, env);
    bool has_credentials =
        !options.api_key.empty() || !options.auth_token.empty() || options.key_helper;
    if (env.Truthy("CLAUDE_CODE_USE_VERTEX")) {
      provider = TRY(providers::MakeVertexProvider(env, http));  // docs/vertex.md
    } else if (!has_credentials && !env.Get("ANTHROPIC_BASE_URL")) {
      provider = std::make_unique<MissingCredentialsProvider>();
    } else {
      provider = std::make_unique<providers::AnthropicProvider>(http, std::move(options));
    }
  }
  if (flags.record_file) {
    provider = std::make_unique<providers::RecordingProvider>(std::move(provider),
                                                              std::filesystem::path(*flags.record_file));
  }
  return provider;
}

}  // namespace runner::cli
