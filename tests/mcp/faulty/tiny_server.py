#!/usr/bin/env python3
"""A tiny stdio MCP server that misbehaves on request, for claude-runner's fault tests.

Usage: tiny_server.py MODE [ARG]

Modes:
  ok            a well-behaved server with the tools below
  hang-init     reads initialize and never answers
  crash-call    exits with code 3 in the middle of any tools/call
  hang-call     never answers tools/call (and ignores cancellation)
  noise         prints non-JSON lines and blank lines between its messages
  children      starts two `sleep ARG` children (default 300) in its process group, then
                serves like `ok`
  slow-init     answers initialize after ARG milliseconds
  approve       offers `approve`, a permission prompt tool: input containing "allow" is
                allowed (with "changed": true added to it), anything else is denied

Tools (every mode that gets that far): `hello` (text), `fail` (isError), `sleep`
({"ms": N}, answers after N ms). Every line received is appended to $TINY_SERVER_LOG when set.
"""
import json
import os
import subprocess
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
ARG = sys.argv[2] if len(sys.argv) > 2 else ""
LOG = os.environ.get("TINY_SERVER_LOG")

TOOLS = [
    {"name": "hello", "description": "Says hello", "inputSchema": {"type": "object"}},
    {"name": "fail", "description": "Always fails", "inputSchema": {"type": "object"}},
    {"name": "sleep", "description": "Sleeps", "inputSchema": {"type": "object",
     "properties": {"ms": {"type": "number"}}}},
]
APPROVE = [{"name": "approve", "description": "Decides permission prompts",
            "inputSchema": {"type": "object", "properties": {"tool_name": {"type": "string"},
                            "input": {"type": "object"}, "tool_use_id": {"type": "string"}},
                            "required": ["tool_name", "input"]}}]


def send(message):
    if MODE == "noise":
        sys.stdout.write("this line is not JSON\n\n[1, 2\n")
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def result(id_, value):
    send({"jsonrpc": "2.0", "id": id_, "result": value})


def text(value, is_error=False):
    out = {"content": [{"type": "text", "text": value}]}
    if is_error:
        out["isError"] = True
    return out


def call_tool(id_, params):
    name = params.get("name")
    args = params.get("arguments") or {}
    if MODE == "crash-call":
        sys.stderr.write("tiny_server: crashing on purpose\n")
        sys.stderr.flush()
        os._exit(3)
    if MODE == "hang-call":
        return
    if name == "hello":
        result(id_, text("Hello from tiny_server (" + MODE + ")"))
    elif name == "fail":
        result(id_, text("it failed on purpose", is_error=True))
    elif name == "sleep":
        time.sleep(float(args.get("ms", 0)) / 1000)
        result(id_, text("slept"))
    elif name == "approve":
        asked = args.get("input", {})
        if "allow" in json.dumps(asked):
            changed = dict(asked)
            changed["changed"] = True
            decision = {"behavior": "allow", "updatedInput": changed}
        else:
            decision = {"behavior": "deny", "message": "tiny_server says no to " + args.get("tool_name", "?")}
        result(id_, text(json.dumps(decision)))
    else:
        send({"jsonrpc": "2.0", "id": id_, "error": {"code": -32602, "message": "Unknown tool: " + str(name)}})


def main():
    if MODE == "children":
        for _ in range(2):
            subprocess.Popen(["sleep", ARG or "300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    for line in sys.stdin:
        if LOG:
            with open(LOG, "a") as f:
                f.write(line)
        line = line.strip()
        if not line:
            continue
        m = json.loads(line)
        method, id_ = m.get("method"), m.get("id")
        if method == "initialize":
            if MODE == "hang-init":
                continue
            if MODE == "slow-init":
                time.sleep(int(ARG) / 1000)
            result(id_, {"protocolVersion": m["params"]["protocolVersion"],
                         "capabilities": {"tools": {}},
                         "serverInfo": {"name": "tiny_server", "version": "1"}})
        elif method == "tools/list":
            result(id_, {"tools": APPROVE if MODE == "approve" else TOOLS})
        elif method == "tools/call":
            call_tool(id_, m.get("params", {}))
        elif method == "ping":
            result(id_, {})
        elif id_ is not None and method is not None:
            send({"jsonrpc": "2.0", "id": id_, "error": {"code": -32601, "message": "Method not found"}})


if __name__ == "__main__":
    main()
