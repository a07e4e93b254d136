#pragma once
/// Chooses and builds the model provider: --replay script, the Anthropic API, or (with no
/// credentials at all) one that fails fast with a clear message. --record wraps any of them.

#include <memory>
#include <optional>
#include <string>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/cli/flags.h"
#include "runner/providers/provider.h"

namespace runner::cli {

base::HttpOptions HttpOptionsFromEnv(const base::Env& env, bool debug);

/// `http` is borrowed and must outlive the provider. `api_key_helper` is the setting's
/// command: it gives the credential when the environment has none (docs/settings.md).
base::Result<std::unique_ptr<providers::Provider>> MakeProvider(
    const Flags& flags, const base::Env& env, base::HttpClient& http,
    const std::optional<std::string>& api_key_helper = std::nullopt);

}  // namespace runner::cli
