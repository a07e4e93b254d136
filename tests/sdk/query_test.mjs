// The official Agent SDK (@anthropic-ai/claude-agent-sdk) driving claude-runner as its executable,
// against the scripted Messages API server. Run by ctest (tests/sdk/CMakeLists.txt) with
// CLAUDE_RUNNER_BIN and FAKE_API_BIN set; see tests/sdk/README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { query } from '@anthropic-ai/claude-agent-sdk';

const RUNNER = process.env.CLAUDE_RUNNER_BIN;
const FAKE_API = process.env.FAKE_API_BIN;
if (!RUNNER || !FAKE_API) throw new Error('set CLAUDE_RUNNER_BIN and FAKE_API_BIN');

/// A scratch project, config dir and a scripted server playing `turns`.
async function setUp(t, turns) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-sdk-'));
  const project = path.join(root, 'project');
  const config = path.join(root, 'config');
  fs.mkdirSync(project);
  fs.mkdirSync(config);
  const script = path.join(root, 'script.json');
  if (typeof turns === 'function') turns = turns(project);
  fs.writeFileSync(script, JSON.stringify({ model: 'claude-sonnet-4-5', turns }));
  const portFile = path.join(root, 'port');
  const requests = path.join(root, 'requests.jsonl');
  const server = spawn(FAKE_API, ['--script', script, '--port', '0', '--port-file', portFile,
                                  '--requests-log', requests], { stdio: 'ignore' });
  t.after(() => {
    server.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });
  let port = '';
  for (let i = 0; i < 200 && !port; ++i) {
    await new Promise((r) => setTimeout(r, 25));
    if (fs.existsSync(portFile)) port = fs.readFileSync(portFile, 'utf8').trim();
  }
  assert.ok(port, 'the scripted server did not start');
  const env = {
    PATH: process.env.PATH,
    HOME: root,
    CLAUDE_CONFIG_DIR: config,
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
    ANTHROPIC_API_KEY: 'sk-test',
  };
  const requestBodies = () =>
    fs.existsSync(requests)
      ? fs.readFileSync(requests, 'utf8').trim().split('\n').filter(Boolean)
          .map((l) => JSON.parse(l).body)
      : [];
  return { project, env, requestBodies, stderr: [] };
}

async function collect(q) {
  const messages = [];
  for await (const m of q) messages.push(m);
  return messages;
}

function baseOptions(s) {
  return {
    pathToClaudeCodeExecutable: RUNNER,
    cwd: s.project,
    env: s.env,
    stderr: (line) => s.stderr.push(line),
  };
}

test('a plain prompt streams init, the answer and a success result', async (t) => {
  const s = await setUp(t, [
    { content: [{ type: 'text', text: 'Hello from the script.' }], stop_reason: 'end_turn' },
  ]);
  const messages = await collect(query({ prompt: 'Say hello', options: baseOptions(s) }));
  const init = messages.find((m) => m.type === 'system' && m.subtype === 'init');
  assert.ok(init, 'no system/init message');
  assert.equal(init.cwd, s.project);
  const result = messages.at(-1);
  assert.equal(result.type, 'result');
  assert.equal(result.subtype, 'success', JSON.stringify(result) + s.stderr.join(''));
  assert.equal(result.result, 'Hello from the script.');
  assert.equal(s.requestBodies().length, 1);
});

test('canUseTool decides an undecided call and a PreToolUse hook callback sees every call',
     async (t) => {
  const s = await setUp(t, [
    { content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash',
                  input: { command: 'echo allowed > allowed.txt', description: 'write' } }],
      stop_reason: 'tool_use' },
    { content: [{ type: 'tool_use', id: 'toolu_2', name: 'Bash',
                  input: { command: 'echo denied > denied.txt', description: 'write' } }],
      stop_reason: 'tool_use' },
    { content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' },
  ]);
  const asked = [];
  const hookInputs = [];
  const options = {
    ...baseOptions(s),
    canUseTool: async (toolName, input, { toolUseID }) => {
      asked.push({ toolName, command: input.command, toolUseID });
      if (input.command.includes('denied')) {
        return { behavior: 'deny', message: 'The SDK host said no.' };
      }
      return { behavior: 'allow', updatedInput: input };
    },
    hooks: {
      PreToolUse: [{
        matcher: 'Bash',
        hooks: [async (input, toolUseID) => {
          hookInputs.push({ event: input.hook_event_name, tool: input.tool_name, toolUseID,
                            session: input.session_id });
          return { continue: true };
        }],
      }],
    },
  };
  const messages = await collect(query({ prompt: 'Write two files', options }));
  const result = messages.at(-1);
  assert.equal(result.type, 'result');
  assert.equal(result.subtype, 'success', JSON.stringify(result) + s.stderr.join(''));
  assert.deepEqual(asked.map((a) => a.toolUseID), ['toolu_1', 'toolu_2']);
  assert.deepEqual(hookInputs.map((h) => [h.event, h.tool, h.toolUseID]),
                   [['PreToolUse', 'Bash', 'toolu_1'], ['PreToolUse', 'Bash', 'toolu_2']]);
  assert.equal(hookInputs[0].session, result.session_id);
  assert.equal(fs.readFileSync(path.join(s.project, 'allowed.txt'), 'utf8'), 'allowed\n');
  assert.ok(!fs.existsSync(path.join(s.project, 'denied.txt')));
  assert.equal(result.permission_denials.length, 1);
  assert.equal(result.permission_denials[0].tool_use_id, 'toolu_2');
  // The model saw the host's reason for the denial.
  const last = JSON.stringify(s.requestBodies().at(-1));
  assert.ok(last.includes('The SDK host said no.'), last);
});

test('a hook callback can deny a call with a reason the model sees', async (t) => {
  const s = await setUp(t, [
    { content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash',
                  input: { command: 'rm -rf build', description: 'clean' } }],
      stop_reason: 'tool_use' },
    { content: [{ type: 'text', text: 'Understood.' }], stop_reason: 'end_turn' },
  ]);
  const options = {
    ...baseOptions(s),
    permissionMode: 'bypassPermissions',
    allowDangerouslySkipPermissions: true,
    hooks: {
      PreToolUse: [{
        hooks: [async () => ({
          hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny',
                                permissionDecisionReason: 'No deleting in CI.' },
        })],
      }],
    },
  };
  s.env.IS_SANDBOX = '1';
  const messages = await collect(query({ prompt: 'Clean up', options }));
  const result = messages.at(-1);
  assert.equal(result.subtype, 'success', JSON.stringify(result) + s.stderr.join(''));
  const last = JSON.stringify(s.requestBodies().at(-1));
  assert.ok(last.includes('No deleting in CI.'), last);
});

test('streaming input: setPermissionMode and a second turn in one session', async (t) => {
  const s = await setUp(t, (project) => [
    { content: [{ type: 'text', text: 'First answer.' }], stop_reason: 'end_turn' },
    { content: [{ type: 'tool_use', id: 'toolu_1', name: 'Write',
                  input: { file_path: path.join(project, 'notes.txt'), content: 'x\n' } }],
      stop_reason: 'tool_use' },
    { content: [{ type: 'text', text: 'Second answer.' }], stop_reason: 'end_turn' },
  ]);

  let release;
  const secondTurn = new Promise((r) => { release = r; });
  async function* prompts() {
    yield { type: 'user', message: { role: 'user', content: 'one' }, parent_tool_use_id: null,
            session_id: '' };
    await secondTurn;
    yield { type: 'user', message: { role: 'user', content: 'two' }, parent_tool_use_id: null,
            session_id: '' };
  }
  const q = query({ prompt: prompts(), options: baseOptions(s) });
  const results = [];
  for await (const m of q) {
    if (m.type !== 'result') continue;
    results.push(m);
    if (results.length === 1) {
      await q.setPermissionMode('acceptEdits');
      release();
    } else {
      break;
    }
  }
  assert.equal(results.length, 2, s.stderr.join(''));
  assert.equal(results[0].result, 'First answer.');
  assert.equal(results[1].result, 'Second answer.');
  assert.equal(results[1].permission_denials.length, 0, JSON.stringify(results[1]));
  assert.equal(fs.readFileSync(path.join(s.project, 'notes.txt'), 'utf8'), 'x\n');
});

/// Streams prompts one at a time: the next is released when `release()` is called.
function promptQueue(texts) {
  let release;
  let gate = new Promise((r) => { release = r; });
  const next = () => { const r = release; gate = new Promise((res) => { release = res; }); r(); };
  async function* gen() {
    for (let i = 0; i < texts.length; ++i) {
      if (i > 0) await gate;
      yield { type: 'user', message: { role: 'user', content: texts[i] }, parent_tool_use_id: null,
              session_id: '' };
    }
  }
  return { prompts: gen(), next };
}

test('initialize carries system prompt and agents; setModel switches the next request',
     async (t) => {
  const s = await setUp(t, [
    { content: [{ type: 'text', text: 'One.' }], stop_reason: 'end_turn' },
    { content: [{ type: 'text', text: 'Two.' }], stop_reason: 'end_turn' },
  ]);
  fs.mkdirSync(path.join(s.project, '.claude', 'commands'), { recursive: true });
  fs.writeFileSync(path.join(s.project, '.claude', 'commands', 'review-pr.md'),
                   '---\ndescription: Review a PR\n---\nReview PR $ARGUMENTS.\n');
  const { prompts, next } = promptQueue(['one', '/review-pr 12']);
  const q = query({
    prompt: prompts,
    options: {
      ...baseOptions(s),
      systemPrompt: 'You are the CI reviewer.',
      agents: { reviewer: { description: 'Reviews diffs', prompt: 'Review the diff.' } },
    },
  });
  const results = [];
  for await (const m of q) {
    if (m.type !== 'result') continue;
    results.push(m);
    if (results.length === 1) {
      const agents = await q.supportedAgents();
      assert.ok(agents.some((a) => a.name === 'reviewer' && a.description === 'Reviews diffs'),
                JSON.stringify(agents));
      const commands = await q.supportedCommands();
      assert.ok(commands.some((c) => c.name === 'review-pr'), JSON.stringify(commands));
      await q.setModel('claude-opus-4-1');
      await assert.rejects(q.getContextUsage(), /does not support the control request/);
      next();
    } else {
      break;
    }
  }
  assert.equal(results.length, 2, s.stderr.join(''));
  const bodies = s.requestBodies();
  assert.equal(bodies[0].system[0].text, 'You are the CI reviewer.');
  const task = bodies[0].tools.find((tool) => tool.name === 'Task');
  assert.ok(task && task.description.includes('reviewer'), 'the Task tool lists the agent');
  assert.notEqual(bodies[0].model, 'claude-opus-4-1');
  assert.equal(bodies[1].model, 'claude-opus-4-1');
  // The second prompt was a custom slash command, expanded before it reached the model.
  assert.ok(JSON.stringify(bodies[1].messages).includes('Review PR 12.'),
            JSON.stringify(bodies[1].messages));
});

test('interrupt ends the running turn and the session takes the next one', async (t) => {
  const s = await setUp(t, [
    { content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash',
                  input: { command: 'sleep 30', description: 'wait' } }],
      stop_reason: 'tool_use' },
    { content: [{ type: 'text', text: 'After the interrupt.' }], stop_reason: 'end_turn' },
  ]);
  const { prompts, next } = promptQueue(['start waiting', 'carry on']);
  const q = query({ prompt: prompts, options: { ...baseOptions(s), allowedTools: ['Bash'] } });
  const results = [];
  let interrupted = false;
  for await (const m of q) {
    if (m.type === 'assistant' && !interrupted &&
        m.message.content.some((b) => b.type === 'tool_use')) {
      interrupted = true;
      setTimeout(() => q.interrupt(), 300);  // let the command start
    }
    if (m.type !== 'result') continue;
    results.push(m);
    if (results.length === 1) next(); else break;
  }
  assert.equal(results.length, 2, s.stderr.join(''));
  assert.equal(results[0].subtype, 'error_during_execution', JSON.stringify(results[0]));
  assert.ok(results[0].duration_ms < 25000, 'the sleep was stopped');
  assert.equal(results[1].subtype, 'success');
  assert.equal(results[1].result, 'After the interrupt.');
});
