// A lock folder, so that two scripts (say `npm start` and `npm test`) do not install the same thing at once. A lock
// left by a dead process is taken over; Ctrl+C or an error releases ours.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onCleanup } from './cleanup';
import { delay } from './waits';

/**
 * Takes the lock `lockDir`, waiting at most `waitMs` for a live owner (as long as its install may take); `what` names
 * the work in the messages, `onWait` says once that another process holds it. Resolves with the function that
 * releases it.
 */
export async function takeLock(
  lockDir: string,
  options: { waitMs: number; what: string; onWait(owner: number): void },
): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      const release = () => {
        unregister();
        fs.rmSync(lockDir, { recursive: true, force: true });
      };
      const unregister = onCleanup(`${options.what} lock`, () => fs.rmSync(lockDir, { recursive: true, force: true }));
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
      throw new Error(`Waited too long for another ${options.what} (pid ${owner}, lock ${lockDir}).`);
    }
    if (!told) {
      options.onWait(owner);
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
