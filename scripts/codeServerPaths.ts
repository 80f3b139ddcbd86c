// Where code-server lives in the cache, one place for the paths the provider, its npm install and its checks share;
// and the private folders code-server runs with.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from './projectPaths';

export const CODE_SERVER_VERSION = '4.100.3';

export const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
/** Written after a verified install: its presence makes later runs no-ops. */
export const markerFile = path.join(installDir, 'installed.json');
export const lockDir = `${installDir}.lock`;
export const packageDir = path.join(installDir, 'node_modules', 'code-server');
export const binPath = path.join(installDir, 'node_modules', '.bin', 'code-server');
/** The JavaScript entry the bin links to: run it with this Node so a different `node` on PATH does not matter. */
export const entryPath = path.join(packageDir, 'out', 'node', 'entry.js');
/** npm's own output during the install; a failure shows its end. */
export const installLog = path.join(cacheRoot, 'code-server-install.log');

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
