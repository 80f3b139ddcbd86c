// Redaction in the CLI end to end: stdout, stderr, --json, the curl command and a live stream in a terminal, against
// a server that echoes every secret it receives (moved out of redact.test.ts).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CaptureServer, CapturedHttpRequest, startCaptureServer } from '../support/captureServer';
import { CLI, runCli } from '../support/runCli';
import { assertClean, COOKIE, FOREIGN, GATEWAY, KEY, PASSWORD } from '../support/redactSecrets';

/** A server that echoes every secret it received, in each way a hostile or careless server might. */
function echoingServer(): Promise<CaptureServer> {
  return startCaptureServer((request: CapturedHttpRequest, res: ServerResponse) => {
    const got = `${request.headers.authorization} ${request.headers['x-api-key'] ?? ''} ${request.headers['x-gateway-token']} ${request.headers.cookie}`;
    const echoes = `${got} ${KEY.slice(0, 14)}… https://admin:${PASSWORD}@proxy.example ${FOREIGN}`;
    const headers = { 'request-id': 'req_echo', 'set-cookie': `sid=${COOKIE}` };
    if (request.url.startsWith('/error')) {
      res.writeHead(401, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid credentials: ${echoes}` } }));
      return;
    }
    const streamed = request.body.toString().includes('"stream":true');
    const message = { id: 'msg_echo', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [{ type: 'text', text: echoes }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
    if (!streamed) {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(message));
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
    const event = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    event('message_start', { message: { ...message, content: [], stop_reason: null } });
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    // Deltas of 3 characters: every secret is cut between events.
    for (let i = 0; i < echoes.length; i += 3) {
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: echoes.slice(i, i + 3) } });
    }
    event('content_block_stop', { index: 0 });
    event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } });
    event('message_stop', {});
    res.end();
  });
}

describe('redaction in the CLI, end to end', function () {
  this.timeout(60000);
  let server: CaptureServer;
  let dir: string;
  let file: string;
  const env = () => ({
    PATH: process.env.PATH,
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_CUSTOM_HEADERS: `x-gateway-token: ${GATEWAY}\ncookie: ${COOKIE}`,
  });

  before(async function () {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)');
    server = await echoingServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-redact-'));
    file = path.join(dir, 'hello.claude.json');
    fs.writeFileSync(file, '{"max_tokens": 16, "messages": [{"role": "user", "content": "hello"}]}');
  });
  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env(), ...extraEnv } });

  for (const [label, args, base] of [
    ['send (text), answer echoing every secret', ['send'], ''],
    ['send --json, answer echoing every secret', ['send', '--json'], ''],
    ['send --stream --json, secrets cut between events', ['send', '--stream', '--json'], ''],
    ['send --stream (text), secrets cut between events', ['send', '--stream'], ''],
    ['send, error echoing every secret (stderr)', ['send'], '/error'],
    ['send --json, error echoing every secret', ['send', '--json'], '/error'],
    ['count, error echoing every secret', ['count'], '/error'],
    ['curl', ['curl'], ''],
  ] as const) {
    it(`${label}: no secret in stdout or stderr`, async () => {
      // curl sends nothing, so it takes no retry option (the CLI refuses options that do not apply).
      const retries = args[0] === 'curl' ? [] : ['--max-retries', '0'];
      const run = await cli([...args, file, '--base-url', `${server.url}${base}`, ...retries]);
      assertClean(run.stdout + run.stderr, label);
      assert.ok(run.stdout.length + run.stderr.length > 0, 'something was printed');
      if (base === '') {
        assert.equal(run.code, 0, run.stderr);
      }
    });
  }

  it('a base URL with credentials is masked in every message', async () => {
    const run = await cli(['send', file, '--base-url', `http://admin:${PASSWORD}@127.0.0.1:9`, '--max-retries', '0']);
    assert.notEqual(run.code, 0);
    assertClean(run.stdout + run.stderr, 'userinfo base URL');
  });

  it('a live stream in a terminal (a pty, via script) is masked even when secrets are cut between events', async function () {
    const script = '/usr/bin/script';
    if (!fs.existsSync(script)) {
      this.skip(); // util-linux's script gives the CLI a terminal; without it the live path cannot be reached.
    }
    const command = `${process.execPath} ${CLI} send --stream ${file} --base-url ${server.url} --max-retries 0`;
    const { stdout } = await promisify(execFile)(script, ['-qec', command, '/dev/null'], { env: env(), timeout: 30000 });
    assert.match(stdout, /sk-ant-\*\*\*/, 'the live text was printed');
    assertClean(stdout, 'live stream in a terminal');
  });

  it('refuses a custom header the wire cannot carry, naming it, before anything is sent', async () => {
    const before = server.requests.length;
    for (const command of ['send', 'curl', 'count']) {
      const run = await cli([command, file, '--base-url', server.url], { ANTHROPIC_CUSTOM_HEADERS: `x-team: caf\u00e9 \u20ac 1\nx-fine: ok` });
      assert.equal(run.code, 2, `${command}: ${run.stderr}`);
      assert.match(run.stderr, /header "x-team" \(from ANTHROPIC_CUSTOM_HEADERS\) cannot be sent as written: .*U\+20AC/);
    }
    assert.equal(server.requests.length, before, 'nothing was sent');
  });
});
