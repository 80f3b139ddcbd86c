// @ts-check
'use strict';
// The stages of `npm test`, in the order they run, and which of them a command line selects. Its own file so that
// the unit tests can check the order (what a stage needs comes before it) and the bounds (every mocha run exits)
// without running anything.

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./projectPaths');

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

/**
 * Provides a tool in its own process and prints where it is. Its own stage, so that what it installs (apt-get, npm)
 * is said before the tests that need it run, and a failure to provide it stops those tests at once with the reason.
 * @param {string} expression a call of scripts/provide*.js resolving to a path
 */
function provideArgs(expression) {
  return ['-e', `${expression}.then((p) => console.log("ready: " + p), (e) => { console.error(e.message); process.exit(1); })`];
}

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
    name: 'typecheck',
    what: 'type-check the webview (its own tsconfig, DOM lib) and the scripts (checkJs)',
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['run', '--silent', 'typecheck:more'],
    timeoutMs: 5 * 60_000,
  },
  {
    name: 'lint',
    what: 'lint (ESLint, typescript-eslint, the import rules of ARCHITECTURE.md)',
    command: node,
    args: [path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', 'src', 'test', 'bench'],
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
    name: 'shells',
    what: 'provide zsh for the curl tests (CLAUDE_INSPECTOR_ZSH, else /usr/bin/zsh, else apt-get install zsh)',
    command: node,
    args: provideArgs('require("./scripts/provideZsh").ensureZsh()'),
    timeoutMs: 6 * 60_000,
  },
  {
    name: 'unit',
    what: 'unit tests (mocha, .mocharc.json)',
    command: node,
    // .mocharc.json has "exit": true; said again here so that the bound never depends on that file alone.
    args: [bin.mocha, '--exit'],
    timeoutMs: 10 * 60_000,
    needs: ['shells'],
  },
  {
    name: 'chromium',
    what: 'provide Chromium (CHROMIUM_PATH, else /usr/bin/chromium, else apt-get install chromium)',
    command: node,
    args: provideArgs('require("./scripts/provideChromium").ensureChromium()'
      // Debian's launcher script may print a shell warning of its own before the version line.
      + '.then(async (p) => { const v = await require("./scripts/provideChromium").chromiumVersion(p);'
      + ' console.log(v.split("\\n").find((l) => /^(Chromium|Google Chrome)\\b/.test(l)) ?? v); return p; })'),
    timeoutMs: 12 * 60_000,
  },
  {
    name: 'webview',
    what: 'webview tests in headless Chromium (mocha out/test/webview)',
    command: node,
    // --no-config: .mocharc.json's spec (the unit tests) would be added to these. --exit: a suite whose setup
    // failed may leave a handle open; the stage must still end when its tests are done.
    args: [bin.mocha, '--no-config', '--exit', '--reporter', 'spec', '--timeout', '60000', 'out/test/webview/**/*.test.js'],
    timeoutMs: 10 * 60_000,
    needs: ['chromium'],
    skipIf: () => (findTests(path.join(repoRoot, 'out', 'test', 'webview')) ? undefined : 'no webview tests yet'),
  },
  {
    name: 'vscode',
    what: 'provide VS Code (code-server 4.100.3 in .vscode-test/, installed on first use)',
    command: node,
    args: provideArgs('require("./scripts/provideVscode").ensureCodeServer()'),
    timeoutMs: 20 * 60_000,
  },
  {
    name: 'integration',
    what: 'integration suites in VS Code (scripts/runIntegration.js)',
    command: node,
    args: ['scripts/runIntegration.js', '--no-build', '--timeout', '420'],
    timeoutMs: 10 * 60_000,
    needs: ['build', 'chromium', 'vscode'],
  },
  {
    name: 'ui',
    what: 'UI tests in the workbench (scripts/runUi.js)',
    command: node,
    args: ['scripts/runUi.js', '--no-build', '--timeout', '600'],
    timeoutMs: 13 * 60_000,
    needs: ['build', 'chromium', 'vscode'],
  },
];

/** Stages that provide a tool: a stage that needs one runs it first even when only that stage is asked for. */
const PROVIDERS = ['shells', 'chromium', 'vscode'];

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

/**
 * The names of the stages a command line asks for, in their order.
 * @param {string[]} argv `--only a,b` and/or `--skip a,b`
 * @returns {string[]}
 */
function selectStages(argv) {
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
  /** @type {string[]} */
  let skipped = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') {
      const only = parseList(argv[++i]);
      selected = names.filter((name) => only.includes(name));
    } else if (argv[i] === '--skip') {
      skipped = [...skipped, ...parseList(argv[++i])];
    } else {
      throw new Error(`Unknown argument ${argv[i]}. Usage: node scripts/test.js [--only a,b] [--skip a,b]`);
    }
  }
  // `--only webview` still provides Chromium first (unless --skip chromium says the browser is there already).
  const provided = STAGES.filter((stage) => selected.includes(stage.name))
    .flatMap((stage) => (stage.needs ?? []).filter((name) => PROVIDERS.includes(name)));
  return names.filter((name) => (selected.includes(name) || provided.includes(name)) && !skipped.includes(name));
}

module.exports = { PROVIDERS, STAGES, selectStages };
