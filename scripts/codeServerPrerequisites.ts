// What code-server's npm install needs of the machine, from Debian (snags 2 and 3 of provideVscode.ts): Kerberos
// headers and build tools for its native modules, and the `rg` @vscode/ripgrep would otherwise download from GitHub.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aptDownload, aptInstall } from './debianPackages';
import { runCommand } from './processes';

/** @vscode/ripgrep version in code-server 4.100.3's lib/vscode shrinkwrap, and the rg release its postinstall wants. */
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

/** Snag 2 and the native builds: Kerberos headers, a C++ toolchain, make and Python for node-gyp. */
export async function ensureBuildPrerequisites(): Promise<void> {
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
export async function placeRipgrep(tmpDir: string): Promise<void> {
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
