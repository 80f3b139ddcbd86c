// The history store on real files in a temp folder: what a list shows, filters, the index, the bounds, damaged
// files and lines, deleting. historyStoreWriters.test.ts: a writer killed mid-write, two processes recording at
// once, and no secret in any stored byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HistoryStore } from '../../src/core/history/store';
import { callRecordFor } from '../support/historyRecords';
import { useTempFolders } from '../support/tempFolders';

describe('history store', function () {
  this.timeout(60_000);
  const folder = useTempFolders('claude-inspector-history-');

  it('lists newest first, with what a list shows, and gets each call back whole', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    const base = Date.parse('2026-11-30T10:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const record = i === 3
        ? callRecordFor({ startedAt: new Date(base + i * 1000).toISOString(), error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } })
        : callRecordFor({ startedAt: new Date(base + i * 1000).toISOString(), model: i % 2 ? 'claude-opus-5-5' : 'claude-haiku-5-5', ask: `question ${i}` });
      ids.push(await store.record(record, { kind: 'file', path: `/w/q${i}.claude.json`, text: `{"messages": "q${i}"}` }));
    }
    const list = await store.list();
    assert.deepEqual(list.map((e) => e.id), [...ids].reverse());
    assert.equal(list[1].status, 529);
    assert.equal(list[1].errorType, 'overloaded_error');
    assert.equal(list[0].stopReason, 'end_turn');
    assert.equal(list[0].inputTokens, 11);
    assert.equal(list[0].outputTokens, 7);
    assert.equal(list[0].model, 'claude-haiku-5-5');
    assert.deepEqual(list[0].source, { kind: 'file', path: '/w/q4.claude.json' });
    assert.equal(list[0].startedAt, '2026-11-30T10:00:04.000Z');
    assert.equal(typeof list[0].costUsd, 'number');
    assert.deepEqual((await store.list({ limit: 2 })).map((e) => e.id), [ids[4], ids[3]]);
    const stored = await store.get(ids[2]);
    assert.equal(stored?.sourceText, '{"messages": "q2"}');
    assert.equal((stored?.record.effectiveRequest.messages as { content: string }[])[0].content, 'question 2');
    assert.equal(await store.get('20261130-100000-000-000000'), undefined, 'an unknown id');
    assert.equal(await store.get('../../etc/passwd'), undefined, 'not an id');
    // A second store on the same folder (another window) sees the same.
    assert.deepEqual((await new HistoryStore(dir).list()).map((e) => e.id), [...ids].reverse());
  });

  it('filters by text, model, file and status, each case-insensitive, all parts together', async () => {
    const store = new HistoryStore(folder());
    await store.record(callRecordFor({ model: 'claude-opus-5-5', ask: 'Translate the Zebra manual', answer: 'Done.' }), { kind: 'file', path: '/w/zebra.claude.json' });
    await store.record(callRecordFor({ model: 'claude-haiku-5-5', ask: 'hello', answer: 'The ZEBRA crossing' }), { kind: 'selection' });
    await store.record(callRecordFor({ error: { status: 429, type: 'rate_limit_error', message: 'slow down' } }), { kind: 'cli', path: 'x.claude.json' });
    await store.record(callRecordFor({ error: { kind: 'network', message: 'connect ECONNREFUSED' } }), { kind: 'cli' });
    const count = async (filter: Parameters<HistoryStore['list']>[0]) => (await store.list(filter)).length;
    assert.equal(await count({ filter: { text: 'zebra' } }), 2, 'in the request or in the answer');
    assert.equal(await count({ filter: { text: 'zebra   manual' } }), 1, 'whitespace folded');
    assert.equal(await count({ filter: { text: 'giraffe' } }), 0);
    assert.equal(await count({ filter: { model: 'OPUS' } }), 1);
    assert.equal(await count({ filter: { file: 'zebra' } }), 1);
    assert.equal(await count({ filter: { file: 'selection' } }), 1);
    assert.equal(await count({ filter: { status: 'ok' } }), 2);
    assert.equal(await count({ filter: { status: 'error' } }), 2);
    assert.equal(await count({ filter: { status: '429' } }), 1);
    assert.equal(await count({ filter: { status: 'rate_limit' } }), 1);
    assert.equal(await count({ filter: { status: 'connection_error' } }), 1);
    assert.equal(await count({ filter: { text: 'zebra', model: 'haiku' } }), 1);
    assert.equal(await count({ filter: { text: 'econnrefused' } }), 1, 'the error message counts as the answer');
  });

  it('finds any word the filter box takes, in a fresh store and a warm one: accents, emoji, quotes, backslashes, other scripts', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    // Words whose bytes in the index differ from their characters (UTF-8, JSON escapes), each in one call among others.
    const words = ['Crème brûlée', 'ÉCOLE', '日本語のテキスト', 'emoji 🦓 here', 'say "hi"', 'C:\\temp\\x', 'tab\there', 'ΣΊΣΥΦΟΣ', 'zebra'];
    for (const [i, word] of words.entries()) {
      await store.record(callRecordFor({ ask: `call ${i}: ${word}`, answer: `answer ${i}` }), { kind: 'selection' });
      await store.record(callRecordFor({ ask: `filler ${i}`, answer: 'nothing to see' }), { kind: 'selection' });
    }
    for (const [i, word] of words.entries()) {
      for (const reader of [store, new HistoryStore(dir)]) {
        const found = await reader.list({ filter: { text: word.toLowerCase() } });
        assert.equal(found.length, 1, `"${word}": ${found.length} found`);
        assert.match(((await reader.get(found[0].id))!.record.effectiveRequest.messages as { content: string }[])[0].content, new RegExp(`^call ${i}:`));
        assert.equal((await reader.list({ filter: { text: word.toUpperCase() } })).length, 1, `"${word}" in upper case`);
      }
    }
    assert.equal((await new HistoryStore(dir).list({ filter: { text: 'brûlée' } })).length, 1, 'part of a word');
    assert.equal((await new HistoryStore(dir).list({ filter: { text: 'brulee' } })).length, 0, 'accents count');
    assert.equal((await new HistoryStore(dir).list({ filter: { text: 'answer' } })).length, words.length, 'in the answer');
  });

  it('reads an index written by hand: lines of gone calls, a call indexed twice, lines in any order', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await store.record(callRecordFor({ startedAt: new Date(Date.UTC(2026, 10, 30, 10, 0, i)).toISOString(), ask: `n${i}` }), { kind: 'selection' }));
    }
    const index = path.join(dir, 'index.jsonl');
    const lines = fs.readFileSync(index, 'utf8').split('\n').filter(Boolean);
    // Shuffled, one call twice (its later line says another model), and a line for a call whose file is gone.
    const twice = JSON.parse(lines[2]);
    twice.entry.model = 'claude-later-line';
    const gone = JSON.parse(lines[0]);
    gone.entry.id = '20261130-095959-000-abcdef';
    fs.writeFileSync(index, [lines[4], lines[1], lines[3], lines[0], lines[2], JSON.stringify(twice), JSON.stringify(gone)].join('\n') + '\n');
    const list = await new HistoryStore(dir).list();
    assert.deepEqual(list.map((e) => e.id), [...ids].reverse());
    assert.equal(list[2].model, 'claude-later-line', 'the last line of a call counts');
    assert.deepEqual((await new HistoryStore(dir).list({ limit: 2 })).map((e) => e.id), [ids[4], ids[3]]);
  });

  it('a new store that lists from the index alone (index.checked) still sees every change made to the folder since', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await store.record(callRecordFor({ ask: `n${i}` }), { kind: 'selection' }));
    }
    const check = path.join(dir, 'index.checked');
    const file = (id: string) => path.join(dir, 'calls', `${id}.json`);
    // As if the check had been written long after the folder last changed: a new store trusts it.
    const vouch = async () => {
      await new HistoryStore(dir).list();
      assert.ok(fs.existsSync(check), 'a list that read the folder wrote the check');
      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(check, later, later);
    };
    const fresh = async (options?: Parameters<HistoryStore['list']>[0], warnings: string[] = []) =>
      (await new HistoryStore(dir, { onWarning: (w) => warnings.push(w) }).list(options)).map((e) => e.id);
    await vouch();
    assert.deepEqual(await fresh(), [...ids].reverse());
    assert.deepEqual(await fresh({ limit: 2 }), [ids[3], ids[2]]);
    assert.deepEqual(await fresh({ filter: { text: 'n1' } }), [ids[1]]);
    // A call file with no line (its writer was killed before the line, or it was copied in): the folder changed.
    const orphan = '20991231-235959-999-0a0b0c';
    const stored = JSON.parse(fs.readFileSync(file(ids[0]), 'utf8'));
    stored.entry.id = orphan;
    fs.writeFileSync(file(orphan), JSON.stringify(stored));
    assert.deepEqual(await fresh(), [orphan, ...[...ids].reverse()]);
    // A call file removed by hand.
    await vouch();
    fs.rmSync(file(ids[2]));
    assert.deepEqual(await fresh(), [orphan, ids[3], ids[1], ids[0]]);
    // A call file damaged in place (the folder's times do not change): skipped with a warning.
    await vouch();
    fs.writeFileSync(file(ids[3]), '{"format": 1, "entry": ');
    const warnings: string[] = [];
    assert.deepEqual(await fresh({}, warnings), [orphan, ids[1], ids[0]]);
    assert.ok(warnings.some((w) => w.includes(`${ids[3]}.json was skipped`)), warnings.join('\n'));
    // A line appended by another process, a damaged check, no check: each store lists the same.
    await vouch();
    const more = await new HistoryStore(dir).record(callRecordFor({ ask: 'more' }), { kind: 'selection' });
    assert.deepEqual(await fresh(), [orphan, more, ids[1], ids[0]]);
    fs.writeFileSync(check, 'not json');
    assert.deepEqual(await fresh(), [orphan, more, ids[1], ids[0]]);
    fs.rmSync(check);
    assert.deepEqual(await fresh(), [orphan, more, ids[1], ids[0]]);
  });

  it('stores a big call as JSON.stringify would write it, with the size its index line says', async () => {
    const dir = folder();
    const store = new HistoryStore(dir, { maxMegabytes: 100 });
    const record = callRecordFor({ answer: 'é😀"\\\n\u0001', padding: 3_000_000, streamed: true });
    const id = await store.record(record, { kind: 'file', path: '/w/big.claude.json', text: 'x'.repeat(200_000) });
    const file = path.join(dir, 'calls', `${id}.json`);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(stored.record, JSON.parse(JSON.stringify(record)));
    assert.equal(stored.sourceText.length, 200_000);
    const line = JSON.parse(fs.readFileSync(path.join(dir, 'index.jsonl'), 'utf8').trim());
    assert.equal(line.bytes, fs.statSync(file).size);
    assert.deepEqual((await new HistoryStore(dir).list()).map((e) => e.id), [id], 'a fresh store finds it whole');
  });

  it('keeps at most maxCalls: the oldest go first', async () => {
    const dir = folder();
    const store = new HistoryStore(dir, { maxCalls: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Every other call through a fresh store, as each CLI run is: it must see the calls already there.
      const by = i % 2 ? store : new HistoryStore(dir, { maxCalls: 3 });
      ids.push(await by.record(callRecordFor({ ask: `n${i}` }), { kind: 'selection' }));
    }
    assert.deepEqual((await store.list()).map((e) => e.id), ids.slice(-3).reverse());
    assert.equal(fs.readdirSync(path.join(store.folder, 'calls')).length, 3, 'the files are gone too');
  });

  it('keeps at most maxMegabytes: the oldest go first, the newest always stays', async () => {
    const dir = folder();
    // Each call is ~100 KB; 0.35 MB holds three of them.
    const store = new HistoryStore(dir, { maxMegabytes: 0.35 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(await store.record(callRecordFor({ padding: 100_000 }), { kind: 'selection' }));
    }
    const kept = (await store.list()).map((e) => e.id);
    assert.deepEqual(kept, ids.slice(-3).reverse());
    const bytes = fs.readdirSync(path.join(dir, 'calls')).reduce((sum, name) => sum + fs.statSync(path.join(dir, 'calls', name)).size, 0);
    assert.ok(bytes <= 0.35 * 1024 * 1024, `${bytes} bytes on disk`);
    // A single call over the bound is kept (the newest is never removed), alone.
    const big = await new HistoryStore(dir, { maxMegabytes: 0.05 }).record(callRecordFor({ padding: 100_000 }), { kind: 'selection' });
    assert.deepEqual((await store.list()).map((e) => e.id), [big]);
  });

  it('skips a damaged call file with a warning, and still lists the others', async () => {
    const dir = folder();
    const warnings: string[] = [];
    const store = new HistoryStore(dir, { onWarning: (w) => warnings.push(w) });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(await store.record(callRecordFor({ ask: `n${i}` }), { kind: 'selection' }));
    }
    const file = (id: string) => path.join(dir, 'calls', `${id}.json`);
    // The kinds of damage: cut short, emptied, not JSON, JSON of another shape, another format, a file with no index line.
    const text = fs.readFileSync(file(ids[0]), 'utf8');
    fs.writeFileSync(file(ids[0]), text.slice(0, text.length / 2));
    fs.writeFileSync(file(ids[1]), '');
    fs.writeFileSync(file(ids[2]), '\u0000\u0001 binary garbage');
    fs.writeFileSync(file(ids[3]), '[1, 2, 3]');
    fs.writeFileSync(path.join(dir, 'calls', '20991231-235959-999-abcdef.json'), JSON.stringify({ format: 99, entry: {}, record: {} }));
    fs.writeFileSync(path.join(dir, 'calls', 'notes.txt'), 'a file of someone else');
    fs.appendFileSync(path.join(dir, 'index.jsonl'), '{"entry": {"id": \n');
    const list = await store.list();
    assert.deepEqual(list.map((e) => e.id), [ids[5], ids[4]]);
    for (const id of [ids[0], ids[1], ids[2], ids[3], '20991231-235959-999-abcdef']) {
      assert.ok(warnings.some((w) => w.includes(`${id}.json was skipped`)), `a warning names ${id}: ${warnings.join('\n')}`);
    }
    assert.ok(warnings.some((w) => /index\.jsonl:7: a damaged index line/.test(w)), warnings.join('\n'));
    assert.equal(await store.get(ids[0]), undefined);
    // A fresh store (the CLI, another window) too; damaged files stay for a person to look at.
    const fresh: string[] = [];
    assert.deepEqual((await new HistoryStore(dir, { onWarning: (w) => fresh.push(w) }).list()).map((e) => e.id), [ids[5], ids[4]]);
    assert.ok(fresh.length >= 5, fresh.join('\n'));
    assert.ok(fs.existsSync(file(ids[0])));
  });

  it('rebuilds the index from the call files when it is gone or damaged', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await store.record(callRecordFor({ ask: `needle${i}` }), { kind: 'selection' }));
    }
    fs.rmSync(path.join(dir, 'index.jsonl'));
    assert.deepEqual((await new HistoryStore(dir).list()).map((e) => e.id), [...ids].reverse());
    assert.equal((await new HistoryStore(dir).list({ filter: { text: 'needle2' } }))[0].id, ids[2], 'the filter works on a rebuilt index');
    fs.writeFileSync(path.join(dir, 'index.jsonl'), 'garbage\n');
    assert.equal((await new HistoryStore(dir, { onWarning: () => undefined }).list()).length, 4);
  });

  it('deletes one call, and clears them all', async () => {
    const dir = folder();
    const store = new HistoryStore(dir);
    const a = await store.record(callRecordFor(), { kind: 'selection' });
    const b = await store.record(callRecordFor(), { kind: 'selection' });
    await store.delete(a);
    assert.deepEqual((await store.list()).map((e) => e.id), [b]);
    assert.deepEqual((await new HistoryStore(dir).list()).map((e) => e.id), [b], 'another process sees the delete');
    await store.clear();
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await new HistoryStore(dir).list(), []);
  });
});
