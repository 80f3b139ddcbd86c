// The history store at scale (src/core/history/store.ts): with 10,000 calls in the folder, listing the newest 200
// and filtering by a word, for a fresh store (the CLI, a window's first look: the index read whole) and a warm one
// (the History view's next refresh: only the index's new tail is read). Each against a baseline measured in the
// same run: the same list in a folder of 1,000 calls (10 is linear), and the bare read and parse of the index (the
// floor), and against the issue's budget of 100 ms. And recording a 10 MB answer: the longest stall of the event loop
// (the extension host's, which feeds the panel), measured by perf_hooks' monitorEventLoopDelay, against the budget of
// 50 ms (three frames); the same monitor while idle is printed beside it.
//
//   node out/bench/historyStore.js [--history-calls=10000] [--history-runs=15]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { callFileName, newCallId } from '../src/core/history/callFile';
import { entryOf, searchTextOf } from '../src/core/history/entry';
import { indexLineText } from '../src/core/history/indexFile';
import { storedJson } from '../src/core/history/redaction';
import { HistoryStore } from '../src/core/history/store';
import { HISTORY_FORMAT } from '../src/shared/history';
import { callRecordFor } from '../test/support/historyRecords';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';
import { median, ms } from './lib/stats';

const WORD = 'zebra';
const LIMIT = 200;
/** The issue's budgets: a list or a filter of 10,000 calls, and a stall of the panel's event loop while recording. */
const LIST_BUDGET_MS = 100;
const STALL_BUDGET_MS = 50;

/** A folder of `count` calls in the store's format, written directly (recording them one by one would take minutes). */
async function fillFolder(count: number): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-bench-history-'));
  fs.mkdirSync(path.join(folder, 'calls'));
  const base = Date.now() - count * 1000;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const record = callRecordFor({
      startedAt: new Date(base + i * 1000).toISOString(),
      model: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'][i % 3],
      ask: `Ticket ${i}: ${i % 100 === 0 ? `the ${WORD} crossing is down` : 'our API returns 503 in eu-west'}. ${'Details of the ticket. '.repeat(20)}`,
      answer: `{"queue": "outage", "priority": "p${(i % 3) + 1}"} ${'Reasoning about the ticket. '.repeat(30)}`,
      error: i % 17 === 0 ? { status: 529, type: 'overloaded_error', message: 'Overloaded' } : undefined,
    });
    const id = newCallId(record.startedAt);
    const entry = entryOf(id, record, { kind: 'file', path: `/work/tickets/t${i % 50}.claude.json` });
    const text = await storedJson({ format: HISTORY_FORMAT, entry, record });
    fs.writeFileSync(path.join(folder, 'calls', callFileName(id)), text);
    lines.push(indexLineText({ entry, bytes: Buffer.byteLength(text), search: searchTextOf(record) }));
  }
  fs.writeFileSync(path.join(folder, 'index.jsonl'), lines.join(''));
  return folder;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function samples(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: the file system cache, the JIT
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    out.push(await timed(work));
  }
  return out;
}

/** The longest delay of the event loop (perf_hooks, 1 ms resolution) while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  await work();
  monitor.disable();
  return monitor.max / 1e6;
}

async function main(): Promise<void> {
  const count = Math.round(numberOption('history-calls', 10_000));
  const runs = Math.round(numberOption('history-runs', 15));
  const start = performance.now();
  const big = await fillFolder(count);
  const small = await fillFolder(Math.round(count / 10));
  const indexBytes = fs.statSync(path.join(big, 'index.jsonl')).size;
  console.log(`history store: ${count} and ${Math.round(count / 10)} calls written in ${ms(performance.now() - start)}; index of ${(indexBytes / 1e6).toFixed(1)} MB; ${runs} runs each`);
  try {
    const list = (folder: string) => () => new HistoryStore(folder).list({ limit: LIMIT });
    const filter = (folder: string) => () => new HistoryStore(folder).list({ limit: LIMIT, filter: { text: WORD } });
    const bareIndex = async () => {
      const text = await fs.promises.readFile(path.join(big, 'index.jsonl'), 'utf8');
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    };
    const warm = new HistoryStore(big);
    const found = await warm.list({ filter: { text: WORD } });
    if (found.length !== Math.ceil(count / 100)) {
      throw new Error(`the filter found ${found.length} calls, not ${Math.ceil(count / 100)}`);
    }
    // A new store's first list after the folder changed (a call recorded since): index.checked does not vouch for the
    // index, and the folder of 10,000 files is listed.
    const listAfterChange = async () => {
      fs.rmSync(path.join(big, 'index.checked'), { force: true });
      return new HistoryStore(big).list({ limit: LIMIT });
    };
    const m = {
      coldListAfterChange: median(await samples(runs, listAfterChange)),
      coldList: median(await samples(runs, list(big))),
      coldListSmall: median(await samples(runs, list(small))),
      coldFilter: median(await samples(runs, filter(big))),
      bare: median(await samples(runs, bareIndex)),
      warmList: median(await samples(runs, () => warm.list({ limit: LIMIT }))),
      warmFilter: median(await samples(runs, () => warm.list({ limit: LIMIT, filter: { text: WORD } }))),
    };
    const recordFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-bench-record-'));
    const store = new HistoryStore(recordFolder, { maxMegabytes: 1000 });
    const tenMb = callRecordFor({ padding: 10 * 1024 * 1024, streamed: true });
    const idle = Math.max(...(await Promise.all([0, 1, 2].map(() => longestStall(() => new Promise((r) => setTimeout(r, 300)))))));
    // A small call first, as in a session (the code that records is compiled by then).
    await store.record(callRecordFor(), { kind: 'selection' });
    const stalls: number[] = [];
    for (let i = 0; i < 3; i++) {
      stalls.push(await longestStall(() => store.record(tenMb, { kind: 'selection' })));
    }
    fs.rmSync(recordFolder, { recursive: true, force: true });
    console.log(`\n  ${count} calls: list ${LIMIT} cold ${ms(m.coldList)} (after a change ${ms(m.coldListAfterChange)}), warm ${ms(m.warmList)}; filter "${WORD}" cold ${ms(m.coldFilter)}, warm ${ms(m.warmFilter)} (target: under 100 ms)`);
    console.log(`  recording a 10 MB answer: longest event-loop stall ${ms(Math.max(...stalls))} (runs: ${stalls.map(ms).join(', ')}); idle ${ms(idle)}`);
    const n = count.toLocaleString('en-US');
    report('historyStore', [
      row(`history list ${LIMIT}, fresh: ${n} vs ${(count / 10).toLocaleString('en-US')} calls`, m.coldListSmall, m.coldList, `A fresh store (the CLI, a window's first look) lists the newest ${LIMIT}: ${n} calls against a tenth of them; 10 is linear in the folder, below is better.`),
      row(`history list ${LIMIT} of ${n}, fresh vs bare index`, m.bare, m.coldList, 'The same against reading and parsing index.jsonl alone (the floor): what the store adds (reconciling with the folder, sorting, checking the listed files).'),
      row(`history filter "${WORD}" of ${n}, fresh vs bare index`, m.bare, m.coldFilter, 'Filtering all calls by a word in a fresh store, against the bare index read.'),
      row(`history list ${LIMIT} of ${n}, warm vs fresh`, m.coldList, m.warmList, "The History view's next refresh (only the index's new tail is read) against a fresh store."),
      row(`history filter "${WORD}" of ${n}, warm vs fresh list`, m.coldList, m.warmFilter, 'Filtering by a word in a warm store, against a fresh list.'),
      row(`history list ${LIMIT} of ${n}, fresh vs ${LIST_BUDGET_MS} ms budget`, LIST_BUDGET_MS, m.coldList, `A fresh store lists the newest ${LIMIT} of ${n} calls, against the issue's budget: below 1 is within it.`),
      row(`history list ${LIMIT} of ${n}, fresh after a change vs budget`, LIST_BUDGET_MS, m.coldListAfterChange, `A fresh store's first list after the folder changed (index.checked does not vouch: the folder of ${n} files is listed), against the issue's ${LIST_BUDGET_MS} ms.`),
      row(`history filter "${WORD}" of ${n}, fresh vs ${LIST_BUDGET_MS} ms budget`, LIST_BUDGET_MS, m.coldFilter, `A fresh store filters ${n} calls by a word, against the issue's budget: below 1 is within it.`),
      row(`history record 10 MB: event-loop stall vs ${STALL_BUDGET_MS} ms budget`, STALL_BUDGET_MS, Math.max(...stalls), `The longest event-loop delay (monitorEventLoopDelay) while a 10 MB answer is recorded, against ${STALL_BUDGET_MS} ms (three frames: the panel gets no message during a stall); below 1 is within it. Idle, the same monitor reads ${ms(idle)}.`),
    ], { counts: [count, count / 10], runs, medians: m, stalls, idle });
  } finally {
    fs.rmSync(big, { recursive: true, force: true });
    fs.rmSync(small, { recursive: true, force: true });
  }
}

runMain(main);
