// Installs code-server from npm into its cache folder (snags 1 and 4 of provideVscode.ts, and npm 11.19's
// install-script policy): the folder as a small npm project, npm's environment made clean and fit for code-server's
// postinstall, npm's output into a log with a heartbeat on the console.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, installDir, installLog, type PrivateDirs } from './codeServerPaths';
import { runCommand } from './processes';

/** An install may take this long; a second run waits as long for the first's lock. */
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

/**
 * The cache folder is its own small npm project. Why a project (`npm install --prefix DIR` with this package.json)
 * and not `npm install -g --prefix DIR --allow-scripts=...`, found by trying with npm 11.19.1:
 * - With `-g`, npm exports `npm_config_global=true` to lifecycle scripts, so code-server's postinstall, which runs
 *   `npm install` inside lib/vscode, installs lib/vscode *globally* over code-server itself (ENOTEMPTY, broken).
 * - `--allow-scripts` (or `allow-scripts=` in an .npmrc given through npm_config_userconfig) is exported to the
 *   postinstall's environment too, and the nested project-scoped `npm install` then stops with EALLOWSCRIPTS
 *   ("--allow-scripts is not allowed in project-scoped installs").
 * - The `allowScripts` field of a package.json is not exported, so it approves code-server's own postinstall and
 *   argon2's build here without disturbing the nested installs. Those nested installs (node-pty, @vscode/spdlog,
 *   kerberos, @vscode/ripgrep, native-watchdog, @parcel/watcher...) have no policy of their own; npm 11.19.1 runs
 *   unreviewed dependency scripts with a warning and skips only explicit `false` entries, unless
 *   `strict-allow-scripts` is on, which the install turns off for itself (see installEnv). verifyInstall()
 *   (codeServerChecks.ts) checks their native results, so a future npm that silently skips them fails there,
 *   clearly, not later in a test.
 */
const CACHE_PACKAGE_JSON = {
  name: 'code-server-cache',
  private: true,
  description: 'code-server for the Claude Inspector tests; written by scripts/provideVscode.ts',
  dependencies: { 'code-server': CODE_SERVER_VERSION },
  allowScripts: { 'code-server': true, argon2: true },
};

/**
 * `npm install` of code-server into `installDir` (which the caller has made empty, with the build prerequisites and
 * ripgrep in place), quiet: npm's own output goes to a log; the console gets a line every half minute, and a
 * failure shows the end of the log (with the output of the install scripts, which npm prints only when one fails).
 */
export async function npmInstallCodeServer(xdg: PrivateDirs, started: number): Promise<void> {
  fs.writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify(CACHE_PACKAGE_JSON, null, 2)}\n`);
  fs.writeFileSync(installLog, '');
  const heartbeat = setInterval(() => {
    console.log(`[code-server] still installing (${Math.round((Date.now() - started) / 1000)} s; log: ${path.relative(process.cwd(), installLog)})`);
  }, 30_000);
  try {
    await runCommand('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--prefix', installDir], {
      cwd: installDir,
      env: installEnv(xdg),
      timeoutMs: INSTALL_TIMEOUT_MS,
      label: `npm install code-server@${CODE_SERVER_VERSION} (whole log: ${installLog})`,
      logFile: installLog,
    });
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * The environment of the npm install: the four fixes, a clean npm config (no `npm_config_*` a parent `npm run`
 * exported that would change where or how this install goes), and the Node headers for node-gyp so it never
 * tries to download them.
 */
function installEnv(xdg: PrivateDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const inherited = /^npm_config_(global|location|prefix|local_prefix|global_prefix|allow_scripts|ignore_scripts|dry_run|omit|include|production|only|workspaces?|include_workspace_root|package_lock_only|install_links|strict_allow_scripts|dangerously_allow_all_scripts|foreground_scripts|yes|loglevel|silent|quiet)$/i;
  for (const [key, value] of Object.entries(process.env)) {
    if (inherited.test(key) || /^npm_(package|lifecycle)_/i.test(key) || key === 'INIT_CWD') {
      continue;
    }
    env[key] = value;
  }
  Object.assign(env, xdg, {
    // Snag 1, for the lifecycle scripts only: npm 11 itself, given npm_config_unsafe_perm, warns `Unknown env config
    // "unsafe-perm"`; the shell it runs scripts with adds it (code-server's postinstall passes --unsafe-perm on to
    // its nested installs anyway, whose output npm keeps to itself unless they fail).
    npm_config_script_shell: scriptShell(xdg.TMPDIR),
    npm_config_yes: 'true', // snag 4
    npm_config_ignore_scripts: 'false',
    npm_config_strict_allow_scripts: 'false',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  });
  const nodeRoot = path.resolve(process.execPath, '..', '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(nodeRoot, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodeRoot;
  }
  return env;
}

/**
 * A shell for npm's lifecycle scripts: /bin/sh with npm_config_unsafe_perm=true, which code-server's postinstall
 * demands when run as root (it checks that variable, nothing else), kept out of npm's own environment.
 */
function scriptShell(dir: string): string {
  const file = path.join(dir, 'script-shell.sh');
  fs.writeFileSync(file, '#!/bin/sh\n# Written by scripts/provideVscode.ts: runs npm\'s lifecycle scripts with the variable code-server\'s\n' +
    '# postinstall wants as root, without npm itself seeing (and warning about) it.\n' +
    'npm_config_unsafe_perm=true\nexport npm_config_unsafe_perm\nexec /bin/sh "$@"\n');
  fs.chmodSync(file, 0o755);
  return file;
}
