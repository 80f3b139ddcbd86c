// `npm test`: every suite, in order, each with its own time bound and its output streamed as it comes, then a
// summary. Exits non-zero if any stage failed. What a stage needs is provided by an earlier stage (Chromium before
// the webview tests, code-server before the integration and UI tests), so on a fresh machine the install happens,
// and is said, before the tests that need it. A stage whose prerequisite failed (no Chromium: no webview tests) is
// not run and counted as failed, with the reason, at once.
//
// Usage: npm test -- [--only <stage,...>] [--skip <stage,...>]   (node scripts/run.js test [...])
// Stages (scripts/testStages.ts): compile, typecheck, lint, build, shells, unit, chromium, webview, vscode,
// integration, ui. `--only webview` runs the chromium stage first too; `--skip chromium` trusts that the browser is
// there.
import { exitWhenDone, isStopping } from './cleanup';
import { CommandError, runCommand } from './processes';
import { repoRoot } from './projectPaths';
import { PROVIDERS, STAGES, selectStages } from './testStages';
import { errorMessage, formatSeconds } from './waits';

type Result = 'passed' | 'failed' | 'skipped';
interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Adds the counts a stage printed: mocha's "N passing" / "N failing" / "N pending" lines, and the integration
 * runner's "N passing, N failing, N skipped".
 */
function addCounts(totals: Totals, output: string): void {
  // Colour codes would hide the numbers from the patterns.
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  for (const [pattern, key] of [[/(\d+) passing\b/g, 'passed'], [/(\d+) failing\b/g, 'failed'], [/(\d+) (?:pending|skipped)\b/g, 'skipped']] as const) {
    for (const match of text.matchAll(pattern)) {
      totals[key] += Number(match[1]);
    }
  }
}

/**
 * The failed tests a stage's output names, each as its title and the first line of its error: mocha lists them after
 * "N failing" as "  1) suite title" and the error below. Printed again in the summary, since a CI log is often read
 * from its end only.
 */
export function failedTests(output: string): string[] {
  const lines = output.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const found: string[] = [];
  let inFailures = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (/\b\d+ failing\b/.test(line)) {
      inFailures = true;
      continue;
    }
    const title = inFailures ? /^\s*(\d+)\) (.+)$/.exec(line) : null;
    if (!title) {
      continue;
    }
    // The title may go on over the next lines until the error's first line ("Error: ...", "AssertionError ...").
    let text = title[2].trim();
    let error = '';
    for (let next = index + 1; next < Math.min(lines.length, index + 8); next++) {
      const rest = lines[next].trim();
      if (/^\w*Error\b|^\w+Error:|^Error:/.test(rest)) {
        error = rest;
        break;
      }
      if (rest) {
        text += ` ${rest}`;
      }
    }
    found.push(`${text}${error ? `\n        ${error.slice(0, 300)}` : ''}`);
  }
  return found;
}

async function runStages(selected: string[]): Promise<number> {
  const started = Date.now();
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  const results: Array<{ name: string; what: string; result: Result; seconds: number; note: string }> = [];
  const failures: string[] = [];
  const outcome = new Map<string, Result>();
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
    let result: 'passed' | 'failed' = 'passed';
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
      // The output was streamed above; the first line of the error says how it ended, and a provider's last line
      // says why (what could not be installed or found).
      note = errorMessage(error).split('\n')[0];
      const lastLine = error instanceof CommandError ? error.tail.trim().split('\n').pop() : undefined;
      if (PROVIDERS.includes(stage.name) && lastLine) {
        note = lastLine;
      }
      addCounts(totals, errorMessage(error));
      const output = error instanceof CommandError ? error.output : errorMessage(error);
      failures.push(...failedTests(output).map((text) => `${stage.name}: ${text}`));
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
  if (failures.length > 0) {
    console.log('\nFailed tests');
    for (const text of failures) {
      console.log(`  ${text}`);
    }
  }
  const failed = results.filter((entry) => entry.result === 'failed').map((entry) => entry.name);
  console.log(`\n${failed.length === 0 ? 'All stages passed' : `Failed: ${failed.join(', ')}`} (${formatSeconds(Date.now() - started)} in all)`);
  // One closing line over every test of every stage, in the form CI reads for any language.
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failed.length === 0 ? 0 : 1;
}

/** `npm test`: bad arguments end it with 2, a failed stage with 1, Ctrl+C with 130. */
export function main(argv: string[]): void {
  let selected: string[];
  try {
    selected = selectStages(argv);
  } catch (error) {
    console.error(`npm test: ${errorMessage(error)}`);
    process.exit(2);
  }
  exitWhenDone(runStages(selected), (why) => `npm test: ${why}`, 2);
}
