// `claude-inspector compare` as a user runs it, against the stand-in over real HTTP: the table, the JSON and its
// medians, a failing model among good ones (unknown, or slow then failing mid-stream), the concurrency bound as the
// stand-in saw it, rate limits announced (one model limited while the others go on), the medians against the
// stand-in's own log of what it sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { CLI, runCli } from '../support/runCli';

const KEY = ['sk', 'ant', 'fake', 'compare', 'test', 'key', 'not', 'real', '000000'].join('-');

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { env, secret: KEY });

/** The median as a statistics textbook has it, written apart from the product's. */
function textbookMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

interface JsonRun {
  run: number;
  status: string;
  stopReason: string | null;
  headersMs: number | null;
  firstTokenMs: number | null;
  totalMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  error?: string;
}
interface JsonModel {
  model: string;
  runs: JsonRun[];
  median: Record<string, number | null>;
  stopReasons: Record<string, number>;
}

describe('CLI compare', function () {
  this.timeout(60000);
  let standIn: StandIn;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let request: string;

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)');
    // A tenth of the families' pace: Haiku, Sonnet and Opus differ, and runs overlap long enough to be counted.
    standIn = await startStandIn({ apiKey: KEY, latency: 0.1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-compare-'));
    env = { ANTHROPIC_API_KEY: KEY };
    request = path.join(dir, 'ask.claude.json');
    fs.writeFileSync(request, '{\n  "model": "claude-opus-5-5", // not used: --models decides\n  "messages": [{"role": "user", "content": "Which model is faster?"}]\n}\n');
  });
  beforeEach(() => standIn.reset());
  after(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const runs of [2, 3]) {
    it(`--json: every run as sent, and the medians of ${runs} runs (${runs % 2 ? 'odd' : 'even'}) computed right`, async () => {
      const models = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
      const out = await cli(['compare', request, '--models', models.join(','), '--runs', String(runs), '--base-url', standIn.url, '--json'], env);
      assert.equal(out.code, 0, out.stderr);
      const json = JSON.parse(out.stdout) as { models: JsonModel[]; runsPerModel: number };
      assert.deepEqual(json.models.map((m) => m.model), models);
      assert.equal(json.runsPerModel, runs);
      // What went out: each model, each run, streamed.
      const sent = standIn.requests.filter((r) => r.path === '/v1/messages').map((r) => r.json as { model: string; stream: boolean });
      assert.equal(sent.length, models.length * runs);
      for (const model of models) {
        assert.equal(sent.filter((body) => body.model === model && body.stream === true).length, runs);
      }
      for (const m of json.models) {
        assert.equal(m.runs.length, runs);
        assert.deepEqual(m.runs.map((r) => r.run), Array.from({ length: runs }, (_, i) => i + 1));
        for (const r of m.runs) {
          assert.equal(r.status, 'ok');
          assert.equal(r.stopReason, 'end_turn');
          assert.ok(r.headersMs! > 0 && r.firstTokenMs! >= r.headersMs! && r.totalMs! >= r.firstTokenMs!, JSON.stringify(r));
          assert.ok(r.outputTokens! > 0 && r.inputTokens! > 0 && r.costUsd! > 0);
          assert.ok(!('error' in r));
        }
        for (const figure of ['headersMs', 'firstTokenMs', 'totalMs', 'outputTokens', 'inputTokens', 'costUsd'] as const) {
          const expected = textbookMedian(m.runs.map((r) => r[figure] as number));
          assert.ok(Math.abs((m.median[figure] as number) - expected) < 1e-9, `${m.model} median ${figure}: ${m.median[figure]} vs ${expected}`);
        }
        assert.deepEqual(m.stopReasons, { end_turn: runs });
      }
      // The stand-in's families: Haiku briefest, Opus longest. (Their timings differ too, but a loaded machine's
      // noise can outweigh a tenth of their pace, so the order of times is not asserted here.)
      const medianOf = (model: string, figure: string) => json.models.find((m) => m.model === model)!.median[figure] as number;
      assert.ok(medianOf('claude-haiku-5-5', 'outputTokens') < medianOf('claude-sonnet-5-5', 'outputTokens'));
      assert.ok(medianOf('claude-sonnet-5-5', 'outputTokens') < medianOf('claude-opus-5-5', 'outputTokens'));
    });
  }

  it('a failing model among good ones is reported with its errors, and the others go on (exit 0)', async () => {
    const out = await cli(['compare', request, '--models', 'claude-haiku-5-5,claude-no-such-model,claude-sonnet-5-5', '--runs', '3', '--base-url', standIn.url, '--json'], env);
    assert.equal(out.code, 0, out.stderr);
    const json = JSON.parse(out.stdout) as { models: JsonModel[] };
    const failing = json.models[1];
    assert.equal(failing.model, 'claude-no-such-model');
    assert.deepEqual(failing.runs.map((r) => r.status), ['failed', 'failed', 'failed']);
    for (const r of failing.runs) {
      assert.match(r.error!, /404 not_found_error: model: claude-no-such-model/);
      assert.equal(r.totalMs !== null && r.outputTokens === null, true);
    }
    assert.equal(failing.median.totalMs, null, 'no median from failed runs');
    assert.deepEqual([json.models[0], json.models[2]].map((m) => m.runs.every((r) => r.status === 'ok')), [true, true]);
  });

  it('the table: one row per model with medians, the best marked, errors counted and listed', async () => {
    const out = await cli(['compare', request, '--models', 'claude-opus-5-5,claude-haiku-5-5,claude-gone', '--runs', '2', '--base-url', standIn.url], env);
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.split('\n');
    assert.match(lines[0], /^model\s+ok\s+headers\s+first token\s+total\s+output tokens\s+speed\s+cost\/call\s+per 1,000\s+stop reasons\s+errors$/);
    const row = (model: string) => lines.find((l) => l.startsWith(`${model} `))!;
    assert.match(row('claude-opus-5-5'), /^claude-opus-5-5\s+2\/2\s+\d+ ms/);
    assert.match(row('claude-haiku-5-5'), /2\/2 .*end_turn ×2\s+0$/);
    assert.match(row('claude-gone'), /0\/2\s+–\s+–\s+–.*\s2$/);
    // Haiku is cheaper: its cost marked best; of the timings, one of the two models is (which one is the machine's say).
    const haiku = row('claude-haiku-5-5').split(/\s{2,}/);
    const opus = row('claude-opus-5-5').split(/\s{2,}/);
    assert.match(haiku[7], /\*$/, 'cost marked best');
    assert.doesNotMatch(opus[7], /\*$/);
    assert.ok([haiku[3], opus[3]].some((cell) => cell.endsWith('*')), 'first token: a best is marked');
    assert.match(out.stdout, /Errors:\n {2}claude-gone run 1: 404 not_found_error: model: claude-gone.*\n {2}claude-gone run 2: 404/);
  });

  it('exit 1 only when every model failed', async () => {
    const out = await cli(['compare', request, '--models', 'claude-x,claude-y', '--runs', '1', '--base-url', standIn.url], env);
    assert.equal(out.code, 1);
    assert.match(out.stdout, /claude-x\s+0\/1/);
  });

  for (const concurrency of [1, 2, 4]) {
    it(`never has more than --concurrency ${concurrency} runs out at once, as the stand-in sees it`, async () => {
      const out = await cli(['compare', request, '--models', 'claude-haiku-5-5,claude-sonnet-5-5,claude-opus-5-5', '--runs', '2', '--concurrency', String(concurrency), '--base-url', standIn.url, '--json'], env);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(standIn.requests.filter((r) => r.path === '/v1/messages').length, 6);
      // At most the bound, and the bound is used: six runs that each take tens of ms overlap up to it.
      assert.equal(standIn.maxInFlight, concurrency);
    });
  }

  it('a rate limit is waited out as the server asks, and said on stderr with the run it holds up', async () => {
    standIn.enqueue({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: 1 });
    const out = await cli(['compare', request, '--models', 'claude-haiku-5-5', '--runs', '1', '--base-url', standIn.url, '--json'], env);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /claude-haiku-5-5 run 1: 429 rate_limit_error, retrying in 1 s \(attempt 2 of 3\)/);
    const json = JSON.parse(out.stdout) as { models: JsonModel[] };
    assert.equal(json.models[0].runs[0].status, 'ok');
    assert.ok(json.models[0].runs[0].totalMs! >= 1000, 'the wait is part of the run');
  });

  /** The median of what the stand-in logged for a model's answers that went out whole (its own figures). */
  const loggedMedian = (model: string, figure: 'headersMs' | 'firstTokenMs' | 'totalMs' | 'inputTokens' | 'outputTokens') =>
    textbookMedian(standIn.sent.filter((s) => s.model === model && s.status === 200 && s.outputTokens !== undefined).map((s) => s[figure] as number));

  it('a model slow then failing mid-stream and a model rate-limited on its own, among good ones: the good ones finish, the others are reported, the waits said, the medians those of the stand-in\'s log', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'faults.claude.json');
    const text = 'Which model is faster? [[stand-in: slow-fail for claude-opus-5-5]] [[stand-in: rate-limit for claude-sonnet-5-5]]';
    fs.writeFileSync(file, JSON.stringify({ messages: [{ role: 'user', content: text }] }));
    const models = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1'];
    const out = await cli(['compare', file, '--models', models.join(','), '--runs', '3', '--concurrency', '4', '--base-url', standIn.url, '--json'], env);
    assert.equal(out.code, 0, out.stderr);
    const json = JSON.parse(out.stdout) as { models: JsonModel[] };
    const of = (model: string) => json.models.find((m) => m.model === model)!;
    // Slow, then failing: each run reported with the error that came mid-stream, after the late headers.
    for (const r of of('claude-opus-5-5').runs) {
      assert.equal(r.status, 'failed');
      assert.match(r.error!, /overloaded_error/);
      assert.ok(r.headersMs! >= 1000, `headers after ${r.headersMs} ms`);
    }
    // Rate-limited on its own: each run waited as asked, twice, said on stderr, then reported with the 429.
    for (const r of of('claude-sonnet-5-5').runs) {
      assert.equal(r.status, 'failed');
      assert.match(r.error!, /429 rate_limit_error/);
      for (const attempt of [2, 3]) {
        assert.match(out.stderr, new RegExp(`claude-sonnet-5-5 run ${r.run}: 429 rate_limit_error, retrying in 1 s \\(attempt ${attempt} of 3\\)`));
      }
    }
    assert.doesNotMatch(out.stderr, /claude-(haiku|opus|fable)-[\d-]+ run \d: .*retrying/, 'only the limited model waits');
    // The stand-in's own log: what it sent each model.
    const sent = (model: string) => standIn.sent.filter((s) => s.model === model);
    assert.deepEqual(sent('claude-sonnet-5-5').map((s) => `${s.status} ${s.errorType} ${s.retryAfter}`), Array(9).fill('429 rate_limit_error 1'), '3 runs × 3 attempts');
    assert.deepEqual(sent('claude-opus-5-5').map((s) => `${s.status} ${s.errorType}`), Array(3).fill('200 overloaded_error'));
    // The good ones finish, and their medians are the stand-in's: tokens exactly, times as the server sent them
    // plus the way there and back (never less, and not much more).
    for (const model of ['claude-haiku-5-5', 'claude-fable-5-1']) {
      const m = of(model);
      assert.deepEqual(m.runs.map((r) => r.status), ['ok', 'ok', 'ok']);
      assert.equal(sent(model).length, 3);
      for (const figure of ['inputTokens', 'outputTokens'] as const) {
        assert.equal(m.median[figure], loggedMedian(model, figure), `${model} ${figure}`);
      }
      for (const figure of ['headersMs', 'firstTokenMs', 'totalMs'] as const) {
        const client = m.median[figure] as number;
        const server = loggedMedian(model, figure);
        assert.ok(client >= server - 2 && client <= server + 400, `${model} median ${figure}: ${client} ms in the CLI, ${server} ms in the stand-in's log`);
      }
    }
  });

  it('a model rate-limited to one request a second: its runs wait their turn as the server asks and finish; the others are not held up', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'limited.claude.json');
    fs.writeFileSync(file, JSON.stringify({ messages: [{ role: 'user', content: 'Which queue? [[stand-in: rate-limit:1 for claude-sonnet-5-5]]' }] }));
    const out = await cli(['compare', file, '--models', 'claude-haiku-5-5,claude-sonnet-5-5', '--runs', '2', '--concurrency', '4', '--base-url', standIn.url, '--json'], env);
    assert.equal(out.code, 0, out.stderr);
    const json = JSON.parse(out.stdout) as { models: JsonModel[] };
    assert.deepEqual(json.models.map((m) => m.runs.map((r) => r.status)), [['ok', 'ok'], ['ok', 'ok']]);
    // Both Sonnet runs went out at once: one got in, the other was told to wait, said so, and finished after it.
    const waits = out.stderr.match(/claude-sonnet-5-5 run [12]: 429 rate_limit_error, retrying in 1 s \(attempt 2 of 3\)/g) ?? [];
    assert.equal(waits.length, 1, out.stderr);
    const waited = json.models[1].runs.find((r) => waits[0].includes(`run ${r.run}:`))!;
    assert.ok(waited.totalMs! >= 1000, `the wait is part of the run: ${waited.totalMs} ms`);
    assert.doesNotMatch(out.stderr, /claude-haiku-5-5 run/);
    assert.deepEqual(standIn.sent.filter((s) => s.model === 'claude-haiku-5-5').map((s) => s.status), [200, 200]);
    assert.equal(json.models[1].median.outputTokens, loggedMedian('claude-sonnet-5-5', 'outputTokens'));
  });

  for (const [args, message] of [
    [[], /compare needs --models A,B/],
    [['--models', 'a,,b'], /--models: model 2 of the list is empty/],
    [['--models', 'a,b,a'], /--models: a is named twice/],
    [['--models', 'a', '--runs', '0'], /--runs: the runs per model must be a whole number from 1 to 100 \(got 0\)/],
    [['--models', 'a', '--runs', 'three'], /--runs must be a whole number \(got "three"\)/],
    [['--models', 'a', '--runs', ' 2'], /--runs must be a whole number \(got " 2"\)/],
    [['--models', 'a', '--concurrency', '2 '], /--concurrency must be a whole number \(got "2 "\)/],
    [['--models', 'a', '--concurrency', '33'], /--concurrency: the concurrency must be a whole number from 1 to 32/],
    [['--models', 'a', '--model', 'b'], /--model is not an option of compare/],
  ] as [string[], RegExp][]) {
    it(`refuses ${args.join(' ') || 'no --models'} with exit 2, nothing sent`, async () => {
      const out = await cli(['compare', request, ...args, '--base-url', standIn.url], env);
      assert.equal(out.code, 2);
      assert.match(out.stderr, message);
      assert.equal(standIn.requests.length, 0);
    });
  }

  it('compare --help names every option', async () => {
    const out = await cli(['compare', '--help'], env);
    assert.equal(out.code, 0);
    for (const option of ['--models', '--runs', '--concurrency', '--json', '--base-url']) {
      assert.ok(out.stdout.includes(option), option);
    }
  });
});
