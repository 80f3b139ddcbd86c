// The rows a benchmark reports. Each benchmark prints its own details, then its rows; when run by
// scripts/bench.ts (BENCH_RESULTS names a file) the rows also go to that file, for the one table at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ms } from './stats';

export interface Row {
  /** What is compared, e.g. "webview stream 2x vs 1x (0.5 MB)". */
  benchmark: string;
  /** The reference figure: the same work at the base size, the bare fetch, the idle page... */
  baseline: number;
  measured: number;
  /** Units of baseline and measured. */
  unit: 'ms';
  /** measured / baseline. */
  ratio: number;
  /** One sentence: what the row shows and what a good ratio is. */
  what: string;
}

export function row(benchmark: string, baseline: number, measured: number, what: string): Row {
  return { benchmark, baseline, measured, unit: 'ms', ratio: measured / baseline, what };
}

export function formatRows(rows: readonly Row[]): string {
  const lines = [`${'benchmark'.padEnd(52)} ${'baseline'.padStart(12)} ${'measured'.padStart(12)} ${'ratio'.padStart(8)}`];
  for (const r of rows) {
    lines.push(`${r.benchmark.padEnd(52)} ${ms(r.baseline).padStart(12)} ${ms(r.measured).padStart(12)} ${r.ratio.toFixed(2).padStart(8)}`);
  }
  return lines.join('\n');
}

/** Prints the rows and hands them to scripts/bench.ts when it is the caller. */
export function report(source: string, rows: readonly Row[], details: Record<string, unknown> = {}): void {
  console.log(`\n${formatRows(rows)}`);
  const file = process.env.BENCH_RESULTS;
  if (file) {
    fs.writeFileSync(file, JSON.stringify({ source, rows, details }, null, 2));
  }
}

/**
 * Runs a benchmark's main function with a readable failure and a non-zero exit, within a bound: BENCH_TIMEOUT_S
 * (240 s by default), the one scripts/bench.ts gives each benchmark's process. Run alone (`node out/bench/x.js`) a
 * benchmark ends by it too; under scripts/bench.ts it says so a moment before the runner would kill it in silence.
 */
export function runMain(main: () => Promise<void>): void {
  const asked = Number(process.env.BENCH_TIMEOUT_S);
  const boundS = Number.isFinite(asked) && asked > 2 ? asked : 240;
  const name = path.basename(process.argv[1] ?? 'benchmark', '.js');
  const bound = setTimeout(() => {
    console.error(`${name}: still running after ${boundS - 2} s, stopped (BENCH_TIMEOUT_S=<seconds> gives it longer)`);
    process.exit(1);
  }, (boundS - 2) * 1000);
  bound.unref();
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
