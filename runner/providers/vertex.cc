#include "runner/providers/vertex.h"

#include <cctype>

#include "runner/base/strings.h"
#include "runner/providers/anthropic_provider.h"
#include "runner/providers/google_auth.h"

namespace runner::providers {

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

base::Result<VertexOptions> VertexOptionsFromEnv(const base::Env& env) {
  VertexOptions o;
  o.project = std::string(base::Trim(env.GetOr("ANTHROPIC_VERTEX_PROJECT_ID", "")));
  o.region = std::string(base::Trim(env.GetOr("CLOUD_ML_REGION", "")));
  o.base_url = std::string(base::Trim(env.GetOr("ANTHROPIC_VERTEX_BASE_URL", "")));
  while (o.base_url.ends_with('/')) o.base_url.pop_back();
  o.skip_auth = env.Truthy("CLAUDE_CODE_SKIP_VERTEX_AUTH");
  std::vector<std::string> missing;
  if (o.project.empty()) missing.push_back("ANTHROPIC_VERTEX_PROJECT_ID");
  if (o.region.empty()) missing.push_back("CLOUD_ML_REGION (e.g. us-east5 or global)");
  if (!missing.empty()) {
    return base::Fail(base::ErrorKind::kUsage,
                      "Vertex AI (CLAUDE_CODE_USE_VERTEX) needs " + base::Join(missing, " and "));
  }
  return o;
}

std::string VertexRegionForModel(const base::Env& env, const std::string& model,
                                 const std::string& fallback) {
  std::string id = model.substr(0, model.find('@'));
  std::vector<std::string> parts = base::Split(id, '-');
  if (!parts.empty() && AllDigits(parts.back()) && parts.back().size() == 8) parts.pop_back();
  if (parts.size() >= 3 && parts[0] == "claude") {
    std::string major, minor = "0", family;
    if (AllDigits(parts[1])) {  // claude-3-7-sonnet
      major = parts[1];
      size_t i = 2;
      if (i < parts.size() && AllDigits(parts[i])) minor = parts[i++];
      if (i < parts.size()) family = parts[i];
    } else {  // claude-sonnet-4-5
      family = parts[1];
      major = parts[2];
      if (parts.size() > 3 && AllDigits(parts[3]) && parts[3].size() <= 2) minor = parts[3];
    }
    if (AllDigits(major) && !family.empty()) {
      family = Upper(family);
      for (const std::string& name :
           {"VERTEX_REGION_CLAUDE_" + major + "_" + minor + "_" + family,
            "VERTEX_REGION_CLAUDE_" + family + "_" + major + "_" + minor}) {
        std::string region(base::Trim(env.GetOr(name, "")));
        if (!region.empty()) return region;
      }
    }
  }
  return fallback;
}

std::string VertexModelId(const std::string& model) {
  if (model.find('@') != std::string::npos) return model;
  size_t dash = model.rfind('-');
  if (dash != std::string::npos && model.size() - dash - 1 == 8 && AllDigits(model.substr(dash + 1))) {
    return model.substr(0, dash) + "@" + model.substr(dash + 1);
  }
  return model;
}

std::string VertexUrl(const VertexOptions& options, const std::string& region,
                      const std::string& model) {
  std::string base = options.base_url;
  if (base.empty()) {
    base = region == "global" ? "https://aiplatform.googleapis.com/v1"
                              : "https://" + region + "-aiplatform.googleapis.com/v1";
  }
  return base + "/projects/" + options.project + "/locations/" + region +
         "/publishers/anthropic/models/" + VertexModelId(model) + ":streamRawPredict";
}

void ShapeVertexBody(base::Json& body) {
  body.Erase("model");
  body.Set("anthropic_version", kVertexAnthropicVersion);
}

base::Result<std::unique_ptr<Provider>> MakeVertexProvider(const base::Env& env,
                                                           base::HttpClient& http) {
  VertexOptions vertex = TRY(VertexOptionsFromEnv(env));
  AnthropicOptions options = AnthropicOptionsFromEnv(env);
  ProviderEndpoint endpoint;
  endpoint.url = [vertex, env](const ModelRequest& request) {
    return VertexUrl(vertex, VertexRegionForModel(env, request.model, vertex.region),
                     request.model);
  };
  endpoint.shape_body = ShapeVertexBody;
  if (!vertex.skip_auth) {
    auto source = TRY(GoogleSourceFromEnv(env, http));
    auto cache = std::make_shared<CachedGoogleToken>(std::move(source));
    endpoint.bearer = [cache](bool refresh) { return cache->Get(refresh); };
  }
  endpoint.api_key_source = "none";
  options.endpoint = std::move(endpoint);
  return std::make_unique<AnthropicProvider>(http, std::move(options));
}

}  // namespace runner::providers
