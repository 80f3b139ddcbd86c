// Large inputs stay light (issue 15): each row is a budget (the baseline) against what was measured, so a ratio at
// or below 1 is within budget.
// - First diagnostics of a 5 MB and a 20 MB request file, in the extension host: what its thread spends (the check
//   itself runs in the worker thread, src/extension/requestFiles/checkThread.ts), with a cold worker, as when a file
//   is opened. And the check itself, in one thread, as the CLI makes it.
// - A keystroke (a stray quote) in a 5 MB file to updated diagnostics: the editor's debounce plus the worker's check
//   (as the editor asks it beside VS Code's JSON server; the figure without that server is printed too).
// - Activation: loading dist/extension.js and running activate(), outside VS Code with a stand-in `vscode` module
//   (every API call answers at once, so VS Code's own share is not in it; the integration suite times it in VS Code).
//
//   node out/bench/largeInputs.js [--large-runs=3]
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkRequest } from '../src/core/diagnostics';
import { CHECK_DEBOUNCE_MS, CheckThread } from '../src/extension/requestFiles/checkThread';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';
import { median } from './lib/stats';

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
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 2);
  const start = performance.now();
  try {
    const value = await work();
    const now = performance.now();
    return { value, stallMs: Math.max(stallMs, now - last), wallMs: now - start };
  } finally {
    clearInterval(ticker);
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

/** Where the stand-in `vscode`'s URIs point: activation creates nothing there (the history writes on the first call). */
const STORAGE = path.join(os.tmpdir(), 'claude-inspector-bench-storage');

/** Loads the bundle in a fresh module cache with a `vscode` whose every member is a no-op, then activates it. */
function activation(): { loadMs: number; activateMs: number } {
  // A function target (not an arrow): `new vscode.EventEmitter()` must work too.
  const member = (): object => new Proxy(function () {}, handler);
  const handler: ProxyHandler<() => void> = {
    // A path-like member is a path (the history's folder is joined from globalStorageUri.fsPath at activation).
    get: (_target, property) => (property === 'then' ? undefined : property === 'fsPath' || property === 'path' ? STORAGE : member()),
    apply: () => member(),
    construct: () => member(),
  };
  const stub = member();
  const vscode: Record<string, unknown> = { __esModule: true };
  for (const name of ['commands', 'window', 'workspace', 'languages', 'env', 'extensions', 'Uri', 'EventEmitter', 'Range', 'Position', 'Diagnostic', 'DiagnosticSeverity', 'CodeLens', 'ViewColumn', 'ConfigurationTarget', 'CompletionItem', 'CompletionItemKind', 'ProgressLocation', 'StatusBarAlignment', 'ThemeColor', 'ThemeIcon', 'MarkdownString', 'Selection', 'WorkspaceEdit', 'TextEdit', 'CancellationTokenSource', 'Disposable']) {
    vscode[name] = stub;
  }
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  try {
    const bundle = path.join(DIST, 'extension.js');
    delete require.cache[bundle];
    const start = performance.now();
    const extension = require(bundle) as { activate(context: unknown): unknown };
    const loaded = performance.now();
    extension.activate({ subscriptions: [], extensionUri: stub, secrets: stub, globalState: { get: () => undefined, update: async () => undefined }, globalStorageUri: stub });
    const activated = performance.now();
    if (Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}sdk.js`))) {
      throw new Error('activation loaded the SDK');
    }
    return { loadMs: loaded - start, activateMs: activated - loaded };
  } finally {
    loader._load = load;
  }
}

async function main(): Promise<void> {
  const runs = Math.max(1, Math.round(numberOption('large-runs', 3)));
  const act = activation();
  console.log(`activation: load ${act.loadMs.toFixed(1)} ms, activate ${act.activateMs.toFixed(1)} ms (fresh process, stand-in vscode)`);
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
    row('activation: load + activate vs budget', 30, act.loadMs + act.activateMs, 'Loading dist/extension.js and activate() outside VS Code (stand-in vscode, fresh process); the SDK is not loaded.'),
  ]);
}

runMain(main);
