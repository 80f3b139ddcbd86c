// The extension-tests entry VS Code loads in the extension host (`extensionTestsPath`): it finds the compiled suites
// next to it (out/test/integration/**/*.test.js) and runs them with mocha. Used both by @vscode/test-electron
// (runTest.ts, desktop VS Code) and by scripts/runIntegration.ts (code-server in Chromium).
//
// Output: each line of the reporter is one console.log call, marked with OUTPUT_MARK. Desktop VS Code under
// test-electron prints the extension host's console in the terminal that ran the tests; code-server forwards it to
// the workbench, which hands it to window.codeAutomationLog, where scripts/runIntegration.ts prints the marked lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { PANEL_WAIT_MS } from './support';

/**
 * The first webview of a fresh code-server session registers VS Code's webview service worker, which can take long
 * on a busy machine. Before the suites, a throwaway webview is opened and closed only once it has loaded (a webview
 * closed while loading would hold up the next one: see letWebviewsLoad in support.ts), so that the first suite's
 * panel does not pay for the workbench's start.
 */
async function warmUpWebviews(): Promise<void> {
  const panel = vscode.window.createWebviewPanel('claudeInspector.warmUp', 'Warm-up', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  const nonce = Math.random().toString(36).slice(2);
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';"></head>`
    + `<body><script nonce="${nonce}">acquireVsCodeApi().postMessage('up');</script></body></html>`;
  const started = Date.now();
  const answered = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), PANEL_WAIT_MS);
    panel.webview.onDidReceiveMessage(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  panel.dispose();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!answered || Date.now() - started > 5_000) {
    console.log(`${OUTPUT_MARK} (the first webview ${answered ? `loaded after ${seconds} s` : `had not loaded after ${seconds} s`}: the workbench was still warming up)`);
  }
}

/** Marks the lines runIntegration.js prints as test output, and tells them from the workbench's own console noise. */
export const OUTPUT_MARK = '[integration]';

export async function run(): Promise<void> {
  await warmUpWebviews();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: LineReporter,
    color: false,
    // Generous: a workbench still starting up on 2 cores slows the first tests.
    timeout: Number(process.env.CLAUDE_INSPECTOR_TEST_TIMEOUT_MS ?? 20_000),
  });
  const grep = process.env.CLAUDE_INSPECTOR_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of findSuites(__dirname)) {
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) {
          reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`));
        } else {
          resolve();
        }
      });
    } catch (error) {
      // A suite that throws while loading: say so here, or the run just ends with code 1.
      line(`Could not run the suites: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      reject(error);
    }
  });
}

/** Every *.test.js under `dir`, sorted so runs are in a stable order. */
function findSuites(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures') {
      found.push(...findSuites(full));
    } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

/**
 * A spec-like reporter that writes whole lines, each through console.log (forwarded by code-server to the
 * browser) as well as mocha's own output path, with the failure's message and stack after the summary.
 */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } =
      Mocha.Runner.constants;
    let depth = 0;
    const failures: Array<{ title: string; error: unknown }> = [];
    const indent = (): string => '  '.repeat(depth);
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (!suite.root) {
        line(`${indent()}${suite.title}`);
      }
      depth += 1;
    });
    runner.on('suite end', () => {
      depth -= 1;
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      line(`${indent()}✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      line(`${indent()}- ${test.title} (skipped)`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: unknown) => {
      failures.push({ title: test.fullTitle(), error });
      line(`${indent()}✘ ${failures.length}) ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = this.stats;
      line('');
      line(`${stats.passes} passing, ${stats.failures} failing, ${stats.pending} skipped (${stats.duration ?? 0} ms)`);
      failures.forEach(({ title, error }, index) => {
        line('');
        line(`${index + 1}) ${title}:`);
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        for (const part of text.split('\n')) {
          line(`   ${part}`);
        }
      });
    });
  }
}

function line(text: string): void {
  // One call per line: the browser console and the log files are line based.
  console.log(`${OUTPUT_MARK} ${text}`);
}
