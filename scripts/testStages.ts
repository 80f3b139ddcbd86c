// The stages of `npm test`, in the order they run, and which of them a command line selects. Its own file so that
// the unit tests can check the order (what a stage needs comes before it) and the bounds (every mocha run exits)
// without running anything.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine } from './args';
import { bin, repoRoot, runScript } from './projectPaths';

const node = process.execPath;

export interface Stage {
  name: string;
  what: string;
  command: string;
  args: string[];
  timeoutMs: number;
  /** Stages that must have passed. */
  needs?: string[];
  /** A reason to skip (passes), e.g. no tests of that kind yet. */
  skipIf?: () => string | undefined;
}

/**
 * A script of scripts/ in its own process (node scripts/run.js <name>). The providers (provideZsh, provideChromium,
 * provideVscode) are stages of their own, so that what they install (apt-get, npm) is said before the tests that
 * need it run, and a failure to provide it stops those tests at once with the reason (their last line).
 */
function script(name: string, ...args: string[]): string[] {
  return [runScript, name, ...args];
}

export const STAGES: Stage[] = [
  {
    name: 'compile',
    what: 'type-check and compile src, test, bench and scripts (tsc -p .)',
    command: node,
    args: [bin.tsc, '-p', '.'],
    timeoutMs: 5 * 60_000,
  },
  {
    name: 'typecheck',
    what: 'type-check the webview (its own tsconfig, DOM lib)',
    command: node,
    args: [bin.tsc, '-p', 'src/webview', '--noEmit'],
    timeoutMs: 5 * 60_000,
  },
  {
    name: 'lint',
    what: 'lint (ESLint, typescript-eslint, the import rules of ARCHITECTURE.md)',
    command: node,
    args: [bin.eslint, '--max-warnings', '0', 'src', 'test', 'bench', 'scripts'],
    timeoutMs: 5 * 60_000,
  },
  {
    name: 'build',
    what: 'build the bundles (node scripts/run.js build)',
    command: node,
    args: script('build'),
    timeoutMs: 3 * 60_000,
  },
  {
    name: 'shells',
    what: 'provide zsh and python3-httpx for the curl and code tests (CLAUDE_INSPECTOR_ZSH / _PYTHON, else /usr/bin, else apt-get)',
    command: node,
    args: script('provideZsh'),
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
    args: script('provideChromium'),
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
    args: script('provideVscode'),
    timeoutMs: 20 * 60_000,
  },
  {
    name: 'integration',
    what: 'integration suites in VS Code (scripts/runIntegration.ts)',
    command: node,
    // 720 s: the suites take 4 to 7 minutes (a fresh machine's first run took longer than 420 s, with two of VS Code's
    // 30 s webview resource waits in it).
    args: script('runIntegration', '--no-build', '--timeout', '720'),
    timeoutMs: 15 * 60_000,
    needs: ['build', 'chromium', 'vscode'],
  },
  {
    name: 'ui',
    what: 'UI tests in the workbench (scripts/runUi.ts)',
    command: node,
    args: script('runUi', '--no-build', '--timeout', '600'),
    timeoutMs: 13 * 60_000,
    needs: ['build', 'chromium', 'vscode'],
  },
];

/** Stages that provide a tool: a stage that needs one runs it first even when only that stage is asked for. */
export const PROVIDERS = ['shells', 'chromium', 'vscode'];

function findTests(dir: string): boolean {
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

/** The names of the stages a command line (`--only a,b` and/or `--skip a,b`) asks for, in their order. */
export function selectStages(argv: string[]): string[] {
  const names = STAGES.map((stage) => stage.name);
  const parseList = (list: string | undefined) => {
    const picked = (list ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = picked.filter((name) => !names.includes(name));
    if (unknown.length > 0 || picked.length === 0) {
      throw new Error(`Unknown stage(s) ${JSON.stringify(unknown)}; stages: ${names.join(', ')}`);
    }
    return picked;
  };
  const values = parseCommandLine(argv, {
    only: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
  }, 'npm test -- [--only a,b] [--skip a,b]   (node scripts/run.js test [--only a,b] [--skip a,b])');
  // The last --only counts, every --skip adds.
  const onlyLists = (values.only ?? []).map(parseList);
  const only = onlyLists[onlyLists.length - 1];
  const selected = only ? names.filter((name) => only.includes(name)) : names;
  const skipped = (values.skip ?? []).flatMap(parseList);
  // `--only webview` still provides Chromium first (unless --skip chromium says the browser is there already).
  const provided = STAGES.filter((stage) => selected.includes(stage.name))
    .flatMap((stage) => (stage.needs ?? []).filter((name) => PROVIDERS.includes(name)));
  return names.filter((name) => (selected.includes(name) || provided.includes(name)) && !skipped.includes(name));
}
