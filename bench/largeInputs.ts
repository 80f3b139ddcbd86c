// Large inputs stay light (issue 15): each row is a budget (the baseline) against what was measured, so a ratio at
// or below 1 is within budget.
// - First diagnostics of a 5 MB and a 20 MB request file, in the extension host: what its thread spends (the check
//   itself runs in the worker thread, src/extension/requestFiles/checkThread.ts), with a cold worker, as when a file
//   is opened. And the check itself, in one thread, as the CLI makes it.
// - A keystroke (a stray quote) in a 5 MB file to updated diagnostics: the editor's debounce plus the worker's check
//   (as the editor asks it beside VS Code's JSON server; the figure without that server is printed too).
// - Activation: loading dist/extension.js and running activate(), outside VS Code with a stand-in `vscode` module
//   (every API call answers at once, so VS Code's own share is not in it; the integration suite times it in VS Code),
//   in a fresh process, with the code cache and without it (bench/lib/activation.ts).
//
//   node out/bench/largeInputs.js [--large-runs=3]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRequest } from '../src/core/requestFiles/diagnostics';
import { CHECK_DEBOUNCE_MS, CheckThread } from '../src/extension/requestFiles/checkThread';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';
import { median } from './lib/stats';
import { watchStalls } from '../test/support/stallWatch';

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const CONTEXT = { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' };

function requestFile(megabytes: number): string {
  const words = 'lorem ipsum dolor sit amet, {consectetur} [adipiscing] elit, \\"quoted\\" \\n ';
  const content = words.repeat(Math.ceil((megabytes * 1024 * 1024) / words.length));
  return `{\n  "model": "claude-haiku-5-5",\n  "max_tokens": 64,\n  "messages": [\n    {"role": "user", "content": "${content}"}\n  ]\n}\n`;
}

function withStrayQuote(text: string): string {
  let at = Math.floor(text.length / 2);
  while (text[at - 1] === '\\') {
    at++;
  }
  return `${text.slice(0, at)}"${text.slice(at)}`;
}

/** What this thread spends while `work` runs elsewhere: the longest gap between 2 ms timer ticks, and the wall time. */
async function hostThread<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number; wallMs: number }> {
  const stalls = watchStalls(2);
  const start = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - start;
    return { value, stallMs: stalls.stop(), wallMs };
  } finally {
    stalls.stop();
  }
}

async function firstDiagnostics(megabytes: number): Promise<{ hostMs: number; wallMs: number }> {
  const text = requestFile(megabytes);
  const thread = new CheckThread(path.join(DIST, 'checkWorker.js'));
  try {
    const { value, stallMs, wallMs } = await hostThread(() => thread.check('bench', text, CONTEXT));
    if (!value) {
      throw new Error('the check gave no answer');
    }
    return { hostMs: stallMs, wallMs };
  } finally {
    thread.dispose();
  }
}

/**
 * A keystroke, as the editor checks it: where VS Code's JSON language server shows the syntax errors (its default),
 * the editor asks the worker for the first one only (requestDiagnostics.ts); `syntaxErrors` undefined: all of them,
 * as without that server.
 */
async function keystroke(runs: number, syntaxErrors?: number): Promise<number[]> {
  const clean = requestFile(5);
  const broken = withStrayQuote(clean);
  const thread = new CheckThread(path.join(DIST, 'checkWorker.js'));
  const times: number[] = [];
  try {
    await thread.check('bench', clean, CONTEXT);
    for (let i = 0; i < runs; i++) {
      const text = i % 2 === 0 ? broken : clean;
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, CHECK_DEBOUNCE_MS));
      await thread.check('bench', text, { ...CONTEXT, syntaxErrors });
      times.push(performance.now() - start);
    }
  } finally {
    thread.dispose();
  }
  return times;
}

/**
 * Activation in a fresh process (bench/lib/activation.ts), as VS Code starts it: first without the code cache
 * (dist/main.js.cache, as after an install or an update: the first activation writes it), then with it.
 */
function activation(): { cold: { loadMs: number; activateMs: number }; warm: { loadMs: number; activateMs: number } } {
  const once = () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'lib', 'activation.js')], { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(`the activation run failed: ${result.stderr || result.error?.message}`);
    }
    return JSON.parse(result.stdout) as { loadMs: number; activateMs: number };
  };
  fs.rmSync(path.join(DIST, 'main.js.cache'), { force: true });
  const cold = once();
  if (!fs.existsSync(path.join(DIST, 'main.js.cache'))) {
    throw new Error('the first activation wrote no code cache (dist/main.js.cache)');
  }
  return { cold, warm: once() };
}

async function main(): Promise<void> {
  const runs = Math.max(1, Math.round(numberOption('large-runs', 3)));
  const act = activation();
  console.log(`activation, fresh process, stand-in vscode: load ${act.warm.loadMs.toFixed(1)} ms, activate ${act.warm.activateMs.toFixed(1)} ms; the first after a build (no code cache yet): load ${act.cold.loadMs.toFixed(1)} ms, activate ${act.cold.activateMs.toFixed(1)} ms`);
  const five = await firstDiagnostics(5);
  const twenty = await firstDiagnostics(20);
  console.log(`first diagnostics, cold worker: 5 MB host ${five.hostMs.toFixed(1)} ms (answer after ${five.wallMs.toFixed(0)} ms), 20 MB host ${twenty.hostMs.toFixed(1)} ms (answer after ${twenty.wallMs.toFixed(0)} ms)`);
  const inProcess = (megabytes: number): number => {
    const text = requestFile(megabytes);
    const start = performance.now();
    checkRequest(text, CONTEXT);
    return performance.now() - start;
  };
  const cli5 = median(Array.from({ length: runs }, () => inProcess(5)));
  const cli20 = median(Array.from({ length: runs }, () => inProcess(20)));
  console.log(`check in one thread (the CLI): 5 MB ${cli5.toFixed(0)} ms, 20 MB ${cli20.toFixed(0)} ms (median of ${runs})`);
  const keys = await keystroke(runs * 2, 1);
  console.log(`keystroke to diagnostics, 5 MB: ${keys.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const keysAll = await keystroke(runs * 2);
  console.log(`the same without VS Code's JSON server (every syntax error ours): ${keysAll.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  report('largeInputs', [
    row('first diagnostics 5 MB: host thread vs budget', 300, five.hostMs, 'Extension-host thread time (its longest stall) until the diagnostics of a 5 MB file opened with a cold worker; at most 1 is within budget.'),
    row('first diagnostics 20 MB: host thread vs budget', 1000, twenty.hostMs, 'The same for 20 MB, against its 1 s budget.'),
    row('check 5 MB in one thread (CLI) vs budget', 300, cli5, 'The whole check of a 5 MB file in one thread, as the CLI makes it, median; at most 1 is within budget.'),
    row('check 20 MB in one thread (CLI) vs budget', 1000, cli20, 'The same for 20 MB.'),
    row('keystroke in 5 MB to diagnostics vs budget', 400, median(keys), 'A stray quote typed (and removed) in a 5 MB file to its diagnostics: debounce plus the worker\'s check as the editor asks it (VS Code\'s JSON server shows the syntax errors), median.'),
    row('activation: load + activate vs budget', 30, act.warm.loadMs + act.warm.activateMs, 'Loading dist/extension.js and activate() outside VS Code (stand-in vscode, fresh process, with the code cache the first activation wrote); the SDK is not loaded.'),
    row('first activation after a build vs budget', 30, act.cold.loadMs + act.cold.activateMs, 'The same without the code cache: the first activation after an install or an update.'),
  ]);
}

runMain(main);
