#pragma once
/// `headersHelper`, as Claude Code defines it for http and sse servers: a shell command
/// (`/bin/sh -c`) that prints a JSON object of string headers on stdout. It runs whenever the
/// server is connected, with CLAUDE_CODE_MCP_SERVER_NAME and CLAUDE_CODE_MCP_SERVER_URL set
/// and a 10-second timeout; its headers win over the static `headers` of the same name.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "runner/base/result.h"
#include "runner/exec/process.h"
#include "runner/mcp/config.h"

namespace runner::mcp {

inline constexpr int64_t kHeadersHelperTimeoutMs = 10000;

/// Runs `config.headers_helper` with `env` (the whole environment, to which the server's name
/// and URL are added) in `cwd` and returns `config.headers` with the helper's headers merged
/// over them. Errors (kConfig) are one line naming the helper and what went wrong: it could
/// not start, timed out, exited non-zero (with the first line of its stderr), or printed
/// something other than a JSON object of strings.
base::Result<std::map<std::string, std::string>> HeadersWithHelper(
    const ServerConfig& config, exec::ProcessRunner& runner, std::map<std::string, std::string> env,
    const std::filesystem::path& cwd, int64_t timeout_ms = kHeadersHelperTimeoutMs);

}  // namespace runner::mcp
