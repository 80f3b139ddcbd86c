// @ts-check
'use strict';
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
// Usage: node scripts/runIntegration.js [--no-build] [--timeout <seconds>] [--grep <pattern>] [--verbose]
//   --no-build   skip `node esbuild.js` and `npx tsc -p .` (npm test has just done them)
//   --timeout    overall time bound, default 300 s; the run fails clearly when it is exceeded
//   --grep       run only the tests whose full title matches
//   --verbose    also print the workbench's and code-server's own log lines
// Env: this script's environment is passed on to the extension host, e.g. CLAUDE_INSPECTOR_FAIL_ON_PURPOSE=1 turns
// on a deliberately failing test (the run must then exit 1). ANTHROPIC_API_KEY is not passed on, and
// ANTHROPIC_BASE_URL is set to an address that refuses connections.

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, fixturesWorkspace, testResults } = require('./projectPaths');
const { profile, remoteUri, startCodeServer, workbenchUrl } = require('./codeServer');
const { launchBrowser } = require('./browser');
const { finishScript, formatSeconds, runCommand } = require('./processes');

const OUTPUT_MARK = '[integration]';
/** Refuses connections at once (port 9, discard, is not served here). */
const UNREACHABLE_API = 'http://127.0.0.1:9';

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
  const options = { build: true, timeoutSeconds: 300, grep: '', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') {
      options.build = false;
    } else if (arg === '--timeout') {
      options.timeoutSeconds = Number(argv[++i]);
    } else if (arg === '--grep') {
      options.grep = argv[++i] ?? '';
    } else if (arg === '--verbose') {
      options.verbose = true;
    } else {
      throw new Error(`Unknown argument ${arg}. Usage: node scripts/runIntegration.js [--no-build] [--timeout s] [--grep pattern] [--verbose]`);
    }
  }
  if (!(options.timeoutSeconds > 0)) {
    throw new Error('--timeout wants a number of seconds');
  }
  return options;
}

/**
 * Builds the extension and compiles the tests.
 */
async function build() {
  console.log('[integration] building: node esbuild.js');
  await runCommand(process.execPath, ['esbuild.js'], { cwd: repoRoot, timeoutMs: 120_000, echo: true, label: 'node esbuild.js' });
  console.log('[integration] compiling: tsc -p .');
  // Type errors are reported but do not stop the run: tsc still emits, and the tests say what works.
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await runCommand(process.execPath, [tsc, '-p', '.'], { cwd: repoRoot, timeoutMs: 300_000, echo: true, label: 'tsc -p .', okCodes: [0, 1, 2] });
}

/**
 * Runs the suites once. Resolves with the exit code VS Code reported (0 passed, 1 failed).
 * @param {ReturnType<typeof parseArgs>} options
 * @returns {Promise<number>}
 */
async function runIntegration(options) {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  if (options.build) {
    await build();
  }
  const entry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`${path.relative(repoRoot, entry)} is missing: compile the tests first (npx tsc -p .).`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build the extension first (node esbuild.js).');
  }

  const target = profile('integration', { fresh: true });
  /** @type {NodeJS.ProcessEnv} */
  const env = {
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

  /** @type {(code: number) => void} */
  let reportExit = () => {};
  const exited = new Promise((resolve) => {
    reportExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => {
    reportExit(code);
  });
  fs.mkdirSync(path.join(testResults, 'integration'), { recursive: true });
  const transcriptFile = path.join(testResults, 'integration', 'workbench.log');
  const transcript = fs.createWriteStream(transcriptFile);
  await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown[]} */ args) => {
    printTestOutput(type, args, options.verbose, transcript);
  });
  if (options.verbose) {
    page.on('pageerror', (error) => console.log(`[browser] page error: ${error.message}`));
  }

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
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timedOut = new Promise((resolve) => {
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
    const code = /** @type {number} */ (result);
    console.log(`[integration] VS Code reported exit code ${code} after ${formatSeconds(Date.now() - started)}` +
      (code === 0 ? '' : ` (workbench log: ${path.relative(repoRoot, transcriptFile)}; more with --verbose)`));
    return code;
  } finally {
    clearTimeout(timer);
    transcript.end();
    await close();
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
 * @param {string} type
 * @param {unknown[]} args
 * @param {boolean} verbose
 * @param {fs.WriteStream} transcript
 */
function printTestOutput(type, args, verbose, transcript) {
  const text = (Array.isArray(args) ? args : [args])
    .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
    .join(' ');
  transcript.write(`[${type}] ${text}\n`);
  if (text.startsWith(OUTPUT_MARK)) {
    for (const line of text.slice(OUTPUT_MARK.length + 1).split('\n')) {
      console.log(`  ${line}`);
    }
  } else if (verbose) {
    console.log(`[workbench:${type}] ${text}`);
  }
}

module.exports = { runIntegration };

if (require.main === module) {
  finishScript((argv) => {
    const options = parseArgs(argv);
    // A bound on everything, including the build and the start-up, on top of the one on the tests themselves.
    return { timeoutMs: (options.timeoutSeconds + 60) * 1000, run: () => runIntegration(options) };
  }, { prefix: '[integration]', what: 'The integration run' });
}
