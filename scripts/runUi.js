// @ts-check
'use strict';
// Runs the UI tests (out/test/ui/**/*.test.js, mocha) against the packaged extension: packages the .vsix, installs
// it into a fresh profile of the cached code-server, starts the Messages API stand-in (when compiled) and points the
// extension at it through the profile's user settings, starts code-server on the examples/ folder, then runs mocha
// with the workbench URL in CLAUDE_INSPECTOR_UI_URL. The tests launch Chromium themselves (scripts/browser.js).
// Screenshots go to test-results/ui/. Exits with mocha's code (non-zero when a test fails).
//
// Usage: node scripts/runUi.js [--no-build] [--timeout <seconds>] [--grep <pattern>]
//   --no-build  skip `node esbuild.js` and `npx tsc -p .` (npm test has just done them); the .vsix is always made
//   --timeout   overall bound, default 480 s

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, examplesWorkspace, testResults } = require('./projectPaths');
const { installExtension, profile, startCodeServer, userSettingsFile, workbenchUrl, writeUserSettings } = require('./codeServer');
const { packageExtension } = require('./packageExtension');
const { ensureChromium } = require('./provideChromium');
const { standInApiKey, standInAvailable, startStandIn } = require('./standIn');
const { errorMessage, finishScript, formatSeconds, runCommand } = require('./processes');

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { build: true, timeoutSeconds: 480, grep: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') {
      options.build = false;
    } else if (arg === '--timeout') {
      options.timeoutSeconds = Number(argv[++i]);
    } else if (arg === '--grep') {
      options.grep = argv[++i] ?? '';
    } else {
      throw new Error(`Unknown argument ${arg}. Usage: node scripts/runUi.js [--no-build] [--timeout s] [--grep pattern]`);
    }
  }
  if (!(options.timeoutSeconds > 0)) {
    throw new Error('--timeout wants a number of seconds');
  }
  return options;
}

/**
 * @param {ReturnType<typeof parseArgs>} options
 * @returns {Promise<number>} mocha's exit code
 */
async function runUi(options) {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  if (options.build) {
    console.log('[ui] building: node esbuild.js, tsc -p .');
    await runCommand(process.execPath, ['esbuild.js'], { cwd: repoRoot, timeoutMs: 120_000, echo: true, label: 'node esbuild.js' });
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await runCommand(process.execPath, [tsc, '-p', '.'], { cwd: repoRoot, timeoutMs: 300_000, echo: true, label: 'tsc -p .', okCodes: [0, 1, 2] });
  }
  const uiTests = path.join(repoRoot, 'out', 'test', 'ui');
  if (!fs.existsSync(uiTests)) {
    throw new Error('out/test/ui is missing: compile the tests first (npx tsc -p .).');
  }
  await ensureChromium();

  console.log('[ui] packaging the extension');
  const vsix = await packageExtension();
  const target = profile('ui', { fresh: true });
  await installExtension(vsix, target);
  console.log(`[ui] installed ${path.relative(repoRoot, vsix)} into the ui profile`);

  /** @type {NodeJS.ProcessEnv} */
  const serverEnv = {};
  let standIn;
  if (standInAvailable()) {
    const apiKey = standInApiKey();
    standIn = await startStandIn({ apiKey, logFile: path.join(target.logsDir, 'stand-in.log') });
    writeUserSettings(target, { 'claudeInspector.baseUrl': standIn.url });
    serverEnv.ANTHROPIC_API_KEY = apiKey;
    console.log(`[ui] Messages API stand-in on ${standIn.url}`);
  } else {
    console.log('[ui] the Messages API stand-in is not compiled (out/src/standIn/main.js): calls would fail');
    // Never let a UI test reach the real API by accident.
    writeUserSettings(target, { 'claudeInspector.baseUrl': 'http://127.0.0.1:9' });
    serverEnv.ANTHROPIC_API_KEY = undefined;
  }
  const server = await startCodeServer({ profile: target, folder: examplesWorkspace, env: serverEnv });
  console.log(`[ui] code-server ${server.url} on ${path.relative(repoRoot, examplesWorkspace)}/ ` +
    `(log: ${path.relative(repoRoot, server.logFile)})`);

  fs.mkdirSync(path.join(testResults, 'ui'), { recursive: true });
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  // --no-config: .mocharc.json's spec (the unit tests) would be added to ours. --exit: a test whose browser did not
  // close must not keep the run waiting once the tests are done.
  const args = [mocha, '--no-config', '--exit', '--reporter', 'spec', '--timeout', '120000',
    'out/test/ui/**/*.test.js'];
  if (options.grep) {
    args.push('--grep', options.grep);
  }
  const remaining = Math.max(deadline - Date.now(), 30_000);
  try {
    await runCommand(process.execPath, args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        CLAUDE_INSPECTOR_UI_URL: workbenchUrl(server.url, examplesWorkspace),
        CLAUDE_INSPECTOR_UI_SETTINGS_FILE: userSettingsFile(target),
      },
      timeoutMs: remaining,
      echo: true,
      label: 'UI tests (mocha)',
    });
    console.log(`[ui] passed in ${formatSeconds(Date.now() - started)}; screenshots in test-results/ui/`);
    return 0;
  } catch (error) {
    console.error(`[ui] ${errorMessage(error).split('\n')[0]}`);
    console.error(`[ui] screenshots in test-results/ui/; code-server log: ${path.relative(repoRoot, server.logFile)}`);
    return 1;
  } finally {
    await server.stop();
    await standIn?.stop();
  }
}

module.exports = { runUi };

if (require.main === module) {
  finishScript((argv) => {
    const options = parseArgs(argv);
    return { timeoutMs: (options.timeoutSeconds + 60) * 1000, run: () => runUi(options) };
  }, { prefix: '[ui]', what: 'The UI run' });
}
