// Runs the UI tests (out/test/ui/**/*.test.js, mocha) against the packaged extension: packages the .vsix, installs
// it into a fresh profile of the cached code-server, starts the Messages API stand-in (when compiled) and points the
// extension at it through the profile's user settings, starts code-server on the examples/ folder, then runs mocha
// with the workbench URL in CLAUDE_INSPECTOR_UI_URL. The tests launch Chromium themselves (scripts/browser.ts).
// Screenshots go to test-results/ui/. Exits with mocha's code (non-zero when a test fails).
//
// Usage: node scripts/run.js runUi [--no-build] [--timeout <seconds>] [--grep <pattern>]
//   --no-build  skip `tsc -p .` (npm test has just done it); the .vsix is always made (vsce builds the bundles)
//   --timeout   overall bound, default 480 s
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, seconds } from './args';
import { buildFor } from './build';
import { finishScript } from './cleanup';
import { installExtension, profile, startCodeServer, userSettingsFile, workbenchUrl, writeUserSettings } from './codeServer';
import { packageExtension } from './packageExtension';
import { runCommand } from './processes';
import { bin, examplesWorkspace, repoRoot, testResults } from './projectPaths';
import { ensureChromium } from './provideChromium';
import { type RunningStandIn, standInApiKey, standInAvailable, startStandIn } from './standIn';
import { errorMessage, formatSeconds } from './waits';

interface UiOptions {
  build: boolean;
  timeoutSeconds: number;
  grep: string;
}

function parseOptions(argv: string[]): UiOptions {
  const values = parseCommandLine(argv, {
    'no-build': { type: 'boolean' },
    timeout: { type: 'string' },
    grep: { type: 'string' },
  }, 'node scripts/run.js runUi [--no-build] [--timeout s] [--grep pattern]');
  return { build: !values['no-build'], timeoutSeconds: seconds(values.timeout, 480, '--timeout'), grep: values.grep ?? '' };
}

/** Runs the UI tests; resolves with mocha's exit code. */
export async function runUi(options: UiOptions): Promise<number> {
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  // The tests are compiled by tsc; the bundles the tests use are the .vsix's, which vsce builds.
  await buildFor('[ui]', { compile: options.build, allowTypeErrors: true });
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

  const serverEnv: NodeJS.ProcessEnv = {};
  let standIn: RunningStandIn | undefined;
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
  const mocha = bin.mocha;
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

export function main(argv: string[]): void {
  finishScript(argv, (args) => {
    const options = parseOptions(args);
    return { timeoutMs: (options.timeoutSeconds + 60) * 1000, run: () => runUi(options) };
  }, { prefix: '[ui]', what: 'The UI run' });
}
