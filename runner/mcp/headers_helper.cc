#include "runner/mcp/headers_helper.h"

#include "runner/base/json.h"
#include "runner/base/strings.h"

namespace runner::mcp {
namespace {

using base::ErrorKind;

/// The first non-empty line of `text`, trimmed and shortened.
std::string FirstLine(const std::string& text) {
  for (const std::string& line : base::Split(text, '\n')) {
    std::string t(base::Trim(line));
    if (!t.empty()) return base::TruncateMiddle(t, 300);
  }
  return "";
}

}  // namespace

base::Result<std::map<std::string, std::string>> HeadersWithHelper(
    const ServerConfig& config, exec::ProcessRunner& runner, std::map<std::string, std::string> env,
    const std::filesystem::path& cwd, int64_t timeout_ms) {
  std::map<std::string, std::string> headers = config.headers;
  if (config.headers_helper.empty()) return headers;
  std::string where = "headersHelper of MCP server " + config.name;
  env["CLAUDE_CODE_MCP_SERVER_NAME"] = config.name;
  env["CLAUDE_CODE_MCP_SERVER_URL"] = config.url;
  exec::CommandSpec spec;
  spec.argv = {"/bin/sh", "-c", config.headers_helper};
  spec.env = std::move(env);
  spec.cwd = cwd;
  spec.timeout_ms = timeout_ms;
  spec.max_output_bytes = 1024 * 1024;
  spec.kill_grace_ms = 500;
  auto run = runner.Run(spec, nullptr);
  if (!run) return base::Fail(ErrorKind::kConfig, where + " could not run: " + run.error().message);
  if (run->timed_out) {
    return base::Fail(ErrorKind::kConfig,
                      where + " did not finish within " + std::to_string(timeout_ms) + " ms");
  }
  if (run->exit_code != 0) {
    std::string why = run->exit_code < 0
                          ? "was killed by signal " + std::to_string(run->term_signal)
                          : "exited with status " + std::to_string(run->exit_code);
    std::string detail = FirstLine(run->stderr_data);
    return base::Fail(ErrorKind::kConfig,
                      where + " " + why + (detail.empty() ? "" : ": " + detail));
  }
  auto parsed = base::Json::Parse(run->stdout_data);
  if (!parsed || !parsed->is_object()) {
    return base::Fail(ErrorKind::kConfig,
                      where + " must print a JSON object of headers, got: " +
                          (FirstLine(run->stdout_data).empty() ? std::string("nothing")
                                                               : FirstLine(run->stdout_data)));
  }
  for (const auto& [name, value] : parsed->members()) {
    if (!value.is_string()) {
      return base::Fail(ErrorKind::kConfig,
                        where + " printed a header that is not a string: " + name);
    }
    if (name.empty() || name.find_first_of(":\r\n") != std::string::npos ||
        value.AsString().find_first_of("\r\n") != std::string::npos) {
      return base::Fail(ErrorKind::kConfig, where + " printed an invalid header: " + name);
    }
    // Header names are case-insensitive: the helper's replaces a static one of any case.
    for (auto it = headers.begin(); it != headers.end();) {
      it = base::ToLower(it->first) == base::ToLower(name) ? headers.erase(it) : std::next(it);
    }
    headers[name] = value.AsString();
  }
  return headers;
}

}  // namespace runner::mcp
