// A second process that records calls into a history folder, for the tests of two writers at once and of a writer
// killed mid-write: node historyWriter.js FOLDER COUNT PADDING MAXCALLS. Prints each id on its own line once recorded.
import { HistoryStore } from '../../src/core/history/store';
import { callRecordFor } from './historyRecords';

async function main(): Promise<void> {
  const [folder, count, padding, maxCalls] = process.argv.slice(2);
  const store = new HistoryStore(folder, { maxCalls: Number(maxCalls) || 100_000, maxMegabytes: 10_000 });
  for (let i = 0; i < Number(count); i++) {
    const id = await store.record(callRecordFor({ ask: `writer ${process.pid} call ${i}`, padding: Number(padding) || 0 }), { kind: 'cli' });
    process.stdout.write(`${id}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
