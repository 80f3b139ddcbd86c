// Large inputs stay light (issue 15): each row is a budget (the baseline) against what was measured, so a ratio at
// or below 1 is within budget.
// - First diagnostics of a 5 MB and a 20 MB request file, in the extension host: what its thread spends (the check
//   itself runs in the worker thread, src/extension/requestFiles/checkThread.ts), with a cold worker, as when a file
//   is opened. And the check itself, in one thread, as the CLI makes it.
// - A keystroke (a stray quote) in a 5 MB and a 20 MB file to updated diagnostics: the editor's debounce plus the
//   worker's check (as the editor asks it beside VS Code's JSON server; the figure without that server is printed
//   too). And what each keystroke costs the host thread: the edits sent to the worker, against the whole text.
// - Activation: loading dist/extension.js and running activate(), outside VS Code with a stand-in `vscode` module
//   (every API call answers at once, so VS Code's own share is not in it; the integration suite times it in VS Code),
//   in a fresh process, with the code cache and without it (bench/lib/activation.ts).
//
//   node out/bench/largeInputs.js [--large-runs=3]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRequest } from '../src/core/requestFiles/diagnostics';
import { applyEdits, EditLog } from '../src/core/requestFiles/textEdits';
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

/** Where a stray quote typed in the middle of the long string ends it: not just after a backslash. */
function strayQuoteAt(text: string): number {
  let at = Math.floor(text.length / 2);
  while (text[at - 1] === '\\') {
    at++;
  }
  return at;
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
 * Keystrokes (a stray quote typed, then removed, by turns) in a file of `megabytes`, as the editor checks them: the
 * debounce, then the worker's check, told the edits since the version it holds (`edits`, as requestDiagnostics.ts
 * does) or sent the whole text (`text`, as before). `hostMs`: what the call costs this thread (reading and copying
 * what goes to the worker; VS Code's own getText() of a big document, which the edits also spare, is not in it).
 * Where VS Code's JSON language server shows the syntax errors (its default), the editor asks the worker for the
 * first one only (`syntaxErrors` 1); undefined: all of them, as without that server.
 */
async function keystrokes(megabytes: number, runs: number, send: 'edits' | 'text', syntaxErrors?: number): Promise<{ wallMs: number[]; hostMs: number[] }> {
  let text = requestFile(megabytes);
  const at = strayQuoteAt(text);
  let version = 1;
  const log = new EditLog(version);
  const document = {
    get version() {
      return version;
    },
    getText: () => text,
    editsSince: send === 'edits' ? (held: number) => log.since(held, version) : undefined,
  };
  const thread = new CheckThread(path.join(DIST, 'checkWorker.js'));
  const wallMs: number[] = [];
  const hostMs: number[] = [];
  try {
    await thread.check('bench', document, CONTEXT);
    for (let i = 0; i < runs; i++) {
      const edit = i % 2 === 0 ? { offset: at, length: 0, text: '"' } : { offset: at, length: 1, text: '' };
      text = applyEdits(text, [edit]);
      // As an editor's document is: one flat string (getText() joins its lines into a new one).
      text = flat(text);
      log.record(++version, [edit]);
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, CHECK_DEBOUNCE_MS));
      const posted = performance.now();
      const answer = thread.check('bench', document, { ...CONTEXT, syntaxErrors });
      hostMs.push(performance.now() - posted);
      log.trim(version);
      if (!(await answer)) {
        throw new Error('the check gave no answer');
      }
      wallMs.push(performance.now() - start);
    }
  } finally {
    thread.dispose();
  }
  return { wallMs, hostMs };
}

/** `text` as one flat string (a slice and a concatenation make a rope, which a copy would flatten first). */
function flat(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
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
  const keys = await keystrokes(5, runs * 2, 'edits', 1);
  console.log(`keystroke to diagnostics, 5 MB: ${keys.wallMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const keysAll = await keystrokes(5, runs * 2, 'edits');
  console.log(`the same without VS Code's JSON server (every syntax error ours): ${keysAll.wallMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const keys20 = await keystrokes(20, runs * 2, 'edits', 1);
  console.log(`keystroke to diagnostics, 20 MB: ${keys20.wallMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const whole5 = await keystrokes(5, runs * 2, 'text', 1);
  const whole20 = await keystrokes(20, runs * 2, 'text', 1);
  const host = (k: { hostMs: number[] }) => k.hostMs.map((ms) => ms.toFixed(2)).join(', ');
  console.log(`host thread per keystroke, edits sent: 5 MB ${host(keys)} ms, 20 MB ${host(keys20)} ms`);
  console.log(`host thread per keystroke, whole text sent (before): 5 MB ${host(whole5)} ms, 20 MB ${host(whole20)} ms; keystroke to diagnostics then, 20 MB: ${whole20.wallMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  report('largeInputs', [
    row('first diagnostics 5 MB: host thread vs budget', 300, five.hostMs, 'Extension-host thread time (its longest stall) until the diagnostics of a 5 MB file opened with a cold worker; at most 1 is within budget.'),
    row('first diagnostics 20 MB: host thread vs budget', 1000, twenty.hostMs, 'The same for 20 MB, against its 1 s budget.'),
    row('check 5 MB in one thread (CLI) vs budget', 300, cli5, 'The whole check of a 5 MB file in one thread, as the CLI makes it, median; at most 1 is within budget.'),
    row('check 20 MB in one thread (CLI) vs budget', 1000, cli20, 'The same for 20 MB.'),
    row('keystroke in 5 MB to diagnostics vs budget', 400, median(keys.wallMs), 'A stray quote typed (and removed) in a 5 MB file to its diagnostics: debounce plus the worker\'s check as the editor asks it (the edits; VS Code\'s JSON server shows the syntax errors), median.'),
    row('keystroke in 20 MB to diagnostics vs budget', 1000, median(keys20.wallMs), 'The same in a 20 MB file, against 1 s.'),
    row('host thread per keystroke 5 MB: edits vs whole text', median(whole5.hostMs), median(keys.hostMs), 'What a keystroke in a 5 MB file costs the extension host\'s thread, the edits sent to the worker against the whole text (before), median; VS Code\'s getText() of the document, no longer needed, is not in the baseline.'),
    row('host thread per keystroke 20 MB: edits vs whole text', median(whole20.hostMs), median(keys20.hostMs), 'The same in a 20 MB file.'),
    row('activation: load + activate vs budget', 30, act.warm.loadMs + act.warm.activateMs, 'Loading dist/extension.js and activate() outside VS Code (stand-in vscode, fresh process, with the code cache the first activation wrote); the SDK is not loaded.'),
    row('first activation after a build vs budget', 30, act.cold.loadMs + act.cold.activateMs, 'The same without the code cache: the first activation after an install or an update.'),
  ]);
}

runMain(main);
