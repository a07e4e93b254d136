// The client program the MCP conformance suite drives (`conformance client --command …`):
// the suite starts a scenario's streamable-HTTP server, runs this program with the server's
// URL as the last argument and the scenario's name in MCP_CONFORMANCE_SCENARIO, and then
// judges what the server saw. Every scenario gets the same non-interactive client behaviour,
// through the runner's own mcp::Client over StreamableHttpTransport:
//   initialize → notifications/initialized → tools/list → tools/call of every listed tool,
//   with arguments made from its input schema → DELETE of the session.
// Server requests: elicitation/create is accepted with the requested schema's defaults (what a
// headless client can honestly answer), through Client::SetRequestHandler, which also
// declares the elicitation capability; ping is answered; anything else is "method not found".
// (The runner itself sets no elicitation handler: it declines elicitation.)
// Auth scenarios (auth/client-credentials-*): MCP_CONFORMANCE_CONTEXT's credentials become the
// server's `oauth` configuration, parsed by mcp::ParseServers like any MCP config, so the
// suite tests the runner's own OAuth client_credentials path (docs/mcp-transports.md).
// Exit status: 0 when every step got an answer, 1 otherwise. Diagnostics go to stderr.

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "runner/base/http.h"
#include "runner/base/log.h"
#include "runner/base/env.h"
#include "runner/mcp/client.h"
#include "runner/mcp/config.h"
#include "runner/mcp/http_transport.h"

namespace {

using runner::base::Json;
using runner::base::JsonObject;

constexpr int64_t kTimeoutMs = 30000;

/// A value for one input-schema property: its default when it has one, else one of its type.
Json ExampleValue(const Json& schema, int n) {
  if (schema.Contains("default")) return schema["default"];
  if (schema["enum"].is_array() && !schema["enum"].empty()) return schema["enum"].at(0);
  const std::string& type = schema["type"].AsString();
  if (type == "number" || type == "integer") return n + 1;
  if (type == "boolean") return true;
  if (type == "array") return Json::MakeArray();
  if (type == "object") return Json::MakeObject();
  return "test";
}

Json ExampleArguments(const Json& input_schema) {
  Json args = Json::MakeObject();
  int n = 0;
  for (const auto& [name, schema] : input_schema["properties"].members()) {
    args.Set(name, ExampleValue(schema, n++));
  }
  return args;
}

/// elicitation/create: accept with every default the requested schema gives.
runner::base::Result<Json> AnswerElicitation(const Json& params) {
  std::cerr << "server request: elicitation/create\n";
  Json content = Json::MakeObject();
  for (const auto& [name, schema] : params["requestedSchema"]["properties"].members()) {
    if (schema.Contains("default")) content.Set(name, schema["default"]);
  }
  return JsonObject({{"action", "accept"}, {"content", std::move(content)}});
}

/// The server's configuration as an MCP config document would give it: `oauth` from the
/// context's client_id with client_secret (client_secret_basic) or private_key_pem
/// (private_key_jwt, signing_algorithm).
runner::base::Result<runner::mcp::ServerConfig> ServerFromContext(const std::string& url,
                                                                  const char* context_text) {
  Json server = JsonObject({{"type", "http"}, {"url", url}});
  if (context_text && *context_text) {
    Json context = TRY(Json::Parse(context_text));
    if (context["client_id"].is_string()) {
      Json oauth = JsonObject({{"clientId", context["client_id"]}});
      if (context["client_secret"].is_string()) oauth.Set("clientSecret", context["client_secret"]);
      if (context["private_key_pem"].is_string()) oauth.Set("privateKey", context["private_key_pem"]);
      if (context["signing_algorithm"].is_string()) {
        oauth.Set("algorithm", context["signing_algorithm"]);
      }
      server.Set("oauth", std::move(oauth));
    }
  }
  Json document = JsonObject({{"mcpServers", JsonObject({{"conformance", std::move(server)}})}});
  // Values are taken literally: no variables to expand.
  auto servers = TRY(runner::mcp::ParseServers(document, "MCP_CONFORMANCE_CONTEXT", "cliArg",
                                               runner::base::Env()));
  return servers.at(0);
}

int Run(const std::string& url, const std::string& scenario) {
  runner::base::CurlHttpClient http({});
  auto config = ServerFromContext(url, std::getenv("MCP_CONFORMANCE_CONTEXT"));
  if (!config) {
    std::cerr << "error: " << config.error().message << "\n";
    return 1;
  }
  runner::mcp::HttpTransportOptions options{.url = url};
  options.auth = runner::mcp::MakeHttpAuthorizer(*config, http);
  if (options.auth) std::cerr << "scenario " << scenario << ": OAuth client_credentials\n";
  auto transport = std::make_unique<runner::mcp::StreamableHttpTransport>(http, std::move(options));
  runner::mcp::StreamableHttpTransport& raw = *transport;
  runner::mcp::Client client(std::move(transport), "claude-runner-conformance", "0", "conformance");
  client.SetRequestHandler("elicitation/create", AnswerElicitation, "elicitation");
  auto fail = [](const runner::base::Error& e) {
    std::cerr << "error: " << e.message << "\n";
    return 1;
  };
  auto init = client.Initialize(kTimeoutMs, nullptr);
  if (!init) return fail(init.error());
  std::cerr << "scenario " << scenario << ": initialized, protocol " << init->protocol_version
            << ", session " << raw.session_id() << "\n";
  auto tools = client.ListTools(kTimeoutMs, nullptr);
  if (!tools) return fail(tools.error());
  int status = 0;
  for (const runner::mcp::ToolInfo& tool : *tools) {
    Json args = ExampleArguments(tool.input_schema);
    std::cerr << "tools/call " << tool.name << " " << args.Dump() << "\n";
    auto result = client.CallTool(tool.name, args, kTimeoutMs, nullptr);
    if (!result) {
      status = fail(result.error());
      continue;
    }
    std::cerr << "  → " << result->Dump() << "\n";
  }
  client.Close();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance_client <server URL> (scenario in MCP_CONFORMANCE_SCENARIO)\n";
    return 2;
  }
  runner::base::log::Init(runner::base::log::Level::kInfo);
  const char* scenario = std::getenv("MCP_CONFORMANCE_SCENARIO");
  return Run(argv[argc - 1], scenario ? scenario : "");
}
