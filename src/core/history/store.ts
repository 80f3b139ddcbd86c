// The history of calls in a folder of its own (the extension's global storage, or the CLI's data folder): one file
// per call and an index for lists, bounded by count and size, safe against a writer killed mid-write and against
// two processes recording at once. The format is described in README.md, next to this file. The work is in:
// calls.ts (what the folder holds: the index reconciled with the call files), listing.ts (lists and filters),
// bounds.ts (the oldest go first), redaction.ts and callFile.ts (writing a call, its secrets masked).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../shared/callRecord';
import {
  HISTORY_DEFAULT_MAX_CALLS,
  HISTORY_DEFAULT_MAX_MEGABYTES,
  HISTORY_FORMAT,
  type HistoryEntry,
  type HistoryListOptions,
  type HistorySourceInput,
  type StoredCall,
} from '../../shared/history';
import type { Redactor } from '../secrets/redact';
import { keepBounds } from './bounds';
import { callFileName, isCallId, newCallId, readCallFile, writeAtomically, writeAtomicallyInPieces } from './callFile';
import { CallsOnDisk } from './calls';
import { entryOf, searchTextOf } from './entry';
import { appendIndexLines, type IndexLine } from './indexFile';
import { listCalls } from './listing';
import { withLock } from './lock';
import { redactForStore, writeStoredJson } from './redaction';

export { CALLS_FOLDER, CHECK_FILE, INDEX_FILE, LOCK_FILE } from './calls';

export interface HistoryStoreOptions {
  /** The most calls kept; the oldest go first. */
  maxCalls?: number;
  /** The most megabytes the call files may take; the oldest go first (the newest call is always kept). */
  maxMegabytes?: number;
  /** Called with a sentence for each damaged file or line skipped, once per file. */
  onWarning?: (message: string) => void;
  /** The secrets to mask; the process's redaction (every secret in play) when absent. */
  redactor?: Redactor;
}

const positive = (value: number | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

export class HistoryStore {
  readonly maxCalls: number;
  readonly maxBytes: number;
  private readonly calls: CallsOnDisk;

  constructor(
    readonly folder: string,
    private readonly options: HistoryStoreOptions = {},
  ) {
    this.maxCalls = positive(options.maxCalls) ? Math.floor(options.maxCalls) || 1 : HISTORY_DEFAULT_MAX_CALLS;
    this.maxBytes = Math.round((positive(options.maxMegabytes) ? options.maxMegabytes : HISTORY_DEFAULT_MAX_MEGABYTES) * 1024 * 1024);
    this.calls = new CallsOnDisk(folder, options.onWarning);
  }

  /**
   * Keeps a finished call; returns its id. Call it after the call has ended (it reads the whole record), and do not
   * wait for it on a path that shows the call: it writes files. It works in slices of a few milliseconds, so that
   * a big call does not hold up the event loop while it is written.
   */
  async record(call: CallRecord, source: HistorySourceInput): Promise<string> {
    return (await this.keep(call, source)).id;
  }

  /**
   * As {@link record}, and resolves with the call's entry as the history lists it too: what a caller that shows the
   * call needs, without reading back the file just written (a 5 MB call's file is as big).
   */
  async keep(call: CallRecord, source: HistorySourceInput): Promise<HistoryEntry> {
    const id = newCallId(call.startedAt);
    const entry = entryOf(id, call, source);
    const stored: StoredCall = { format: HISTORY_FORMAT, entry, record: call };
    if ('text' in source && typeof source.text === 'string') {
      stored.sourceText = source.text;
    }
    await fs.mkdir(this.calls.calls, { recursive: true });
    const file = path.join(this.calls.calls, callFileName(id));
    const bytes = await writeAtomicallyInPieces(file, (write) => writeStoredJson(stored, write, this.options.redactor));
    const line: IndexLine = {
      entry: redactForStore(entry, this.options.redactor),
      bytes,
      search: redactForStore(searchTextOf(call), this.options.redactor),
    };
    await appendIndexLines(this.calls.indexFile, [line]);
    this.calls.add(id, line);
    await keepBounds(this.calls, this, id);
    return line.entry;
  }

  /** The calls newest first, narrowed by the filter, at most `limit`. Damaged files are skipped with a warning. */
  list(options: HistoryListOptions = {}): Promise<HistoryEntry[]> {
    return listCalls(this.calls, options);
  }

  /** One call as stored; undefined when there is none by that id, or its file is damaged (with a warning). */
  async get(id: string): Promise<StoredCall | undefined> {
    if (!isCallId(id)) {
      return undefined;
    }
    const name = callFileName(id);
    const read = await readCallFile(path.join(this.calls.calls, name));
    if (!read.ok) {
      if (read.problem !== 'it is gone') {
        this.calls.warnDamaged(name, read.problem);
      }
      return undefined;
    }
    return read.call;
  }

  /** The ids that start with `prefix`, newest first: for a user who types the first characters of an id. */
  async idsStartingWith(prefix: string): Promise<string[]> {
    await this.calls.reconcile(true);
    return this.calls.newestFirst().filter((slot) => slot.id.startsWith(prefix)).map((slot) => slot.id);
  }

  async delete(id: string): Promise<void> {
    if (isCallId(id)) {
      await this.calls.remove(id);
    }
  }

  /** Removes every call. */
  async clear(): Promise<void> {
    const ids = await this.calls.callIds();
    await Promise.all(ids.map((id) => fs.rm(path.join(this.calls.calls, callFileName(id)), { force: true })));
    await withLock(this.calls.lockFile, () => writeAtomically(this.calls.indexFile, ''));
    this.calls.forgetAll();
  }
}
