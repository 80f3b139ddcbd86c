// Runs the integration suites (out/test/integration/**/*.test.js, through the mocha entry
// out/test/integration/index.js) inside a real VS Code on this machine: code-server's Node extension host, driven by
// headless Chromium. This is what @vscode/test-electron does on a desktop (see test/integration/runTest.ts), by the
// workbench's own test hooks:
//   - the workbench URL carries a `payload` with extensionDevelopmentPath and extensionTestsPath as vscode-remote://
//     URIs (code-server serves any absolute path of this machine under vscode-remote://HOST:PORT/abs/path), so the
//     extension host loads the extension from the repo and runs the tests' `run()`;
//   - with extensionTestsPath set, the workbench calls window.codeAutomationExit(code) when `run()` settles (0 when
//     it resolves, 1 when it rejects or throws), and window.codeAutomationLog(type, args) with its log lines, which
//     include the extension host's console output. Both are provided here with playwright's page.exposeFunction.
// How the tests' output reaches this terminal: see printTestOutput below.
//
// Usage: node scripts/run.js runIntegration [--no-build] [--timeout <seconds>] [--grep <pattern>] [--verbose]
//   --no-build   skip the bundles and `tsc -p .` (npm test has just done them)
//   --timeout    overall time bound, default 300 s; the run fails clearly when it is exceeded
//   --grep       run only the tests whose full title matches
//   --verbose    also print the workbench's and code-server's own log lines
// Env: this script's environment is passed on to the extension host, e.g. CLAUDE_INSPECTOR_FAIL_ON_PURPOSE=1 turns
// on a deliberately failing test (the run must then exit 1). ANTHROPIC_API_KEY is not passed on, and
// ANTHROPIC_BASE_URL is set to an address that refuses connections.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, seconds } from './args';
import { launchBrowser } from './browser';
import { buildFor } from './build';
import { finishScript } from './cleanup';
import { profile, remoteUri, startCodeServer, workbenchUrl } from './codeServer';
import { fixturesWorkspace, repoRoot, testResults } from './projectPaths';
import { formatSeconds } from './waits';

const OUTPUT_MARK = '[integration]';
/** Refuses connections at once (port 9, discard, is not served here). */
const UNREACHABLE_API = 'http://127.0.0.1:9';

interface IntegrationOptions {
  build: boolean;
  timeoutSeconds: number;
  grep: string;
  verbose: boolean;
}

function parseOptions(argv: string[]): IntegrationOptions {
  const values = parseCommandLine(argv, {
    'no-build': { type: 'boolean' },
    timeout: { type: 'string' },
    grep: { type: 'string' },
    verbose: { type: 'boolean' },
  }, 'node scripts/run.js runIntegration [--no-build] [--timeout s] [--grep pattern] [--verbose]');
  return {
    build: !values['no-build'],
    timeoutSeconds: seconds(values.timeout, 300, '--timeout'),
    grep: values.grep ?? '',
    verbose: values.verbose ?? false,
  };
}

/** Runs the suites once. Resolves with the exit code VS Code reported (0 passed, 1 failed). */
export async function runIntegration(options: IntegrationOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  // The extension is loaded from the repository (dist/), the suites from out/test/integration.
  await buildFor('[integration]', { bundle: options.build, compile: options.build, allowTypeErrors: true });
  const entry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`${path.relative(repoRoot, entry)} is missing: compile the tests first (npx tsc -p .).`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build the extension first (node esbuild.js).');
  }

  const target = profile('integration', { fresh: true });
  const env: NodeJS.ProcessEnv = {
    // Nothing reaches the real API by accident: a suite points claudeInspector.baseUrl at its stand-in.
    ANTHROPIC_API_KEY: undefined,
    ANTHROPIC_BASE_URL: UNREACHABLE_API,
  };
  if (options.grep) {
    env.CLAUDE_INSPECTOR_TEST_GREP = options.grep;
  }
  const server = await startCodeServer({ profile: target, folder: fixturesWorkspace, env });
  console.log(`[integration] code-server ${server.url} (log: ${path.relative(repoRoot, server.logFile)})`);
  if (options.verbose) {
    server.onOutput((text) => process.stdout.write(text.replace(/^(?=.)/gm, '[code-server] ')));
  }
  const { page, close } = await launchBrowser();

  let reportExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    reportExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    reportExit(code);
  });
  fs.mkdirSync(path.join(testResults, 'integration'), { recursive: true });
  const transcriptFile = path.join(testResults, 'integration', 'workbench.log');
  const transcript = fs.createWriteStream(transcriptFile);
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    printTestOutput(type, args, options.verbose, transcript);
  });
  if (options.verbose) {
    page.on('pageerror', (error) => console.log(`[browser] page error: ${error.message}`));
  }
  // What the browser itself saw, every frame included (the webviews are iframes): when a panel does not answer,
  // this says whether its page loaded, failed a request or threw.
  const browserLog = fs.createWriteStream(path.join(testResults, 'integration', 'browser.log'));
  const stamp = () => new Date().toISOString().slice(11, 23);
  const frameName = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').slice(0, 160);
  page.on('console', (message) => browserLog.write(`${stamp()} console.${message.type()} [${frameName(message.location().url)}] ${message.text().slice(0, 500)}\n`));
  page.on('pageerror', (error) => browserLog.write(`${stamp()} pageerror ${error.message}\n`));
  page.on('requestfailed', (request) => browserLog.write(`${stamp()} requestfailed ${request.failure()?.errorText} ${frameName(request.url())}\n`));
  page.on('frameattached', (frame) => browserLog.write(`${stamp()} frameattached ${frameName(frame.url())}\n`));
  page.on('framenavigated', (frame) => browserLog.write(`${stamp()} framenavigated ${frameName(frame.url())}\n`));
  page.on('framedetached', (frame) => browserLog.write(`${stamp()} framedetached ${frameName(frame.url())}\n`));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      browserLog.write(`${stamp()} http ${response.status()} ${frameName(response.url())}\n`);
    }
  });

  const url = workbenchUrl(server.url, fixturesWorkspace, [
    ['extensionDevelopmentPath', remoteUri(server.url, repoRoot)],
    ['extensionTestsPath', remoteUri(server.url, entry.replace(/\.js$/, ''))],
    ['skipWelcome', 'true'],
  ]);
  if (options.verbose) {
    console.log(`[integration] opening ${url}`);
  }
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const remaining = deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(remaining, 1));
  });
  try {
    const result = await Promise.race([exited, timedOut]);
    if (result === 'timeout') {
      const shot = path.join(testResults, 'integration', 'timeout.png');
      await page.screenshot({ path: shot, timeout: 10_000 }).catch(() => {});
      throw new Error(`The integration run did not finish within ${options.timeoutSeconds} s (VS Code never called ` +
        `codeAutomationExit). Screenshot: ${path.relative(repoRoot, shot)}; workbench log: ` +
        `${path.relative(repoRoot, transcriptFile)}; code-server log: ${path.relative(repoRoot, server.logFile)}.\n` +
        `--- code-server output ---\n${server.tail().trimEnd()}\n--- end ---`);
    }
    const code = result;
    console.log(`[integration] VS Code reported exit code ${code} after ${formatSeconds(Date.now() - started)}` +
      (code === 0 ? '' : ` (workbench log: ${path.relative(repoRoot, transcriptFile)}; more with --verbose)`));
    return code;
  } finally {
    clearTimeout(timer);
    transcript.end();
    await close();
    browserLog.end();
    await server.stop();
  }
}

/**
 * Prints what the tests wrote. Found by trying (code-server 4.100.3 = VS Code 1.100.3): the extension host's
 * console.log/console.error, and its process.stdout/stderr too, are forwarded to the workbench, which in this
 * automation mode hands each message to window.codeAutomationLog(type, [text]) ('info' for log and stdout, 'error'
 * for console.error and stderr), one call per console.log call, text as written (newlines kept). The same messages
 * also reach the browser console (page.on('console')) with a "%c INFO color: #33f " prefix, and stdout/stderr also
 * go to code-server's own output and to user-data/logs/<date>/remoteagent.log; nothing reaches the extension host
 * log file (exthost1/remoteexthost.log). So codeAutomationLog is the one source used: the lines the test entry marks
 * with OUTPUT_MARK are printed; the rest (the workbench's own log) only with --verbose, and all of it goes to
 * test-results/integration/workbench.log.
 */
function printTestOutput(type: string, args: unknown[], verbose: boolean, transcript: fs.WriteStream): void {
  const text = (Array.isArray(args) ? args : [args])
    .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
    .join(' ');
  transcript.write(`${new Date().toISOString().slice(11, 23)} [${type}] ${text}\n`);
  if (text.startsWith(OUTPUT_MARK)) {
    for (const line of text.slice(OUTPUT_MARK.length + 1).split('\n')) {
      console.log(`  ${line}`);
    }
  } else if (verbose) {
    console.log(`[workbench:${type}] ${text}`);
  }
}

export function main(argv: string[]): void {
  finishScript(argv, (args) => {
    const options = parseOptions(args);
    // A bound on everything, including the build and the start-up, on top of the one on the tests themselves.
    return { timeoutMs: (options.timeoutSeconds + 60) * 1000, run: () => runIntegration(options) };
  }, { prefix: '[integration]', what: 'The integration run' });
}
