// Whether code-server is installed and works: the marker a verified install leaves, and the verification itself
// (the native modules the nested install scripts build, ripgrep, `code-server --version`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, entryPath, binPath, markerFile, packageDir, type PrivateDirs } from './codeServerPaths';
import { runCommand } from './processes';

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

/** Whether the marker of a verified install is there, for this Node major, and the files too. */
export function isInstalled(): boolean {
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

/** Leaves the marker `isInstalled` looks for: call it only after `verifyInstall` passed. */
export function markInstalled(): void {
  fs.writeFileSync(markerFile, `${JSON.stringify({
    version: CODE_SERVER_VERSION,
    node: process.versions.node,
    nodeAbi: process.versions.modules,
    installedAt: new Date().toISOString(),
  }, null, 2)}\n`);
}

/**
 * Checks the install: the native modules the nested install scripts build, ripgrep, and `code-server --version`
 * printing the expected version.
 */
export async function verifyInstall(xdg: PrivateDirs): Promise<void> {
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

/** The VS Code version inside code-server (1.100.3), or '' when it cannot be read. */
export function vscodeVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}
