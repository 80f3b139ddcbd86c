// `npm run bench`: builds the bundles, compiles (tsc -p .), then runs each benchmark, out/bench/<name>.js for
// every bench/<name>.ts, in its own process with a time bound, its details streamed as they come; then prints ONE
// table of every benchmark's rows (baseline, measured, ratio) and, after a complete run, writes it into
// bench/RESULTS.md as today's dated section (replacing an earlier one of the same day; notes written below a
// section's end marker are kept).
//
// Usage: npm run bench -- [--only name,...] [--no-build] [--no-record] [--name=value ...]
//   --name=value options go to every benchmark (e.g. --stream-mb=1, --first-paint-mb=4, --send-iterations=500);
//   BENCH_NAME=value environment variables do the same. See the head of each bench/*.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine } from './args';
import { buildFor } from './build';
import { exitWhenDone, isStopping } from './cleanup';
import { runCommand } from './processes';
import { repoRoot } from './projectPaths';
import { chromiumVersion, ensureChromium, versionLine } from './provideChromium';
import { errorMessage, formatSeconds } from './waits';

const node = process.execPath;
const benchDir = path.join(repoRoot, 'bench');
const outDir = path.join(repoRoot, 'out', 'bench');
const resultsFile = path.join(benchDir, 'RESULTS.md');
/** Benchmarks that drive the panel in Chromium. */
const BROWSER_BENCHMARKS = /^webview/;
const DEFAULT_TIMEOUT_S = 240;
/** Benchmarks that need longer than the default: the workbench ones package the extension and start code-server. */
const TIMEOUT_S: Readonly<Record<string, number>> = { workbenchStream: 360, workbenchRequests: 420, workbenchTyping: 360, workbenchTypingMessages: 360 };
/** The order of the table: the issue's order; benchmarks added later follow, by name. */
const ORDER = ['webviewStreaming', 'webviewFirstPaint', 'sendOverhead'];

interface Row {
  benchmark: string;
  baseline: number;
  measured: number;
  unit: string;
  ratio: number;
  what: string;
}

interface BenchOptions {
  selected: string[];
  build: boolean;
  record: boolean;
  passThrough: string[];
  partial: boolean;
}

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index < 0 ? ORDER.length : index;
}

function parseOptions(argv: string[]): BenchOptions {
  const available = fs
    .readdirSync(benchDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  // --name=value options are the benchmarks' own: passed on as they are, the rest is the runner's.
  const own = /^--(only|no-build|no-record)(=|$)/;
  const passThrough = argv.filter((arg) => /^--[a-z][a-z0-9-]*=/.test(arg) && !own.test(arg));
  const values = parseCommandLine(argv.filter((arg) => !passThrough.includes(arg)), {
    only: { type: 'string' },
    'no-build': { type: 'boolean' },
    'no-record': { type: 'boolean' },
  }, 'npm run bench -- [--only name,...] [--no-build] [--no-record] [--name=value ...]');
  let selected = available;
  if (values.only !== undefined) {
    const picked = values.only.split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = picked.filter((name) => !available.includes(name));
    if (picked.length === 0 || unknown.length > 0) {
      throw new Error(`Unknown benchmark(s) ${JSON.stringify(unknown)}; benchmarks: ${available.join(', ')}`);
    }
    selected = available.filter((name) => picked.includes(name));
  }
  return {
    selected,
    build: !values['no-build'],
    record: !values['no-record'],
    passThrough,
    partial: selected.length < available.length,
  };
}

function formatMs(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return Math.abs(value) >= 100 ? `${Math.round(value)} ms` : `${value.toPrecision(3)} ms`;
}

/** The one table: every row of every benchmark, and a line for each benchmark that failed. */
function formatTable(rows: Row[], failed: string[]): string {
  const width = Math.max(42, ...rows.map((r) => r.benchmark.length)) + 2;
  const lines = [`${'benchmark'.padEnd(width)}${'baseline'.padStart(12)}${'measured'.padStart(12)}${'ratio'.padStart(9)}`];
  for (const r of rows) {
    lines.push(`${r.benchmark.padEnd(width)}${formatMs(r.baseline).padStart(12)}${formatMs(r.measured).padStart(12)}${r.ratio.toFixed(2).padStart(9)}`);
  }
  for (const name of failed) {
    lines.push(`${`${name}: FAILED (see its output above)`.padEnd(width)}`);
  }
  return lines.join('\n');
}

/** "Debian GNU/Linux 12 (bookworm)" or the kernel when there is no os-release. */
function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
    if (pretty) {
      return pretty[1];
    }
  } catch {
    // Not Linux, or no os-release: the kernel says enough.
  }
  return `${os.type()} ${os.release()}`;
}

/** The local date, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Writes (or replaces) today's section of bench/RESULTS.md. A section is `## DATE` ... `<!-- /bench DATE -->`;
 * whatever follows the end marker (notes by hand) is kept.
 */
function recordResults(run: { date: string; machine: string[]; table: string; rows: Row[]; options: string[] }): void {
  const header =
    '# Benchmark results\n\n' +
    'Written by `npm run bench` (scripts/bench.ts): one section per day, the newest first. Each row compares a\n' +
    'measured figure with a baseline taken in the same command; the ratio is measured / baseline. Notes under a\n' +
    "section's end marker are written by hand and kept when the day's section is written again.\n";
  let text = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : header;
  const section = [
    `## ${run.date}`,
    '',
    ...run.machine.map((line) => `- ${line}`),
    ...(run.options.length > 0 ? [`- options: \`${run.options.join(' ')}\``] : []),
    '',
    '```',
    run.table,
    '```',
    '',
    'What each row shows:',
    '',
    ...run.rows.map((r) => `- **${r.benchmark}**: ${r.what}`),
    '',
    `<!-- /bench ${run.date} -->`,
  ].join('\n');
  const start = text.indexOf(`\n## ${run.date}\n`);
  const endMarker = `<!-- /bench ${run.date} -->`;
  const end = text.indexOf(endMarker);
  if (start >= 0 && end > start) {
    text = `${text.slice(0, start + 1)}${section}${text.slice(end + endMarker.length)}`;
  } else {
    const firstSection = text.search(/\n## \d{4}-\d{2}-\d{2}\n/);
    text = firstSection >= 0 ? `${text.slice(0, firstSection + 1)}${section}\n\n${text.slice(firstSection + 1)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  fs.writeFileSync(resultsFile, text);
}

async function runBenchmarks(options: BenchOptions): Promise<number> {
  const started = Date.now();
  if (options.build) {
    console.log('=== build (the bundles) and compile (tsc -p .) ===');
    await buildFor('[bench]', { bundle: true, compile: true });
  }
  const machine = [
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${osName()}`,
    `Node ${process.version}`,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.selected.some((name) => BROWSER_BENCHMARKS.test(name))) {
    const chromium = await ensureChromium();
    env.CHROMIUM_PATH = chromium;
    const playwright = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version;
    machine.push(`${versionLine(await chromiumVersion(chromium))}, headless, driven by playwright-core ${playwright}`);
  }
  const askedS = process.env.BENCH_TIMEOUT_S === undefined ? undefined : Number(process.env.BENCH_TIMEOUT_S);
  if (askedS !== undefined && (!Number.isFinite(askedS) || askedS <= 2)) {
    throw new Error(`BENCH_TIMEOUT_S must be a number of seconds above 2, not ${JSON.stringify(process.env.BENCH_TIMEOUT_S)}`);
  }
  const rows: Row[] = [];
  const failed: string[] = [];
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-bench-'));
  try {
    for (const name of options.selected) {
      const file = path.join(outDir, `${name}.js`);
      console.log(`\n=== ${name} ===`);
      const benchStarted = Date.now();
      const resultFile = path.join(resultsDir, `${name}.json`);
      // BENCH_TIMEOUT_S, when set, bounds every benchmark; the benchmark is told its bound (bench/lib/report.ts runMain).
      const timeoutS = askedS ?? TIMEOUT_S[name] ?? DEFAULT_TIMEOUT_S;
      try {
        if (!fs.existsSync(file)) {
          throw new Error(`${path.relative(repoRoot, file)} is missing: compile first (drop --no-build)`);
        }
        await runCommand(node, [file, ...options.passThrough], {
          cwd: repoRoot,
          env: { ...env, BENCH_RESULTS: resultFile, BENCH_TIMEOUT_S: String(timeoutS) },
          timeoutMs: timeoutS * 1000,
          echo: true,
          label: name,
        });
        const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
        rows.push(...result.rows);
        console.log(`=== ${name}: done in ${formatSeconds(Date.now() - benchStarted)} ===`);
      } catch (error) {
        failed.push(name);
        console.log(`=== ${name}: FAILED after ${formatSeconds(Date.now() - benchStarted)}: ${errorMessage(error).split('\n')[0]} ===`);
      }
      if (isStopping()) {
        return 130;
      }
    }
  } finally {
    fs.rmSync(resultsDir, { recursive: true, force: true });
  }
  const table = formatTable(rows, failed);
  console.log(`\n${machine.join('; ')}\n\n${table}\n`);
  const passThrough = [...options.passThrough, ...Object.keys(process.env).filter((k) => /^BENCH_/.test(k) && k !== 'BENCH_RESULTS').map((k) => `${k}=${process.env[k]}`)];
  if (!options.record) {
    console.log('Not written to bench/RESULTS.md (--no-record).');
  } else if (failed.length > 0 || options.partial) {
    console.log(`Not written to bench/RESULTS.md: ${failed.length > 0 ? 'a benchmark failed' : 'not every benchmark ran (--only)'}.`);
  } else {
    recordResults({ date: today(), machine, table, rows, options: passThrough });
    console.log(`Written to bench/RESULTS.md (section ${today()}).`);
  }
  console.log(`${formatSeconds(Date.now() - started)} in all`);
  return failed.length === 0 ? 0 : 1;
}

/** `npm run bench`: bad arguments and a failed build end it with 2, a failed benchmark with 1. */
export function main(argv: string[]): void {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`npm run bench: ${errorMessage(error)}`);
    process.exit(2);
  }
  exitWhenDone(runBenchmarks(options), (why) => `npm run bench: ${why}`, 2);
}
