// index.checked: what the calls folder and the index were when a process last listed the folder and made the index
// agree with it (every call file has a line). While both are still exactly so, a new store (the CLI, a window's first
// look) can list from the index alone, without listing a folder of thousands of files: no file was added or removed
// since (the folder's times would differ), and no line was appended or the index replaced (its inode and size would).
import type { BigIntStats } from 'node:fs';
import { promises as fs } from 'node:fs';
import { writeAtomically } from './callFile';

/**
 * File times are coarse on some file systems (1 or 2 s), and a change in the same tick as the check would leave the
 * folder's time as it was: a check is trusted only when it was written this long after the folder last changed.
 */
const COARSE_TIME_NS = 2_000_000_000n;

export function folderTimeOf(folder: BigIntStats): string {
  return `${folder.mtimeNs}/${folder.ctimeNs}`;
}

const indexStateOf = (index: BigIntStats) => `${index.ino}/${index.size}`;

/** Whether the folder and the index are still as the last check found them. */
export async function checkStillHolds(checkFile: string, folder: BigIntStats, indexFile: string): Promise<boolean> {
  try {
    const [text, checked, index] = await Promise.all([
      fs.readFile(checkFile, 'utf8'),
      fs.stat(checkFile, { bigint: true }),
      fs.stat(indexFile, { bigint: true }),
    ]);
    const saved = JSON.parse(text) as { folder?: unknown; index?: unknown };
    const settled = checked.mtimeNs - folder.mtimeNs >= COARSE_TIME_NS && checked.mtimeNs - folder.ctimeNs >= COARSE_TIME_NS;
    return settled && saved.folder === folderTimeOf(folder) && saved.index === indexStateOf(index);
  } catch {
    return false; // no check yet, a damaged one, or no index: the folder is listed
  }
}

/**
 * Writes the check after the folder was listed (its times taken before the listing) and the index completed, when the
 * index is still the one read (`indexState`, IndexReader.state): a line appended by another process meanwhile, or an
 * index replaced by a rewrite (whose lines may miss one appended to the old file), and nothing is vouched for. Best
 * effort: a folder that cannot be written to is listed every time.
 */
export async function writeCheck(checkFile: string, folderTime: string, indexFile: string, indexState: string): Promise<void> {
  try {
    const index = await fs.stat(indexFile, { bigint: true });
    if (indexStateOf(index) === indexState) {
      await writeAtomically(checkFile, `${JSON.stringify({ folder: folderTime, index: indexState })}\n`);
    }
  } catch {
    // Read-only, or the index is gone: nothing to vouch for.
  }
}
