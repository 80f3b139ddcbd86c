// A lock file for the rare work that must not run twice at once across processes (pruning to the bounds, rewriting
// the index): created with O_EXCL, waited for a bounded time, and taken over when its holder left it behind (killed).
import { promises as fs } from 'node:fs';

/** How long a lock may be held before another process counts it as left behind by a killed holder. */
export const STALE_LOCK_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` holding the lock at `path`; waits at most `waitMs` for it. Returns false (and does not run `work`)
 * when the lock stays busy: the caller's work is deferrable (the next recording prunes).
 */
export async function withLock(path: string, work: () => Promise<void>, waitMs = 2_000): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await fs.open(path, 'wx');
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const held = await fs.stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (held > STALE_LOCK_MS) {
        await fs.rm(path, { force: true });
        continue;
      }
      if (Date.now() >= until) {
        return false;
      }
      await sleep(15 + Math.random() * 20);
    }
  }
  try {
    await work();
  } finally {
    await fs.rm(path, { force: true });
  }
  return true;
}
