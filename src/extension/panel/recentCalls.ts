// The finished calls the panel may be asked for again: after a reload, the webview's saved state names its call by
// id when the record was too big to keep in the state. The last few are kept in memory; the last big one is also
// written to the extension's storage, so that it outlives a window reload (which restarts the extension host). A
// small one needs no copy: the webview's state holds it. The history (issue 11) keeps more, on disk: `find` is where
// it plugs in.
// The write waits until calls have been quiet a moment: a 10 MB record's JSON and write at the call's end would
// compete with its final message on the way to the panel; and of calls finishing in a row, only the last is written.
// fs.promises (reads), not node:fs/promises: that module loads at first use, not with the extension (activation).
import { mkdirSync, promises as fs, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../shared/callRecord';
import { fitsIn, STATE_RECORD_LIMIT } from '../../shared/size';
import { firstScreenOf, needsFirstScreen } from '../../shared/firstScreen';

const KEPT_IN_MEMORY = 5;
const LAST_CALL_FILE = 'last-call.json';
/** The last call's first screen (firstScreen.ts), beside it: what a reload shows first, read without the whole. */
const FIRST_SCREEN_FILE = 'last-call.first.json';
/** How long after the last big call ends its record is written (or at once when the extension stops). */
export const WRITE_DELAY_MS = 1500;

export class RecentCalls {
  private readonly records: CallRecord[] = [];
  /** The big record waiting for its write, and the timer that will start it. */
  private unwritten: CallRecord | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `folder`: where the last call is kept across reloads (the extension's global storage); none: memory only. */
  constructor(private readonly folder?: string) {}

  remember(record: CallRecord): void {
    this.keepInMemory(record);
    if (this.folder && !fitsIn(record, STATE_RECORD_LIMIT)) {
      this.unwritten = record;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.writeUnwritten(), WRITE_DELAY_MS);
    }
  }

  private keepInMemory(record: CallRecord): void {
    this.records.push(record);
    this.records.splice(0, Math.max(0, this.records.length - KEPT_IN_MEMORY));
  }

  /** Writes the waiting record now: the extension is stopping (a window reload), and it must outlive it. */
  dispose(): void {
    clearTimeout(this.timer);
    this.writeUnwritten();
  }

  /**
   * Writes the waiting record, synchronously (its JSON is made in one piece anyway): a write is never half done when
   * the extension stops, and two never share a temporary file.
   */
  private writeUnwritten(): void {
    const record = this.unwritten;
    this.unwritten = undefined;
    if (!record || !this.folder) {
      return;
    }
    try {
      mkdirSync(this.folder, { recursive: true });
      for (const [name, text] of filesOf(record)) {
        const temporary = path.join(this.folder, `${name}.${process.pid}.tmp`);
        writeFileSync(temporary, text);
        renameSync(temporary, path.join(this.folder, name));
      }
    } catch {
      // No storage folder to write to: the call is kept in memory only, as without one.
    }
  }

  /**
   * The first screen of `callId`'s answer when it is big (firstScreen.ts), from memory or the small file kept beside
   * the last call; undefined when the call has none (or is no longer kept: `find` says which).
   */
  async firstScreen(callId: string): Promise<CallRecord | undefined> {
    const inMemory = this.records.find((record) => record.id === callId);
    if (inMemory || !this.folder) {
      return inMemory && needsFirstScreen(inMemory) ? firstScreenOf(inMemory) : undefined;
    }
    try {
      const first = JSON.parse(await fs.readFile(path.join(this.folder, FIRST_SCREEN_FILE), 'utf8')) as CallRecord;
      return first.id === callId ? first : undefined;
    } catch {
      return undefined;
    }
  }

  /** The record of `callId`, from memory or the last call kept on disk; undefined when it is no longer kept. */
  async find(callId: string): Promise<CallRecord | undefined> {
    const inMemory = this.records.find((record) => record.id === callId);
    if (inMemory || !this.folder) {
      return inMemory;
    }
    try {
      const record = JSON.parse(await fs.readFile(path.join(this.folder, LAST_CALL_FILE), 'utf8')) as CallRecord;
      if (record.id !== callId) {
        return undefined;
      }
      // Asked again soon (a reload's views, the Raw and Request bodies): read once.
      this.keepInMemory(record);
      return record;
    } catch {
      return undefined;
    }
  }
}

/**
 * The files that keep `record` for after a reload, the whole record first: a first screen never names a call whose
 * whole record is not there. A first screen that belongs to no call is emptied (its id matches nothing).
 */
function filesOf(record: CallRecord): Array<[string, string]> {
  const first = needsFirstScreen(record) ? firstScreenOf(record) : { id: '' };
  return [[LAST_CALL_FILE, JSON.stringify(record)], [FIRST_SCREEN_FILE, JSON.stringify(first)]];
}
