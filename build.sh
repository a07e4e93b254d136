#!/usr/bin/env bash
# Build helper for claude-runner. Usage:
#   ./build.sh demo   install dependencies, build, and run a replayed demo session (no API key)
#   ./build.sh test   install dependencies, build, and run every test
#   ./build.sh build  install dependencies and build only
# Works on a fresh Debian 12 machine (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}

APT_PACKAGES=(g++ cmake ninja-build pkg-config ccache git python3
  libcurl4-openssl-dev libyaml-cpp-dev rapidjson-dev libcli11-dev libgit2-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libpcre2-dev libssl-dev)

log() { printf '==> %s\n' "$*" >&2; }

install_deps() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then return; fi
  log "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
}

build() {
  install_deps
  log "configuring and building in $BUILD_DIR"
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  fi
  ninja -C "$BUILD_DIR" >&2
}

demo() {
  build
  local repo="$BUILD_DIR/demo-repo"
  rm -rf "$repo" && mkdir -p "$repo"
  cp -r "$ROOT/tests/fixtures/sample-repo/." "$repo/"
  git -C "$repo" init -q && git -C "$repo" add -A &&
    git -C "$repo" -c user.name=demo -c user.email=demo@example.com commit -qm "sample" &&
    log "sample repository: $repo"
  log "running: claude-runner -p 'Fix the greeting typo in greet.py' --replay tests/fixtures/replay/demo.json --permission-mode acceptEdits"
  (cd "$repo" && CLAUDE_CONFIG_DIR="$BUILD_DIR/demo-config" "$BUILD_DIR/claude-runner" \
    -p "Fix the greeting typo in greet.py" \
    --replay "$ROOT/tests/fixtures/replay/demo.json" --permission-mode acceptEdits)
  log "the change the session made:"
  git -C "$repo" --no-pager diff >&2
}

# Installs one test peer directory's pinned npm packages when its lock changed.
npm_peer() {
  local dir="$ROOT/$1" what="$2"
  shift 2
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing $what (npm ci in ${dir#"$ROOT"/})"
    (cd "$dir" && npm ci "$@" --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Node.js, the pinned Agent SDK for tests/sdk (the official SDK driving claude-runner) and the
# pinned MCP SDK for tests/mcp-serve (the official MCP client talking to `claude-runner mcp serve`),
# the official MCP servers for tests/mcp (the MCP end-to-end suite), and for tests/mcp-http
# server-everything, the MCP conformance suite and the Node 22 it needs; for tests/github the real
# GitHub webhook payloads (@octokit/webhooks-examples) read by integrations/github's tests, and
# Prism with GitHub's OpenAPI description (@octokit/openapi) for tests/github_e2e.
install_test_peers() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "installing: nodejs npm"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
      nodejs npm >&2
  fi
  npm_peer tests/sdk "the Agent SDK" --omit=optional
  npm_peer tests/mcp-serve "the MCP SDK client"
  npm_peer tests/mcp "the official MCP servers" --omit=optional
  npm_peer tests/mcp-http "the MCP HTTP test peers (server-everything, conformance, Node 22)"
  npm_peer tests/github "the GitHub webhook examples, Prism and GitHub's OpenAPI description"
}

run_tests() {
  install_test_peers
  build
  log "running tests"
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 300
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  build) build ;;
  *) echo "usage: $0 demo|test|build" >&2; exit 2 ;;
esac
