// Provides a real VS Code on machines that reach only npm and Debian: code-server 4.100.3 (= VS Code 1.100.3, the
// newest code-server that runs on Node 20), installed from npm on first use into .vscode-test/code-server-4.100.3/.
// Installing it from npm as root, offline from GitHub, hits four snags; each is handled here:
//   1. "Please pass --unsafe-perm" (root)                -> npm_config_unsafe_perm=true, for the scripts only
//   2. kerberos: gssapi/gssapi.h missing                 -> apt-get install libkrb5-dev (and build tools if missing)
//   3. @vscode/ripgrep downloads rg from GitHub          -> rg from Debian's ripgrep package, put where its
//                                                          postinstall looks first ($TMPDIR/vscode-ripgrep-cache-*)
//   4. node-pty's build runs `npx node-gyp`, npmrc yes=false -> npm_config_yes=true
// npm 11.19's install-script policy: see the comment on CACHE_PACKAGE_JSON.
//
// Usage: node scripts/run.js provideVscode   (prints the path of the code-server executable)
//        ensureCodeServer() -> Promise<string>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitWhenDone, onCleanup } from './cleanup';
import { aptDownload, aptInstall } from './debianPackages';
import { runCommand } from './processes';
import { cacheRoot } from './projectPaths';
import { delay } from './waits';

export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep version in code-server 4.100.3's lib/vscode shrinkwrap, and the rg release its postinstall wants. */
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

export const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const markerFile = path.join(installDir, 'installed.json');
const lockDir = `${installDir}.lock`;
const packageDir = path.join(installDir, 'node_modules', 'code-server');
const binPath = path.join(installDir, 'node_modules', '.bin', 'code-server');
/** The JavaScript entry the bin links to: run it with this Node so a different `node` on PATH does not matter. */
const entryPath = path.join(packageDir, 'out', 'node', 'entry.js');

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
 *   `strict-allow-scripts` is on, which the install turns off for itself (see installEnv). verifyInstall() checks
 *   their native results, so a future npm that silently skips them fails here, clearly, not later in a test.
 */
const CACHE_PACKAGE_JSON = {
  name: 'code-server-cache',
  private: true,
  description: 'code-server for the Claude Inspector tests; written by scripts/provideVscode.ts',
  dependencies: { 'code-server': CODE_SERVER_VERSION },
  allowScripts: { 'code-server': true, argon2: true },
};

/** Files a working install has: native modules built by the nested install scripts, and ripgrep. */
const REQUIRED_FILES = [
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/out/server-main.js',
  'out/node/entry.js',
];

const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface PrivateDirs {
  XDG_CONFIG_HOME: string;
  XDG_DATA_HOME: string;
  XDG_CACHE_HOME: string;
  TMPDIR: string;
}

/** Private XDG and temp folders, so code-server (even `--version`) writes nothing into ~/.config or ~/.local. */
export function privateXdgEnv(root: string): PrivateDirs {
  const dirs = {
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    TMPDIR: path.join(root, 'tmp'),
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  return dirs;
}

/**
 * Returns the path of the code-server executable, installing code-server first if needed. A second call (or run)
 * finds the marker written after a verified install and does nothing else.
 */
export async function ensureCodeServer(): Promise<string> {
  if (isInstalled()) {
    return binPath;
  }
  const release = await takeLock();
  try {
    if (isInstalled()) {
      return binPath; // another run finished it while we waited
    }
    await install();
    return binPath;
  } finally {
    release();
  }
}

/** Whether the marker of a verified install is there, for this Node major, and the files too. */
function isInstalled(): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    return marker.version === CODE_SERVER_VERSION
      && marker.nodeAbi === process.versions.modules
      && fs.existsSync(entryPath)
      && fs.existsSync(binPath);
  } catch {
    return false;
  }
}

/** Path of the JavaScript file to run with `node` (what the bin links to). */
export function codeServerEntry(): string {
  return entryPath;
}

async function install(): Promise<void> {
  const started = Date.now();
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 (its postinstall refuses others); this is Node ` +
      `${process.versions.node}. Run the scripts with Node 20.`);
  }
  if (process.platform !== 'linux') {
    throw new Error('scripts/provideVscode.ts installs code-server on Linux (Debian) only.');
  }
  console.log(`[code-server] installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), installDir) || installDir} (one to three minutes, once)`);
  if (fs.existsSync(installDir)) {
    console.log('[code-server] removing an unfinished or outdated install first');
    fs.rmSync(installDir, { recursive: true, force: true });
  }
  fs.mkdirSync(installDir, { recursive: true });
  const xdg = privateXdgEnv(path.join(installDir, '.home'));
  await ensureBuildPrerequisites();
  await placeRipgrep(xdg.TMPDIR);
  fs.writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify(CACHE_PACKAGE_JSON, null, 2)}\n`);

  // Quiet: npm's own output goes to a log; the console gets a line every half minute, and a failure shows the end of
  // the log (with the output of the install scripts, which npm prints only when one fails).
  const logFile = path.join(cacheRoot, 'code-server-install.log');
  fs.writeFileSync(logFile, '');
  const heartbeat = setInterval(() => {
    console.log(`[code-server] still installing (${Math.round((Date.now() - started) / 1000)} s; log: ${path.relative(process.cwd(), logFile)})`);
  }, 30_000);
  try {
    await runCommand('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--prefix', installDir], {
      cwd: installDir,
      env: installEnv(xdg),
      timeoutMs: INSTALL_TIMEOUT_MS,
      label: `npm install code-server@${CODE_SERVER_VERSION} (whole log: ${logFile})`,
      logFile,
    });
  } finally {
    clearInterval(heartbeat);
  }

  await verifyInstall(xdg);
  fs.writeFileSync(markerFile, `${JSON.stringify({
    version: CODE_SERVER_VERSION,
    node: process.versions.node,
    nodeAbi: process.versions.modules,
    installedAt: new Date().toISOString(),
  }, null, 2)}\n`);
  console.log(`[code-server] installed and verified in ${Math.round((Date.now() - started) / 1000)} s`);
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

/** Snag 2 and the native builds: Kerberos headers, a C++ toolchain, make and Python for node-gyp. */
async function ensureBuildPrerequisites(): Promise<void> {
  const missing: string[] = [];
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/gssapi.h')) {
    missing.push('libkrb5-dev');
  }
  if (!onPath('g++') || !onPath('make')) {
    missing.push('build-essential');
  }
  if (!onPath('python3')) {
    missing.push('python3');
  }
  if (missing.length > 0) {
    await aptInstall(missing, { why: 'code-server (the VS Code of the integration tests and npm start) builds native modules: kerberos needs its headers, node-pty and spdlog a compiler' });
  }
}

/**
 * Snag 3: @vscode/ripgrep's postinstall first looks for the release archive in
 * `$TMPDIR/vscode-ripgrep-cache-<version>/ripgrep-<release>-<target>.tar.gz` and only downloads it (from GitHub,
 * unreachable here) when it is missing. Puts there an archive holding the `rg` of Debian's ripgrep package.
 * `tmpDir` is the TMPDIR the npm install will run with.
 */
async function placeRipgrep(tmpDir: string): Promise<void> {
  const targets: Record<string, string> = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
  const target = targets[process.arch];
  if (!target) {
    throw new Error(`No ripgrep mapping for ${process.arch}: @vscode/ripgrep would try to download rg from GitHub.`);
  }
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const archive = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(tmpDir, 'ripgrep-deb-'));
  const deb = await aptDownload('ripgrep', work);
  await runCommand('dpkg', ['-x', deb, path.join(work, 'root')], { timeoutMs: 60_000, label: 'dpkg -x ripgrep' });
  const rg = path.join(work, 'root', 'usr', 'bin', 'rg');
  if (!fs.existsSync(rg)) {
    throw new Error(`Debian's ripgrep package has no usr/bin/rg (looked in ${rg}).`);
  }
  await runCommand('tar', ['-czf', archive, '-C', path.dirname(rg), 'rg'], { timeoutMs: 60_000, label: 'tar rg' });
  fs.rmSync(work, { recursive: true, force: true });
}

/**
 * Checks the install: the native modules the nested install scripts build, ripgrep, and `code-server --version`
 * printing the expected version.
 */
async function verifyInstall(xdg: PrivateDirs): Promise<void> {
  const missing = REQUIRED_FILES.filter((file) => !fs.existsSync(path.join(packageDir, file)));
  if (missing.length > 0) {
    throw new Error(`code-server installed but incomplete; missing:\n  ${missing.join('\n  ')}\n` +
      'The nested install scripts of code-server\'s postinstall did not run or failed (see the npm output above).');
  }
  const { output } = await runCommand(process.execPath, [entryPath, '--version'], {
    env: { ...process.env, ...xdg },
    timeoutMs: 60_000,
    label: 'code-server --version',
  });
  if (!output.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version printed something unexpected:\n${output}`);
  }
  console.log(`[code-server] ${output.trim().split('\n').pop()}`);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * A lock so two scripts (say `npm start` and `npm test`) do not install at once. A lock left by a dead process is
 * taken over. Waits at most as long as an install may take. Resolves with the function that releases it.
 */
async function takeLock(): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      const release = () => {
        unregister();
        fs.rmSync(lockDir, { recursive: true, force: true });
      };
      const unregister = onCleanup('code-server install lock', () => fs.rmSync(lockDir, { recursive: true, force: true }));
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const owner = Number(readOrEmpty(path.join(lockDir, 'pid')));
    if (!owner || !isAlive(owner)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Waited too long for another code-server install (pid ${owner}, lock ${lockDir}).`);
    }
    if (!told) {
      console.log(`[code-server] another process (pid ${owner}) is installing code-server; waiting for it`);
      told = true;
    }
    await delay(2000);
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The VS Code version inside code-server (1.100.3), or '' when it cannot be read. */
export function vscodeVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

/** `node scripts/run.js provideVscode`: the stage `vscode` of npm test, and `npm run provide`. */
export function main(_argv: string[]): void {
  const started = Date.now();
  // On failure the bare reason: npm test's summary shows a provider's last line.
  exitWhenDone(ensureCodeServer().then((bin) => {
    console.log(`code-server ${CODE_SERVER_VERSION} (${((Date.now() - started) / 1000).toFixed(1)} s)\nready: ${bin}`);
    return 0;
  }), (why) => why);
}
