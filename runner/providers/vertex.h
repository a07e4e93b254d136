#pragma once
/// Google Vertex AI as the model provider (CLAUDE_CODE_USE_VERTEX; docs/vertex.md): the
/// Anthropic provider with a Vertex endpoint — `POST {base}/projects/{project}/locations/
/// {region}/publishers/anthropic/models/{model}:streamRawPredict`, the Messages body without
/// `model` and with `anthropic_version: "vertex-2023-10-16"`, and a Google access token
/// (google_auth.h) as `Authorization: Bearer`.

#include <memory>
#include <string>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/providers/provider.h"

namespace runner::providers {

inline constexpr char kVertexAnthropicVersion[] = "vertex-2023-10-16";

struct VertexOptions {
  std::string project;   ///< ANTHROPIC_VERTEX_PROJECT_ID
  std::string region;    ///< CLOUD_ML_REGION (default for every model)
  std::string base_url;  ///< ANTHROPIC_VERTEX_BASE_URL; empty = Google's regional host + /v1
  bool skip_auth = false;  ///< CLAUDE_CODE_SKIP_VERTEX_AUTH: no Authorization header
};

/// Reads the options; kUsage naming the variables when the project or region is missing.
base::Result<VertexOptions> VertexOptionsFromEnv(const base::Env& env);

/// The region for `model`: the first set of VERTEX_REGION_CLAUDE_{MAJOR}_{MINOR}_{FAMILY} and
/// VERTEX_REGION_CLAUDE_{FAMILY}_{MAJOR}_{MINOR} (e.g. claude-3-7-sonnet → …_3_7_SONNET,
/// claude-sonnet-4@… → …_4_0_SONNET, claude-haiku-4-5 → …_HAIKU_4_5), else `fallback`.
std::string VertexRegionForModel(const base::Env& env, const std::string& model,
                                 const std::string& fallback);

/// Vertex's model id: `claude-x-y-20250101` becomes `claude-x-y@20250101`; others unchanged.
std::string VertexModelId(const std::string& model);

/// The streamRawPredict URL. Region `global` uses host aiplatform.googleapis.com.
std::string VertexUrl(const VertexOptions& options, const std::string& region,
                      const std::string& model);

/// The Vertex body from the Anthropic one: `model` removed, `anthropic_version` set.
void ShapeVertexBody(base::Json& body);

/// The provider for CLAUDE_CODE_USE_VERTEX. kUsage when the project, region or credentials
/// are missing (one line naming the variables). `http` is borrowed.
base::Result<std::unique_ptr<Provider>> MakeVertexProvider(const base::Env& env,
                                                           base::HttpClient& http);

}  // namespace runner::providers
