// Provides a real VS Code on machines that reach only npm and Debian: code-server 4.100.3 (= VS Code 1.100.3, the
// newest code-server that runs on Node 20), installed from npm on first use into .vscode-test/code-server-4.100.3/.
// Installing it from npm as root, offline from GitHub, hits four snags; each is handled:
//   1. "Please pass --unsafe-perm" (root)                -> npm_config_unsafe_perm=true, for the scripts only
//   2. kerberos: gssapi/gssapi.h missing                 -> apt-get install libkrb5-dev (and build tools if missing)
//   3. @vscode/ripgrep downloads rg from GitHub          -> rg from Debian's ripgrep package, put where its
//                                                          postinstall looks first ($TMPDIR/vscode-ripgrep-cache-*)
//   4. node-pty's build runs `npx node-gyp`, npmrc yes=false -> npm_config_yes=true
// 1 and 4, and npm 11.19's install-script policy, in codeServerNpmInstall.ts; 2 and 3 in codeServerPrerequisites.ts;
// the checks of a finished install in codeServerChecks.ts; the paths in codeServerPaths.ts. This file orders them.
//
// Usage: node scripts/run.js provideVscode   (prints the path of the code-server executable)
//        ensureCodeServer() -> Promise<string>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitWhenDone } from './cleanup';
import { isInstalled, markInstalled, verifyInstall } from './codeServerChecks';
import { INSTALL_TIMEOUT_MS, npmInstallCodeServer } from './codeServerNpmInstall';
import { CODE_SERVER_VERSION, binPath, entryPath, installDir, lockDir, privateXdgEnv } from './codeServerPaths';
import { ensureBuildPrerequisites, placeRipgrep } from './codeServerPrerequisites';
import { takeLock } from './installLock';

export { vscodeVersion } from './codeServerChecks';
export { CODE_SERVER_VERSION, installDir, privateXdgEnv, type PrivateDirs } from './codeServerPaths';

/**
 * Returns the path of the code-server executable, installing code-server first if needed. A second call (or run)
 * finds the marker written after a verified install and does nothing else.
 */
export async function ensureCodeServer(): Promise<string> {
  if (isInstalled()) {
    return binPath;
  }
  const release = await takeLock(lockDir, {
    waitMs: INSTALL_TIMEOUT_MS,
    what: 'code-server install',
    onWait: (owner) => console.log(`[code-server] another process (pid ${owner}) is installing code-server; waiting for it`),
  });
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
  await npmInstallCodeServer(xdg, started);
  await verifyInstall(xdg);
  markInstalled();
  console.log(`[code-server] installed and verified in ${Math.round((Date.now() - started) / 1000)} s`);
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
