// @ts-check
'use strict';
// `npm run bench`: builds (node esbuild.js), compiles (tsc -p .), then runs each benchmark, out/bench/<name>.js for
// every bench/<name>.ts, in its own process with a time bound, its details streamed as they come; then prints ONE
// table of every benchmark's rows (baseline, measured, ratio) and, after a complete run, writes it into
// bench/RESULTS.md as today's dated section (replacing an earlier one of the same day; notes written below a
// section's end marker are kept).
//
// Usage: node scripts/bench.js [--only name,...] [--no-build] [--no-record] [--name=value ...]
//   --name=value options go to every benchmark (e.g. --stream-mb=1, --first-paint-mb=4, --send-iterations=500);
//   BENCH_NAME=value environment variables do the same. See the head of each bench/*.ts.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { repoRoot } = require('./projectPaths');
const { errorMessage, formatSeconds, isStopping, runCleanups, runCommand } = require('./processes');
const { ensureChromium, chromiumVersion } = require('./provideChromium');

const node = process.execPath;
const benchDir = path.join(repoRoot, 'bench');
const outDir = path.join(repoRoot, 'out', 'bench');
const resultsFile = path.join(benchDir, 'RESULTS.md');
/** Benchmarks that drive the panel in Chromium. */
const BROWSER_BENCHMARKS = /^webview/;
const DEFAULT_TIMEOUT_S = 240;
/** The order of the table: the issue's order; benchmarks added later follow, by name. */
const ORDER = ['webviewStreaming', 'webviewFirstPaint', 'sendOverhead'];

/**
 * @typedef {object} Row
 * @property {string} benchmark
 * @property {number} baseline
 * @property {number} measured
 * @property {string} unit
 * @property {number} ratio
 * @property {string} what
 */

/** @param {string} name */
function rank(name) {
  const index = ORDER.indexOf(name);
  return index < 0 ? ORDER.length : index;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const available = fs
    .readdirSync(benchDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  /** @type {{ selected: string[], build: boolean, record: boolean, passThrough: string[], partial: boolean }} */
  const options = { selected: available, build: true, record: true, passThrough: [], partial: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const picked = (argv[++i] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = picked.filter((name) => !available.includes(name));
      if (picked.length === 0 || unknown.length > 0) {
        throw new Error(`Unknown benchmark(s) ${JSON.stringify(unknown)}; benchmarks: ${available.join(', ')}`);
      }
      options.selected = available.filter((name) => picked.includes(name));
      options.partial = options.selected.length < available.length;
    } else if (arg === '--no-build') {
      options.build = false;
    } else if (arg === '--no-record') {
      options.record = false;
    } else if (/^--[a-z][a-z0-9-]*=/.test(arg)) {
      options.passThrough.push(arg);
    } else {
      throw new Error(`Unknown argument ${arg}. Usage: node scripts/bench.js [--only name,...] [--no-build] [--no-record] [--name=value ...]`);
    }
  }
  return options;
}

/** @param {number} value */
function formatMs(value) {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return Math.abs(value) >= 100 ? `${Math.round(value)} ms` : `${value.toPrecision(3)} ms`;
}

/**
 * The one table: every row of every benchmark, and a line for each benchmark that failed.
 * @param {Row[]} rows
 * @param {string[]} failed
 */
function formatTable(rows, failed) {
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
function osName() {
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
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Writes (or replaces) today's section of bench/RESULTS.md. A section is `## DATE` ... `<!-- /bench DATE -->`;
 * whatever follows the end marker (notes by hand) is kept.
 * @param {{ date: string, machine: string[], table: string, rows: Row[], options: string[] }} run
 */
function recordResults(run) {
  const header =
    '# Benchmark results\n\n' +
    'Written by `npm run bench` (scripts/bench.js): one section per day, the newest first. Each row compares a\n' +
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

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (options.build) {
    console.log('=== build (node esbuild.js) and compile (tsc -p .) ===');
    await runCommand(node, ['esbuild.js'], { cwd: repoRoot, timeoutMs: 3 * 60_000, echo: true, label: 'node esbuild.js' });
    await runCommand(node, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
      cwd: repoRoot,
      timeoutMs: 5 * 60_000,
      echo: true,
      label: 'tsc -p .',
    });
  }
  const machine = [
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${osName()}`,
    `Node ${process.version}`,
  ];
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env };
  if (options.selected.some((name) => BROWSER_BENCHMARKS.test(name))) {
    const chromium = await ensureChromium();
    env.CHROMIUM_PATH = chromium;
    const playwright = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version;
    // Debian's wrapper script may print a warning of its own before the version line.
    const versionLines = (await chromiumVersion(chromium)).split('\n');
    const version = versionLines.find((line) => /^(Chromium|Google Chrome)\b/.test(line)) ?? versionLines[versionLines.length - 1];
    machine.push(`${version.trim()}, headless, driven by playwright-core ${playwright}`);
  }
  const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? DEFAULT_TIMEOUT_S) * 1000;
  /** @type {Row[]} */
  const rows = [];
  /** @type {string[]} */
  const failed = [];
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-bench-'));
  try {
    for (const name of options.selected) {
      const file = path.join(outDir, `${name}.js`);
      console.log(`\n=== ${name} ===`);
      const benchStarted = Date.now();
      const resultFile = path.join(resultsDir, `${name}.json`);
      try {
        if (!fs.existsSync(file)) {
          throw new Error(`${path.relative(repoRoot, file)} is missing: compile first (drop --no-build)`);
        }
        await runCommand(node, [file, ...options.passThrough], {
          cwd: repoRoot,
          env: { ...env, BENCH_RESULTS: resultFile },
          timeoutMs,
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

main().then(
  async (code) => {
    await runCleanups();
    process.exit(code);
  },
  async (error) => {
    console.error(`scripts/bench.js: ${errorMessage(error)}`);
    await runCleanups();
    process.exit(2);
  },
);
