// @ts-check
'use strict';
// `npm test`: every suite, in order, each with its own time bound and its output streamed as it comes, then a
// summary. Exits non-zero if any stage failed. A stage whose prerequisite failed (no build: no integration or UI
// tests) is skipped and counted as failed.
//
// Usage: node scripts/test.js [--only <stage,...>] [--skip <stage,...>]
// Stages: compile, build, unit, webview, provide, integration, ui

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./projectPaths');
const { errorMessage, formatSeconds, isStopping, runCleanups, runCommand } = require('./processes');

const node = process.execPath;
const bin = {
  tsc: path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
  mocha: path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
};

/**
 * @typedef {object} Stage
 * @property {string} name
 * @property {string} what
 * @property {string} command
 * @property {string[]} args
 * @property {number} timeoutMs
 * @property {string[]} [needs] stages that must have passed
 * @property {() => string | undefined} [skipIf] a reason to skip (passes), e.g. no tests of that kind yet
 */

/** @type {Stage[]} */
const STAGES = [
  {
    name: 'compile',
    what: 'type-check and compile (tsc -p .)',
    command: node,
    args: [bin.tsc, '-p', '.'],
    timeoutMs: 5 * 60_000,
  },
  {
    name: 'build',
    what: 'build the bundles (node esbuild.js)',
    command: node,
    args: ['esbuild.js'],
    timeoutMs: 3 * 60_000,
  },
  {
    name: 'unit',
    what: 'unit tests (mocha, .mocharc.json)',
    command: node,
    args: [bin.mocha],
    timeoutMs: 10 * 60_000,
  },
  {
    name: 'webview',
    what: 'webview tests (mocha out/test/webview)',
    command: node,
    // --no-config: .mocharc.json's spec (the unit tests) would be added to these.
    args: [bin.mocha, '--no-config', '--reporter', 'spec', '--timeout', '60000', 'out/test/webview/**/*.test.js'],
    timeoutMs: 10 * 60_000,
    skipIf: () => (findTests(path.join(repoRoot, 'out', 'test', 'webview')) ? undefined : 'no webview tests yet'),
  },
  {
    name: 'provide',
    what: 'provide VS Code (code-server) and Chromium, installed on first use',
    command: node,
    args: ['-e', 'require("./scripts/provideVscode").ensureCodeServer()'
      + '.then(() => require("./scripts/provideChromium").ensureChromium())'
      + '.then((p) => console.log("ready: code-server and " + p), (e) => { console.error(e.message); process.exit(1); })'],
    timeoutMs: 25 * 60_000,
  },
  {
    name: 'integration',
    what: 'integration suites in VS Code (scripts/runIntegration.js)',
    command: node,
    args: ['scripts/runIntegration.js', '--no-build', '--timeout', '420'],
    timeoutMs: 10 * 60_000,
    needs: ['build', 'provide'],
  },
  {
    name: 'ui',
    what: 'UI tests in the workbench (scripts/runUi.js)',
    command: node,
    args: ['scripts/runUi.js', '--no-build', '--timeout', '600'],
    timeoutMs: 13 * 60_000,
    needs: ['build', 'provide'],
  },
];

/**
 * Adds the counts a stage printed: mocha's "N passing" / "N failing" / "N pending" lines, and the integration
 * runner's "N passing, N failing, N skipped".
 * @param {{ passed: number, failed: number, skipped: number }} totals
 * @param {string} output
 */
function addCounts(totals, output) {
  // Colour codes would hide the numbers from the patterns.
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  for (const [pattern, key] of /** @type {const} */ ([[/(\d+) passing\b/g, 'passed'], [/(\d+) failing\b/g, 'failed'], [/(\d+) (?:pending|skipped)\b/g, 'skipped']])) {
    for (const match of text.matchAll(pattern)) {
      totals[key] += Number(match[1]);
    }
  }
}

/** @param {string} dir */
function findTests(dir) {
  if (!fs.existsSync(dir)) {
    return false;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && findTests(path.join(dir, entry.name))) {
      return true;
    }
    if (entry.isFile() && entry.name.endsWith('.test.js')) {
      return true;
    }
  }
  return false;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const names = STAGES.map((stage) => stage.name);
  /** @param {string | undefined} list */
  const parseList = (list) => {
    const picked = (list ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = picked.filter((name) => !names.includes(name));
    if (unknown.length > 0 || picked.length === 0) {
      throw new Error(`Unknown stage(s) ${JSON.stringify(unknown)}; stages: ${names.join(', ')}`);
    }
    return picked;
  };
  let selected = names;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') {
      const only = parseList(argv[++i]);
      selected = names.filter((name) => only.includes(name));
    } else if (argv[i] === '--skip') {
      const skip = parseList(argv[++i]);
      selected = selected.filter((name) => !skip.includes(name));
    } else {
      throw new Error(`Unknown argument ${argv[i]}. Usage: node scripts/test.js [--only a,b] [--skip a,b]`);
    }
  }
  return selected;
}

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  /** @type {Array<{ name: string, what: string, result: 'passed' | 'failed' | 'skipped', seconds: number, note: string }>} */
  const results = [];
  /** @type {Map<string, 'passed' | 'failed' | 'skipped'>} */
  const outcome = new Map();
  for (const stage of STAGES) {
    if (!selected.includes(stage.name)) {
      continue;
    }
    const missing = (stage.needs ?? []).filter((name) => outcome.get(name) === 'failed');
    if (missing.length > 0) {
      results.push({ name: stage.name, what: stage.what, result: 'failed', seconds: 0, note: `not run: ${missing.join(', ')} failed` });
      outcome.set(stage.name, 'failed');
      continue;
    }
    const skipReason = stage.skipIf?.();
    if (skipReason) {
      results.push({ name: stage.name, what: stage.what, result: 'skipped', seconds: 0, note: skipReason });
      outcome.set(stage.name, 'skipped');
      continue;
    }
    console.log(`\n=== ${stage.name}: ${stage.what} ===`);
    const stageStart = Date.now();
    let result = /** @type {'passed' | 'failed'} */ ('passed');
    let note = '';
    try {
      const { output } = await runCommand(stage.command, stage.args, {
        cwd: repoRoot,
        timeoutMs: stage.timeoutMs,
        echo: true,
        label: stage.name,
      });
      addCounts(totals, output);
    } catch (error) {
      result = 'failed';
      // The output was streamed above; the first line of the error says how it ended.
      note = errorMessage(error).split('\n')[0];
      addCounts(totals, errorMessage(error));
    }
    const seconds = (Date.now() - stageStart) / 1000;
    if (isStopping()) {
      console.log(`=== ${stage.name}: interrupted after ${seconds.toFixed(1)} s; no further stages ===`);
      return 130;
    }
    console.log(`=== ${stage.name}: ${result} in ${seconds.toFixed(1)} s ===`);
    results.push({ name: stage.name, what: stage.what, result, seconds, note });
    outcome.set(stage.name, result);
  }

  console.log('\nSummary');
  for (const { name, result, seconds, note } of results) {
    const mark = result === 'passed' ? 'PASS' : result === 'skipped' ? 'SKIP' : 'FAIL';
    console.log(`  ${mark}  ${name.padEnd(12)} ${seconds > 0 ? `${seconds.toFixed(1).padStart(6)} s` : '        '}  ${note}`);
  }
  const failed = results.filter((entry) => entry.result === 'failed').map((entry) => entry.name);
  console.log(`\n${failed.length === 0 ? 'All stages passed' : `Failed: ${failed.join(', ')}`} (${formatSeconds(Date.now() - started)} in all)`);
  // One closing line over every test of every stage, in the form CI reads for any language.
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failed.length === 0 ? 0 : 1;
}

main().then(async (code) => {
  await runCleanups();
  process.exit(code);
}, async (error) => {
  console.error(`scripts/test.js: ${errorMessage(error)}`);
  await runCleanups();
  process.exit(2);
});
