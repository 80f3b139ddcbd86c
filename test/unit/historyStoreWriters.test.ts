// The history store on real files, with other processes and secrets: a writer killed mid-write, two processes
// recording at once (test/support/historyWriter.ts is the second process), and no secret in any stored byte.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactForStore, storedJson } from '../../src/core/history/redaction';
import { HistoryStore } from '../../src/core/history/store';
import { Redactor } from '../../src/core/secrets/redact';
import { rememberSecretsInPlay } from '../../src/core/secrets/secretsInPlay';
import { callRecordFor } from '../support/historyRecords';
import { useTempFolders } from '../support/tempFolders';

const WRITER = path.resolve(__dirname, '../support/historyWriter.js');

/** Every stored byte of a folder, file by file. */
function everyFile(folder: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      out.push({ file, bytes: fs.readFileSync(file) });
    }
  }
  return out;
}

/** Runs the writer process; resolves with the ids it printed and its exit. */
function writer(folder: string, count: number, padding = 0, maxCalls = 0, killAfterMs?: number): Promise<{ ids: string[]; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, folder, String(count), String(padding), String(maxCalls)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const bound = setTimeout(() => child.kill('SIGKILL'), 60_000);
    if (killAfterMs !== undefined) {
      // Killed once it has recorded a first call, a random time into the next writes.
      const started = () => {
        if (out.includes('\n')) {
          child.stdout.off('data', started);
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        }
      };
      child.stdout.on('data', started);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(bound);
      if (code && code !== 0) {
        reject(new Error(`writer failed: ${err}`));
        return;
      }
      resolve({ ids: out.split('\n').filter(Boolean), code, signal });
    });
  });
}

describe('history store', function () {
  this.timeout(60_000);
  const folder = useTempFolders('claude-inspector-history-');

  it('a writer killed mid-write leaves every listed call whole, and no partial file under a call name', async () => {
    const dir = folder();
    // Big calls (about 4 MB each) so that the kill lands inside a write most of the time; three rounds at different times.
    for (const killAfterMs of [5, 40, 120]) {
      const run = await writer(dir, 50, 4_000_000, 0, killAfterMs);
      assert.equal(run.signal, 'SIGKILL', 'the writer was killed before it finished');
    }
    const warnings: string[] = [];
    const store = new HistoryStore(dir, { onWarning: (w) => warnings.push(w) });
    const list = await store.list();
    assert.ok(list.length >= 3, `each writer recorded at least one call (${list.length})`);
    assert.deepEqual(warnings, [], 'nothing damaged');
    for (const name of fs.readdirSync(path.join(dir, 'calls'))) {
      if (name.endsWith('.json')) {
        assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(dir, 'calls', name), 'utf8')), `${name} is whole`);
      } else {
        assert.match(name, /^\..*\.tmp$/, 'anything else is a temp file');
      }
    }
    for (const entry of list) {
      assert.equal((await store.get(entry.id))?.entry.id, entry.id);
    }
  });

  it('two processes recording at once lose nothing', async () => {
    const dir = folder();
    const [a, b] = await Promise.all([writer(dir, 60), writer(dir, 60)]);
    assert.equal(a.ids.length + b.ids.length, 120);
    const listed = (await new HistoryStore(dir).list()).map((e) => e.id).sort();
    assert.deepEqual(listed, [...a.ids, ...b.ids].sort());
    // And the index alone holds every one of them (each line landed whole).
    const lines = fs.readFileSync(path.join(dir, 'index.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).entry.id);
    assert.deepEqual([...new Set(lines)].sort(), listed);
  });

  it('two processes recording at once into a bounded folder keep exactly the newest', async () => {
    const dir = folder();
    const [a, b] = await Promise.all([writer(dir, 40, 0, 25), writer(dir, 40, 0, 25)]);
    const all = [...a.ids, ...b.ids].sort();
    const listed = (await new HistoryStore(dir, { maxCalls: 25 }).list()).map((e) => e.id).sort();
    assert.deepEqual(listed, all.slice(-25));
  });

  it('no stored byte holds the key or another secret, wherever they were in the call', async () => {
    const key = ['sk', 'ant', 'fake', 'history', 'sentinel', 'key', Math.random().toString(36).slice(2, 10)].join('-');
    const gateway = ['gw', 'fake', 'history', 'gateway', 'token', 'QWERTY13579'].join('_');
    const password = ['fake', 'history', 'password', '97531'].join('-');
    rememberSecretsInPlay({ apiKey: key, env: { ANTHROPIC_CUSTOM_HEADERS: `x-gateway-token: ${gateway}`, ANTHROPIC_BASE_URL: `http://user:${password}@127.0.0.1:9` } });
    const dir = folder();
    const store = new HistoryStore(dir);
    const record = callRecordFor({ ask: `my key is ${key}`, answer: `echo ${key.slice(0, 20)} and ${gateway}` });
    record.response!.body = JSON.stringify({ echoed: key, token: gateway, url: `http://user:${password}@host` });
    record.response!.headers['x-echo'] = key;
    record.request!.headers['x-gateway-token'] = gateway;
    record.effectiveRequest.metadata = { user_id: gateway, deep: [[[[{ authorization: `Bearer ${key}` }]]]] };
    record.timeline = [{ ms: 1, event: 'content_block_delta', data: { delta: { text: key } } }];
    const errored = callRecordFor({ error: { status: 401, type: 'authentication_error', message: `invalid x-api-key ${key}` } });
    await store.record(record, { kind: 'file', path: `/w/${password}.claude.json`, text: `{"system": "${key}", "x": "${gateway}"}` });
    await store.record(errored, { kind: 'cli' });
    const files = everyFile(dir);
    assert.ok(files.length >= 3);
    for (const { file, bytes } of files) {
      const text = bytes.toString('utf8');
      for (const [name, secret] of [['key', key], ['key echo', key.slice(0, 20)], ['key tail', key.slice(-14)], ['gateway token', gateway], ['password', password]] as const) {
        assert.ok(!text.includes(secret), `${name} in ${file}`);
      }
    }
    const stored = await store.get((await store.list({ filter: { file: '.claude.json' } }))[0].id);
    assert.match(stored!.sourceText!, /\$ANTHROPIC_API_KEY/, `the key reads as its placeholder: ${stored!.sourceText}`);
  });

  it('writes what JSON.stringify writes, redacted, also for strings long enough to be written in pieces', async () => {
    const secret = ['gw', 'fake', 'piece', 'boundary', 'token', 'ZXCV0987'].join('_');
    const secrets = new Redactor([{ value: secret }]);
    const piece = 256 * 1024;
    // Secrets across the piece boundaries, emoji (surrogate pairs) cut by them, quotes, controls, unicode escapes.
    const long = `${'a'.repeat(piece - 10)}${secret}${'😀'.repeat(piece / 2)}"\\\n\u0001${'é'.repeat(piece)}${secret}`;
    const value = { text: long, list: [1, null, 'x', undefined, { deep: [[long.slice(0, 1000) + secret]] }], n: 1.5, t: true, skipped: undefined, authorization: 'Bearer abc', [secret]: 'key' };
    const text = await storedJson(value, secrets);
    assert.equal(text, JSON.stringify(redactForStore(value, secrets)));
    assert.ok(!text.includes(secret));
    assert.equal(JSON.parse(text).text.length, long.length - 2 * secret.length + 2 * 3, 'each secret became ***, nothing else changed');
  });
});
