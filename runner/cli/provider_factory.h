#pragma once
/// Chooses and builds the model provider: --replay script, the Anthropic API, or (with no
/// credentials at all) one that fails fast with a clear message. --record wraps any of them.

#include <memory>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/cli/flags.h"
#include "runner/providers/provider.h"

namespace runner::cli {

base::HttpOptions HttpOptionsFromEnv(const base::Env& env, bool debug);

/// `http` is borrowed and must outlive the provider.
base::Result<std::unique_ptr<providers::Provider>> MakeProvider(const Flags& flags,
                                                                const base::Env& env,
                                                                base::HttpClient& http);

}  // namespace runner::cli
