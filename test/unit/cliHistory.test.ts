// The CLI's history end to end, as a user runs it: the built CLI, real HTTP to the stand-in, a real folder. send
// --save (streamed and not, with API, mid-stream and network errors among the calls), history list|show|diff, the
// bounds, a damaged file, two CLIs saving at once, the errors a user can make, and no key in any stored byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StandIn, startStandIn } from '../../src/standIn/server';
import { CLI, type CliRun, runCli } from '../support/runCli';
import { closedPort } from '../support/closedPort';

/** A sentinel key, built so that no scanner takes it for a real one. */
const KEY = ['sk', 'ant', 'fake', 'history', 'cli', 'sentinel', Math.random().toString(36).slice(2, 12)].join('-');

const cli = (args: string[], env: NodeJS.ProcessEnv, stdin = '') => runCli(args, { env, stdin, secret: KEY });

describe('CLI history', function () {
  this.timeout(60_000);
  let standIn: StandIn;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let n = 0;
  const newFolder = () => path.join(dir, `history-${++n}`);
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  const request = (model: string, ask: string) => file(`${model}-${++n}.claude.json`, `{\n  // asked of ${model}\n  "model": "${model}", "max_tokens": 200,\n  "messages": [{"role": "user", "content": "${ask}"}]\n}\n`);

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.js)');
    standIn = await startStandIn({ apiKey: KEY });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-cli-history-'));
    env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: standIn.url, HOME: dir };
  });
  beforeEach(() => standIn.reset());
  after(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records calls streamed and not, with errors among them; list, show and diff read them back', async () => {
    const history = newFolder();
    const save = ['--save', '--history', history, '--max-retries', '0'];
    const haiku = request('claude-haiku-5-5', 'Which queue is a 503 outage?');
    const opus = request('claude-opus-5-5', 'Which queue is a 503 outage?');
    const sent: { run: CliRun; json?: Record<string, unknown> }[] = [];
    const send = async (args: string[], json: boolean) => {
      const run = await cli(['send', ...args, ...save, ...(json ? ['--json'] : [])], env);
      sent.push({ run, json: json ? JSON.parse(run.stdout) : undefined });
      return run;
    };
    assert.equal((await send([haiku], true)).code, 0);
    const streamed = await send([opus, '--stream'], false);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.match(streamed.stderr, /^saved to history: \d{8}-\d{6}-\d{3}-[0-9a-f]{6} \(/m);
    standIn.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' });
    assert.equal((await send([haiku], true)).code, 1);
    standIn.enqueue({ kind: 'stream', text: 'Partial answer that will break', errorAfterEvents: 4 });
    assert.equal((await send([haiku, '--stream'], true)).code, 1);
    const port = await closedPort();
    assert.equal((await send([haiku, '--base-url', `http://127.0.0.1:${port}`], true)).code, 1);
    const refused = await cli(['send', '-', ...save, '--json'], env);
    assert.equal(refused.code, 2, 'stdin with nothing: not sent, not saved');

    const ids = sent.map((s) => (s.json ? (s.json.historyId as string) : /saved to history: (\S+)/.exec(s.run.stderr)?.[1]));
    assert.ok(ids.slice(0, 5).every((id) => /^\d{8}-\d{6}-\d{3}-[0-9a-f]{6}$/.test(id ?? '')), ids.join(' '));

    const list = await cli(['history', 'list', '--history', history, '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    const entries = JSON.parse(list.stdout) as Record<string, unknown>[];
    assert.deepEqual(entries.map((e) => e.id), ids.slice(0, 5).reverse(), 'newest first, the refused send not among them');
    for (const entry of entries) {
      for (const field of ['id', 'startedAt', 'model', 'source', 'status', 'stopReason', 'inputTokens', 'outputTokens', 'costUsd', 'totalMs']) {
        assert.ok(field in entry, `${field} in ${JSON.stringify(entry)}`);
      }
    }
    const [network, midStream, apiError, stream, plain] = entries;
    assert.deepEqual([plain.status, plain.stopReason, plain.model, plain.errorType], [200, 'end_turn', 'claude-haiku-5-5', undefined]);
    assert.ok((plain.inputTokens as number) > 0 && (plain.outputTokens as number) > 0 && (plain.costUsd as number) > 0);
    assert.deepEqual((plain.source as { path: string }).path, haiku);
    assert.deepEqual([stream.model, stream.streamed, stream.status], ['claude-opus-5-5', true, 200]);
    assert.deepEqual([apiError.status, apiError.errorType, apiError.stopReason], [529, 'overloaded_error', null]);
    assert.deepEqual([midStream.errorType, midStream.incomplete, midStream.streamed], ['overloaded_error', true, true]);
    assert.deepEqual([network.status, network.errorType], [null, 'connection_error']);

    const table = await cli(['history', 'list', '--history', history, '--limit', '2'], env);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^id +started \(UTC\) +model +source +status +stop_reason/);
    assert.deepEqual(table.stdout.trim().split('\n').slice(2).map((l) => l.split(' ')[0]), [ids[4], ids[3]]);
    assert.match(table.stdout, /connection_error/);

    // show --json is what send --json printed, for every kind of call.
    for (const i of [0, 2, 3, 4]) {
      const show = await cli(['history', 'show', ids[i]!, '--history', history, '--json'], env);
      assert.equal(show.code, 0, show.stderr);
      assert.deepEqual(JSON.parse(show.stdout), sent[i].json, `call ${i}`);
    }
    // show in text is what send printed (the streamed call, printed whole once it was over).
    const shown = await cli(['history', 'show', ids[1]!, '--history', history], env);
    assert.equal(shown.stdout, sent[1].run.stdout);

    const diff = await cli(['history', 'diff', ids[0]!, ids[1]!, '--history', history, '--json'], env);
    assert.equal(diff.code, 0, diff.stderr);
    const compared = JSON.parse(diff.stdout);
    assert.deepEqual([compared.a.id, compared.b.id], [ids[0], ids[1]]);
    assert.deepEqual([compared.metrics.model.a, compared.metrics.model.b], ['claude-haiku-5-5', 'claude-opus-5-5']);
    const out = compared.metrics.outputTokens;
    assert.equal(out.delta, out.b - out.a);
    assert.ok(Array.isArray(compared.content) && compared.content.length > 0);
    const withError = await cli(['history', 'diff', ids[0]!, ids[2]!, '--history', history], env);
    assert.equal(withError.code, 0, withError.stderr);
    assert.match(withError.stdout, /Model/);
    assert.match(withError.stdout, /\(removed\)/, 'the failed call has no blocks');
  });

  it('an id may be shortened while it is unique', async () => {
    const history = newFolder();
    const first = JSON.parse((await cli(['send', request('claude-haiku-5-5', 'one'), '--save', '--history', history, '--json'], env)).stdout).historyId as string;
    const show = await cli(['history', 'show', first.slice(0, 22), '--history', history, '--json'], env);
    assert.equal(JSON.parse(show.stdout).historyId, first);
    await cli(['send', request('claude-haiku-5-5', 'two'), '--save', '--history', history], env);
    const ambiguous = await cli(['history', 'show', '2', '--history', history], env);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /"2" is the start of 2 ids/);
  });

  it('bounds the folder: --max-calls, else the folder settings.json', async () => {
    const history = newFolder();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await cli(['send', request('claude-haiku-5-5', `n${i}`), '--save', '--history', history, '--max-calls', '2', '--json'], env);
      ids.push(JSON.parse(run.stdout).historyId);
    }
    const kept = JSON.parse((await cli(['history', 'list', '--history', history, '--json'], env)).stdout).map((e: { id: string }) => e.id);
    assert.deepEqual(kept, [ids[3], ids[2]]);
    fs.writeFileSync(path.join(history, 'settings.json'), '{"maxCalls": 3}');
    for (let i = 0; i < 3; i++) {
      await cli(['send', request('claude-haiku-5-5', `m${i}`), '--save', '--history', history], env);
    }
    assert.equal(JSON.parse((await cli(['history', 'list', '--history', history, '--json'], env)).stdout).length, 3);
  });

  it('skips a damaged call file with a warning, lists the rest, and says the damaged one cannot be read', async () => {
    const history = newFolder();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(JSON.parse((await cli(['send', request('claude-haiku-5-5', `d${i}`), '--save', '--history', history, '--json'], env)).stdout).historyId);
    }
    const damaged = path.join(history, 'calls', `${ids[1]}.json`);
    fs.writeFileSync(damaged, fs.readFileSync(damaged, 'utf8').slice(0, 100));
    const list = await cli(['history', 'list', '--history', history, '--json'], env);
    assert.equal(list.code, 0);
    assert.deepEqual(JSON.parse(list.stdout).map((e: { id: string }) => e.id), [ids[2], ids[0]]);
    assert.match(list.stderr, new RegExp(`warning: history: .*${ids[1]}\\.json was skipped: it is not JSON`));
    const show = await cli(['history', 'show', ids[1], '--history', history], env);
    assert.equal(show.code, 1);
    assert.match(show.stderr, /cannot be read/);
  });

  it('two CLIs saving at once into one folder lose nothing', async () => {
    const history = newFolder();
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => cli(['send', request('claude-haiku-5-5', `p${i}`), '--save', '--history', history, '--json'], env)),
    );
    const ids = runs.map((r) => JSON.parse(r.stdout).historyId as string).sort();
    const listed = JSON.parse((await cli(['history', 'list', '--history', history, '--json'], env)).stdout).map((e: { id: string }) => e.id).sort();
    assert.deepEqual(listed, ids);
  });

  it('the default folder: $CLAUDE_INSPECTOR_HISTORY, else the per-user data folder the help names', async () => {
    const viaEnv = newFolder();
    const run = await cli(['send', request('claude-haiku-5-5', 'env'), '--save', '--json'], { ...env, CLAUDE_INSPECTOR_HISTORY: viaEnv });
    assert.ok(fs.existsSync(path.join(viaEnv, 'calls', `${JSON.parse(run.stdout).historyId}.json`)));
    const data = path.join(dir, 'xdg');
    const help = await cli(['history', '--help'], { ...env, XDG_DATA_HOME: data });
    const named = path.join(data, 'claude-inspector', 'history');
    assert.ok(help.stdout.includes(named), help.stdout);
    const saved = await cli(['send', request('claude-haiku-5-5', 'xdg'), '--save', '--json'], { ...env, XDG_DATA_HOME: data });
    assert.ok(fs.existsSync(path.join(named, 'calls', `${JSON.parse(saved.stdout).historyId}.json`)));
    const list = await cli(['history', 'list', '--json'], { ...env, XDG_DATA_HOME: data });
    assert.equal(JSON.parse(list.stdout).length, 1);
  });

  it('says what is wrong: unknown id, empty store, bad folder, bad usage', async () => {
    const empty = newFolder();
    fs.mkdirSync(empty);
    const aFile = file('not-a-folder', 'x');
    const hello = request('claude-haiku-5-5', 'hello');
    const cases: { args: string[]; code: number; message: RegExp; stdout?: string }[] = [
      { args: ['history', 'list', '--history', empty, '--json'], code: 0, message: /^$/, stdout: '[]\n' },
      { args: ['history', 'list', '--history', empty], code: 0, message: /no calls in .* yet/ },
      { args: ['history', 'show', '20261130-101010-000-abcdef', '--history', empty], code: 1, message: /no calls in .* yet, so no call "20261130-101010-000-abcdef"/ },
      { args: ['history', 'list', '--history', path.join(dir, 'nowhere')], code: 2, message: /there is no history folder .*nowhere/ },
      { args: ['history', 'list', '--history', aFile], code: 2, message: /cannot be used: it is not a folder/ },
      { args: ['history'], code: 2, message: /history needs a subcommand: list, show ID or diff ID1 ID2/ },
      { args: ['history', 'lsit'], code: 2, message: /unknown history subcommand "lsit"/ },
      { args: ['history', 'show', '--history', empty], code: 2, message: /history show needs one id/ },
      { args: ['history', 'diff', 'abc', '--history', empty], code: 2, message: /history diff needs two ids/ },
      { args: ['history', 'show', 'abc', '--limit', '3', '--history', empty], code: 2, message: /--limit is for history list/ },
      { args: ['history', 'list', '--limit', 'many', '--history', empty], code: 2, message: /--limit must be a whole number/ },
      { args: ['send', hello, '--history', empty], code: 2, message: /--history is for --save/ },
      { args: ['send', hello, '--save', '--history', aFile], code: 2, message: /history folder .* cannot be used/ },
      { args: ['send', hello, '--save', '--history', empty, '--max-calls', '0'], code: 2, message: /--max-calls must be from 1/ },
      { args: ['curl', hello, '--save'], code: 2, message: /--save is not an option of curl/ },
    ];
    for (const c of cases) {
      const run = await cli(c.args, env);
      assert.equal(run.code, c.code, `${c.args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, c.message, c.args.join(' '));
      if (c.stdout !== undefined) {
        assert.equal(run.stdout, c.stdout);
      }
    }
    fs.writeFileSync(path.join(empty, 'settings.json'), '{\n  "maxCalls": 10,\n}');
    const badSettings = await cli(['send', hello, '--save', '--history', empty], env);
    assert.equal(badSettings.code, 2);
    assert.match(badSettings.stderr, /settings\.json:3:1: not valid JSON/);
    assert.equal(standIn.requests.length, 0, 'nothing was sent by a send whose folder or settings cannot be used');
  });

  it('no stored byte holds the key, wherever it was (file text, request, echoed answer, error)', async () => {
    const history = newFolder();
    const withKey = file('with-key.claude.json', `{\n  // my key: ${KEY}\n  "model": "claude-haiku-5-5", "max_tokens": 300,\n  "messages": [{"role": "user", "content": "Repeat this: ${KEY}"}]\n}\n`);
    assert.equal((await cli(['send', withKey, '--save', '--history', history], env)).code, 0);
    assert.equal((await cli(['send', withKey, '--save', '--history', history, '--stream'], env)).code, 0);
    standIn.enqueue({ kind: 'error', status: 400, type: 'invalid_request_error', message: `bad key ${KEY}` });
    assert.equal((await cli(['send', withKey, '--save', '--history', history, '--max-retries', '0'], env)).code, 1);
    assert.ok(standIn.requests.some((r) => r.body.includes(KEY)), 'the key did go out in the body, as the user wrote it');
    let files = 0;
    for (const entry of fs.readdirSync(history, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        const full = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
        const text = fs.readFileSync(full, 'utf8');
        files++;
        assert.ok(!text.includes(KEY) && !text.includes(KEY.slice(0, 24)) && !text.includes(KEY.slice(-16)), `the key in ${full}`);
      }
    }
    assert.ok(files >= 4, `${files} files`);
    const [latest] = JSON.parse((await cli(['history', 'list', '--history', history, '--json'], env)).stdout);
    assert.equal(latest.errorType, 'invalid_request_error');
  });
});
