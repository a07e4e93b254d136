// The official MCP TypeScript SDK client (@modelcontextprotocol/sdk) talking to
// `claude-runner mcp serve` over stdio. Run by ctest (tests/mcp-serve/CMakeLists.txt) with
// CLAUDE_RUNNER_BIN set; see tests/mcp-serve/README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

if (!process.env.CLAUDE_RUNNER_BIN) throw new Error('set CLAUDE_RUNNER_BIN');
const RUNNER = path.resolve(process.env.CLAUDE_RUNNER_BIN);  // the server starts in another cwd

/// A scratch project directory (the server's working directory) and a directory beside it.
function scratch(t) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runner-mcp-serve-')));
  const project = path.join(root, 'project');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(project);
  fs.mkdirSync(outside);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  return { root, project, outside };
}

/// An SDK client connected to `claude-runner mcp serve` started in `cwd`.
async function connect(t, cwd, args = []) {
  const transport = new StdioClientTransport({
    command: RUNNER,
    args: ['mcp', 'serve', ...args],
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd },
    stderr: 'pipe',
  });
  const stderr = [];
  transport.stderr.on('data', (d) => stderr.push(d.toString()));
  const client = new Client({ name: 'claude-runner-test', version: '1.0.0' });
  await client.connect(transport);
  t.after(() => client.close());
  return { client, transport, stderr };
}

test('the SDK client initializes, lists the tools and reads a file', async (t) => {
  const dirs = scratch(t);
  const file = path.join(dirs.project, 'notes.txt');
  fs.writeFileSync(file, 'alpha\nbeta\n');
  const { client, stderr } = await connect(t, dirs.project);

  assert.equal(client.getServerVersion().name, 'claude-runner');
  assert.match(client.getServerVersion().version, /^\d+\.\d+\.\d+/);
  assert.ok(client.getServerCapabilities().tools, 'no tools capability');
  assert.match(client.getInstructions(), /claude-runner/);

  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  for (const name of ['Bash', 'Read', 'Write', 'Edit', 'Glob', 'Grep', 'LS']) {
    assert.ok(names.includes(name), `${name} missing from ${names}`);
  }
  for (const name of ['Task', 'WebFetch', 'TodoWrite']) assert.ok(!names.includes(name), `${name} served`);
  const read = tools.find((tool) => tool.name === 'Read');
  assert.equal(read.inputSchema.type, 'object');
  assert.deepEqual(read.inputSchema.required, ['file_path']);
  assert.equal(read.annotations.readOnlyHint, true);

  const result = await client.callTool({ name: 'Read', arguments: { file_path: file } });
  assert.deepEqual(result, { content: [{ type: 'text', text: '     1\talpha\n     2\tbeta' }] });
  assert.equal(stderr.join(''), '');
});

test('the tools work together: Write, Edit, Bash and Grep in the working directory', async (t) => {
  const dirs = scratch(t);
  const { client } = await connect(t, dirs.project);
  const file = path.join(dirs.project, 'greet.py');
  const wrote = await client.callTool({ name: 'Write', arguments: { file_path: file, content: 'print("helo")\n' } });
  assert.equal(wrote.isError, undefined, JSON.stringify(wrote));
  await client.callTool({ name: 'Read', arguments: { file_path: file } });
  const edited = await client.callTool({
    name: 'Edit', arguments: { file_path: file, old_string: 'helo', new_string: 'hello' } });
  assert.equal(edited.isError, undefined, JSON.stringify(edited));
  const ran = await client.callTool({ name: 'Bash', arguments: { command: 'cat greet.py' } });
  assert.deepEqual(ran.content, [{ type: 'text', text: 'print("hello")' }]);
  const found = await client.callTool({
    name: 'Grep', arguments: { pattern: 'hello', output_mode: 'files_with_matches' } });
  assert.match(found.content[0].text, /greet\.py/);
});

test('errors: a failing tool is an error result, an unknown tool a protocol error', async (t) => {
  const dirs = scratch(t);
  const secret = path.join(dirs.outside, 'secret.txt');
  fs.writeFileSync(secret, 'key\n');
  const { client } = await connect(t, dirs.project);

  const missing = await client.callTool({
    name: 'Read', arguments: { file_path: path.join(dirs.project, 'nope.txt') } });
  assert.equal(missing.isError, true);
  assert.match(missing.content[0].text, /does not exist/);
  assert.doesNotMatch(missing.content[0].text, /tool_use_error/);

  const refused = await client.callTool({ name: 'Read', arguments: { file_path: secret } });
  assert.equal(refused.isError, true);
  assert.match(refused.content[0].text, /outside the directories this server may reach/);

  await assert.rejects(client.callTool({ name: 'Task', arguments: {} }),
                       (e) => e.code === -32602 && /Unknown tool: Task/.test(e.message));
});

test('--add-dir and --tools widen the reach and narrow the tool list', async (t) => {
  const dirs = scratch(t);
  const shared = path.join(dirs.outside, 'shared.txt');
  fs.writeFileSync(shared, 'shared\n');
  const { client } = await connect(t, dirs.project, ['--add-dir', dirs.outside, '--tools', 'Read,Glob']);
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ['Glob', 'Read']);
  const result = await client.callTool({ name: 'Read', arguments: { file_path: shared } });
  assert.deepEqual(result.content, [{ type: 'text', text: '     1\tshared' }]);
});

test('the server exits by itself when the client closes', async (t) => {
  const dirs = scratch(t);
  const { client, transport } = await connect(t, dirs.project);
  await client.ping();
  // The transport's child process (private in the SDK): we want its exit status.
  const child = transport._process;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const start = Date.now();
  await client.close();
  const { code, signal } = await exited;
  // Exit 0 on end of input, before the SDK's 2 s grace that precedes SIGTERM.
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
  assert.ok(Date.now() - start < 1900, `took ${Date.now() - start} ms to exit`);
});

/// The server spoken to line by line, without the SDK (for what a well-behaved client never sends).
function rawServer(t, cwd) {
  const child = spawn(RUNNER, ['mcp', 'serve'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  const waiting = [];
  const lines = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line));
    waiting.splice(0).forEach((w) => w());
  });
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exit,
    send: (text) => child.stdin.write(text + '\n'),
    async next() {
      while (lines.length === 0) await new Promise((r) => waiting.push(r));
      return lines.shift();
    },
  };
}

test('raw JSON-RPC: parse errors, unknown methods, and SIGTERM ends a running call with 143', async (t) => {
  const dirs = scratch(t);
  const s = rawServer(t, dirs.project);
  s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
                          params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {},
                                    clientInfo: { name: 'raw', version: '0' } } }));
  assert.equal((await s.next()).result.protocolVersion, LATEST_PROTOCOL_VERSION);
  s.send('{"jsonrpc":"2.0","id":2,');
  const parseError = await s.next();
  assert.equal(parseError.id, null);
  assert.equal(parseError.error.code, -32700);
  s.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'prompts/list' }));
  assert.deepEqual(await s.next(),
                   { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found: prompts/list' } });
  s.send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call',
                          params: { name: 'Bash', arguments: { command: 'sleep 30' } } }));
  s.send(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'ping' }));
  assert.deepEqual(await s.next(), { jsonrpc: '2.0', id: 5, result: {} });
  s.child.kill('SIGTERM');
  assert.deepEqual(await s.exit, { code: 143, signal: null });
});
