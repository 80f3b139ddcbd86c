// What bounded concurrency buys a comparison: 4 models × 5 runs with concurrency 4 (core/compare/runner.ts), against
// the slowest model's 5 runs one after the other, both against the stand-in at its families' fixed pace (the same
// request gets the same timings). The issue's bound: the comparison takes at most 1.3× the sequential runs. The
// stand-in runs in a worker thread, so that its timers are not held up by the client's parsing.
//
//   node out/bench/compareConcurrency.js [--compare-latency=0.5]
import { Worker } from 'node:worker_threads';
import { runComparison } from '../src/core/compare/runner';
import { effectiveRequest } from '../src/core/effectiveRequest';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';

const API_KEY = 'sk-ant-bench-key-000000000000';
const MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1'];
const RUNS = 5;

/** The stand-in in a worker: its URL once it listens, and a way to stop it. */
async function standInWorker(latency: number): Promise<{ url: string; stop(): Promise<number> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { startStandIn } = require(workerData.server);
    startStandIn({ apiKey: workerData.key, latency: workerData.latency }).then((s) => {
      parentPort.postMessage(s.url);
      parentPort.on('message', () => s.close().then(() => process.exit(0)));
    });`;
  const worker = new Worker(code, { eval: true, workerData: { server: require.resolve('../src/standIn/server'), key: API_KEY, latency } });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url,
    stop: () => {
      worker.postMessage('stop');
      return new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

async function main(): Promise<void> {
  const latency = numberOption('compare-latency', 0.5);
  const server = await standInWorker(latency);
  try {
    const request = effectiveRequest(
      { messages: [{ role: 'user', content: 'Which queue should a customer who was charged twice go to, and why?' }] },
      { model: MODELS[0], maxTokens: 1024, stream: true },
    );
    const compare = async (models: string[], concurrency: number) => {
      const started = performance.now();
      const comparison = await runComparison(request, { apiKey: API_KEY, baseUrl: server.url, source: { kind: 'cli' }, models, runsPerModel: RUNS, concurrency, maxRetries: 0 });
      const failed = comparison.runs.filter((r) => r.status !== 'ok');
      if (failed.length) {
        throw new Error(`${failed.length} runs failed: ${failed[0].record?.error?.message}`);
      }
      const elapsed = performance.now() - started;
      const perModel = models.map((m) => {
        const totals = comparison.runs.filter((r) => r.model === m).map((r) => Math.round(r.record?.timing.totalMs ?? 0));
        return `${m} ${totals.join('/')} ms`;
      });
      return { elapsed, perModel };
    };
    // Warm-up: the first call pays for the SDK's first load and the connection.
    await compare([MODELS[0]], 1);
    // The slowest model, by its runs alone.
    const alone = await Promise.all(MODELS.map(async (m) => ({ model: m, ...(await compare([m], 1)) })));
    const slowest = alone.reduce((a, b) => (b.elapsed > a.elapsed ? b : a));
    const all = await compare(MODELS, 4);
    console.log(`compare: stand-in at latency ${latency}, ${RUNS} runs per model; alone in sequence: ${alone.map((a) => `${a.model} ${Math.round(a.elapsed)} ms`).join(', ')}`);
    console.log(`4 models × ${RUNS} runs, concurrency 4: ${Math.round(all.elapsed)} ms (${all.perModel.join('; ')})`);
    report('compareConcurrency', [
      row(
        `compare 4 models × ${RUNS} runs, concurrency 4, vs slowest alone`,
        slowest.elapsed,
        all.elapsed,
        `The whole comparison against the slowest model's (${slowest.model}) ${RUNS} runs in sequence; at most 1.3 is the issue's bound, 1 would be perfect overlap.`,
      ),
    ]);
  } finally {
    await server.stop();
  }
}

runMain(main);
