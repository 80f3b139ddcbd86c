// The folder's bounds: at most `maxCalls` calls and `maxBytes` of call files; the oldest go first, the call just
// recorded always stays. Pruning runs under index.lock, from what is on disk at that moment: two processes pruning at
// once would each remove "the oldest".
import type { CallsOnDisk } from './calls';
import { withLock } from './lock';

export interface Bounds {
  maxCalls: number;
  maxBytes: number;
}

const within = (calls: CallsOnDisk, bounds: Bounds, count = calls.count, bytes = calls.totalBytes()) =>
  count <= bounds.maxCalls && bytes <= bounds.maxBytes;

/** Removes the oldest calls until the folder is within its bounds; `newest` is always kept. */
export async function keepBounds(calls: CallsOnDisk, bounds: Bounds, newest: string): Promise<void> {
  // What is on disk now: this store may not have listed yet, and other processes record too.
  await calls.reconcile(true);
  if (within(calls, bounds)) {
    return;
  }
  // If the lock stays busy, the next recording prunes.
  await withLock(calls.lockFile, async () => {
    await calls.reconcile(true);
    const oldestFirst = [...calls.newestFirst()].reverse();
    let bytes = calls.totalBytes();
    let count = oldestFirst.length;
    for (const slot of oldestFirst) {
      if (within(calls, bounds, count, bytes) || slot.id === newest) {
        break;
      }
      await calls.remove(slot.id);
      bytes -= slot.bytes();
      count--;
    }
    if (calls.indexIsBloated(100)) {
      await calls.rewriteIndex();
    }
  });
}
