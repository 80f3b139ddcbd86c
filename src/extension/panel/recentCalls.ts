// The finished calls the panel may be asked for again: after a reload, the webview's saved state names its call by
// id when the record was too big to keep in the state. The last few are kept in memory; the last big one is also
// written to the extension's storage, so that it outlives a window reload (which restarts the extension host). A
// small one needs no copy: the webview's state holds it. The history (issue 11) keeps more, on disk: `find` is where
// it plugs in.
// fs.promises, not node:fs/promises: that module loads at first use, not with the extension (activation).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../shared/callRecord';
import { fitsIn, STATE_RECORD_LIMIT } from '../../shared/size';

const KEPT_IN_MEMORY = 5;
const LAST_CALL_FILE = 'last-call.json';

export class RecentCalls {
  private readonly records: CallRecord[] = [];
  private writing: Promise<void> = Promise.resolve();

  /** `folder`: where the last call is kept across reloads (the extension's global storage); none: memory only. */
  constructor(private readonly folder?: string) {}

  remember(record: CallRecord): void {
    this.records.push(record);
    this.records.splice(0, Math.max(0, this.records.length - KEPT_IN_MEMORY));
    const folder = this.folder;
    if (folder && !fitsIn(record, STATE_RECORD_LIMIT)) {
      // One write at a time, in order: the file always holds a whole record, the last one.
      this.writing = this.writing
        .then(async () => {
          await fs.mkdir(folder, { recursive: true });
          const temporary = path.join(folder, `${LAST_CALL_FILE}.${process.pid}.tmp`);
          await fs.writeFile(temporary, JSON.stringify(record));
          await fs.rename(temporary, path.join(folder, LAST_CALL_FILE));
        })
        .catch(() => undefined);
    }
  }

  /** The record of `callId`, from memory or the last call kept on disk; undefined when it is no longer kept. */
  async find(callId: string): Promise<CallRecord | undefined> {
    const inMemory = this.records.find((record) => record.id === callId);
    if (inMemory || !this.folder) {
      return inMemory;
    }
    await this.writing;
    try {
      const record = JSON.parse(await fs.readFile(path.join(this.folder, LAST_CALL_FILE), 'utf8')) as CallRecord;
      return record.id === callId ? record : undefined;
    } catch {
      return undefined;
    }
  }
}
