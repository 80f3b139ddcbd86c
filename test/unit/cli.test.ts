import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { CLI, runCli } from '../support/runCli';

const KEY = 'sk-ant-fake-cli-test-key-not-real-ABCDEFGHIJKLMNOPQRST';

/** Runs the built CLI as a user would, with only the environment given (plus PATH). */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) => runCli(args, { env, stdin, secret: KEY });

describe('CLI', function () {
  this.timeout(30000);
  let standIn: StandIn;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  const hello = () => file('hello.claude.json', '{\n  // a comment\n  "messages": [{"role": "user", "content": "Hello from the CLI"}]\n}\n');

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)');
    standIn = await startStandIn({ apiKey: KEY });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-cli-'));
    env = { ANTHROPIC_API_KEY: KEY };
  });
  beforeEach(() => standIn.reset());
  after(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('send --json prints one object: request, status, requestId, timing, response, curl', async () => {
    const run = await cli(['send', hello(), '--base-url', standIn.url, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out).slice(0, 4), ['request', 'status', 'requestId', 'timing']);
    assert.equal(out.request.method, 'POST');
    assert.equal(out.request.url, `${standIn.url}/v1/messages`);
    assert.equal(out.request.headers.authorization, 'Bearer $ANTHROPIC_API_KEY');
    assert.equal(out.request.body, standIn.requests[0].body, 'the body as it went on the wire');
    assert.equal(out.status, 200);
    assert.match(out.requestId, /^req_/);
    assert.ok(out.timing.headersMs >= 0 && out.timing.totalMs >= out.timing.headersMs);
    assert.equal(out.response.type, 'message');
    assert.match(out.response.content[0].text, /Hello from the CLI/);
    assert.match(out.curl, /^curl /);
    assert.ok(!('error' in out));
  });

  it('streams with --stream, or when the file says "stream": true, giving the accumulated message', async () => {
    for (const args of [['--stream'], []]) {
      const target = args.length ? hello() : file('s.claude.json', '{"stream": true, "messages": [{"role": "user", "content": "streamed"}]}');
      const run = await cli(['send', target, '--base-url', standIn.url, '--json', ...args], env);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout);
      assert.equal(JSON.parse(out.request.body).stream, true);
      assert.equal(out.response.type, 'message');
      assert.ok(out.response.content[0].text.length > 0);
      assert.ok(out.response.usage.output_tokens >= 1);
      assert.match(out.curl, /--no-buffer/);
    }
  });

  it('prints readable text without --json: the blocks, stop_reason, usage and the curl', async () => {
    const run = await cli(['send', hello(), '--base-url', standIn.url], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Hello from the CLI/);
    assert.match(run.stdout, /stop_reason: end_turn — Claude finished its answer naturally/);
    assert.match(run.stdout, /usage:\n {2}input_tokens: \d+/);
    assert.match(run.stdout, /curl:\ncurl '/);
  });

  it('exits 1 on an API error, with the request and the error object', async () => {
    standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' });
    const run = await cli(['send', hello(), '--base-url', standIn.url, '--json', '--max-retries', '0'], env);
    assert.equal(run.code, 1);
    const out = JSON.parse(run.stdout);
    assert.equal(out.request.method, 'POST');
    assert.deepEqual(
      { status: out.error.status, type: out.error.type, message: out.error.message },
      { status: 529, type: 'overloaded_error', message: 'Overloaded' },
    );
    assert.match(out.error.requestId, /^req_/);
  });

  it('exits 1 on a mid-stream error, keeping the partial answer', async () => {
    standIn.enqueue({ kind: 'stream', text: 'Partial answer that will break', errorAfterEvents: 4 });
    const run = await cli(['send', hello(), '--base-url', standIn.url, '--json', '--stream'], env);
    assert.equal(run.code, 1);
    const out = JSON.parse(run.stdout);
    assert.equal(out.error.type, 'overloaded_error');
    assert.equal(out.incomplete, true);
    assert.ok(out.response.content[0].text.length > 0);
  });

  it('exits 1 on a network error, naming the URL and the cause', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await cli(['send', hello(), '--base-url', `http://127.0.0.1:${port}`, '--max-retries', '0'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`Could not reach http://127\\.0\\.0\\.1:${port}/v1/messages: ECONNREFUSED`));
  });

  it('exits 2 on invalid JSON, naming file, line and column, and sends nothing', async () => {
    const bad = file('bad.claude.json', '{\n  "messages": [\n    {"role": "user", "content": "x"},,\n  ]\n}');
    const run = await cli(['send', bad, '--base-url', standIn.url], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:38: invalid JSON`));
    assert.equal(standIn.requests.length, 0);
  });

  it('exits 2 on a request without messages, naming the field', async () => {
    const run = await cli(['send', file('m.claude.json', '{"model": "claude-sonnet-5-5"}'), '--base-url', standIn.url], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /`messages` is missing/);
    assert.equal(standIn.requests.length, 0);
  });

  it('exits 2 on a missing file, bad usage, or no key, sending nothing', async () => {
    assert.match((await cli(['send', path.join(dir, 'nope.claude.json')], env)).stderr, /cannot read .*nope\.claude\.json: no such file/);
    assert.equal((await cli([], env)).code, 2);
    assert.equal((await cli(['launch', hello()], env)).code, 2);
    assert.equal((await cli(['send', hello(), '--bogus'], env)).code, 2);
    const noKey = await cli(['send', hello(), '--base-url', standIn.url], {});
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /ANTHROPIC_API_KEY is not set/);
    assert.equal(standIn.requests.length, 0);
  });

  it('reads the request from stdin with -', async () => {
    const run = await cli(['send', '-', '--base-url', standIn.url, '--json'], env, '{"messages": [{"role": "user", "content": "from stdin"}]}');
    assert.equal(run.code, 0, run.stderr);
    assert.match(JSON.parse(run.stdout).response.content[0].text, /from stdin/);
  });

  it('curl prints a command that bash runs to the same request', async () => {
    const run = await cli(['curl', hello(), '--base-url', standIn.url], {});
    assert.equal(run.code, 0, run.stderr);
    assert.equal(standIn.requests.length, 0, 'printing the curl sends nothing');
    const curl = run.stdout.trim();
    const { stdout } = await promisify(execFile)('bash', ['-c', `${curl} --silent`], { env: { ...process.env, ANTHROPIC_API_KEY: KEY } });
    assert.equal(JSON.parse(stdout).type, 'message');
    assert.equal(standIn.requests[0].headers.authorization, `Bearer ${KEY}`);
    const sent = await cli(['send', hello(), '--base-url', standIn.url, '--json'], env);
    assert.equal(standIn.requests[1].body, standIn.requests[0].body, 'curl and send put the same bytes on the wire');
    assert.equal(JSON.parse(sent.stdout).curl, curl, 'send prints the same curl');
  });

  it('curl says on stderr, and only then, that a body holding secret-shaped text is masked in the command', async () => {
    const masked = file('shaped.claude.json', '{"messages": [{"role": "user", "content": "why does https://admin:hunter2@db.example fail?"}]}');
    const run = await cli(['curl', masked, '--base-url', standIn.url], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^note: The body holds text shaped like a secret/);
    assert.ok(!run.stdout.includes('hunter2'));
    const clean = await cli(['curl', hello(), '--base-url', standIn.url], {});
    assert.equal(clean.stderr, '');
  });

  it('count prints the input tokens and the cost estimate', async () => {
    const run = await cli(['count', hello(), '--base-url', standIn.url, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.ok(out.input_tokens > 0);
    assert.equal(out.model, 'claude-sonnet-5-5');
    assert.ok(out.cost.ceilingUsd > out.cost.inputUsd);
    const body = JSON.parse(standIn.requests[0].body);
    assert.equal(standIn.requests[0].path, '/v1/messages/count_tokens');
    assert.equal(body.max_tokens, undefined, 'max_tokens is not sent to count_tokens');
    const text = await cli(['count', hello(), '--base-url', standIn.url], env);
    assert.match(text.stdout, /^\d+ input tokens of 1,000,000 \(\d+\.\d% of claude-sonnet-5-5's context window\)\nCost: \$/);
  });

  it('models lists every model across every page', async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: `claude-test-${String(i).padStart(3, '0')}`, display_name: `Test ${i}` }));
    const big = await startStandIn({ apiKey: KEY, models: many });
    try {
      const run = await cli(['models', '--base-url', big.url, '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout);
      assert.equal(out.count, 250);
      assert.equal(out.pages, 3);
      assert.deepEqual(new Set(out.models.map((m: { id: string }) => m.id)), new Set(many.map((m) => m.id)));
      const text = await cli(['models', '--base-url', big.url], env);
      assert.match(text.stdout, /claude-test-249/);
      assert.match(text.stdout, /250 models\n$/);
    } finally {
      await big.close();
    }
  });

  it('models exits 1 with the API error on a bad key', async () => {
    const run = await cli(['models', '--base-url', standIn.url], { ANTHROPIC_API_KEY: 'sk-ant-fake-wrong-0000000000000000' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /401 authentication_error/);
  });
});
