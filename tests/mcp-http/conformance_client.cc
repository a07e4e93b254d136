// The client program the MCP conformance suite drives (`conformance client --command …`):
// the suite starts a scenario's streamable-HTTP server, runs this program with the server's
// URL as the last argument and the scenario's name in MCP_CONFORMANCE_SCENARIO, and then
// judges what the server saw. Every scenario gets the same non-interactive client behaviour,
// through StreamableHttpTransport and hand-written JSON-RPC (tests/mcp-http/rpc_session.h):
//   initialize (declaring elicitation) → notifications/initialized → tools/list → tools/call of
//   every listed tool, with arguments made from its input schema → DELETE of the session.
// Server requests: elicitation/create is accepted with the requested schema's defaults (what a
// headless client can honestly answer); anything else is "method not found".
// Exit status: 0 when every step got an answer, 1 otherwise. Diagnostics go to stderr.

#include <cstdlib>
#include <iostream>
#include <string>

#include "runner/base/http.h"
#include "runner/base/log.h"
#include "runner/mcp/http_transport.h"
#include "tests/mcp-http/rpc_session.h"

namespace {

using mcp_http_test::Json;
using mcp_http_test::Result;
using runner::base::JsonObject;

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
Result<Json> AnswerServerRequest(const Json& request) {
  const std::string& method = request["method"].AsString();
  std::cerr << "server request: " << method << "\n";
  if (method != "elicitation/create") {
    return runner::base::Fail(runner::base::ErrorKind::kUsage, "Method not found: " + method);
  }
  Json content = Json::MakeObject();
  for (const auto& [name, schema] : request["params"]["requestedSchema"]["properties"].members()) {
    if (schema.Contains("default")) content.Set(name, schema["default"]);
  }
  return JsonObject({{"action", "accept"}, {"content", std::move(content)}});
}

int Run(const std::string& url, const std::string& scenario) {
  runner::base::CurlHttpClient http({});
  runner::mcp::StreamableHttpTransport transport(http, {.url = url});
  mcp_http_test::RpcSession session(transport);
  auto fail = [](const runner::base::Error& e) {
    std::cerr << "error: " << e.message << "\n";
    return 1;
  };
  if (auto started = session.Start(AnswerServerRequest); !started) return fail(started.error());
  auto init = session.Initialize("2025-11-25", JsonObject({{"elicitation", Json::MakeObject()}}));
  if (!init) return fail(init.error());
  std::cerr << "scenario " << scenario << ": initialized, protocol "
            << (*init)["protocolVersion"].AsString() << ", session " << transport.session_id()
            << "\n";
  auto tools = session.Call("tools/list", Json::MakeObject());
  if (!tools) return fail(tools.error());
  int status = 0;
  for (const Json& tool : (*tools)["tools"].items()) {
    const std::string& name = tool["name"].AsString();
    Json args = ExampleArguments(tool["inputSchema"]);
    std::cerr << "tools/call " << name << " " << args.Dump() << "\n";
    auto result = session.Call("tools/call", JsonObject({{"name", name}, {"arguments", args}}));
    if (!result) {
      status = fail(result.error());
      continue;
    }
    std::cerr << "  → " << result->Dump() << "\n";
  }
  session.Close();
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
