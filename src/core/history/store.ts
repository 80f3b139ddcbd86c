// The history of calls in a folder of its own (the extension's global storage, or the CLI's data folder): one file
// per call and an index for lists, bounded by count and size, safe against a writer killed mid-write and against
// two processes recording at once. The format is described in README.md, next to this file.
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
import type { Redactor } from '../redact';
import { callFileName, isCallId, newCallId, readCallFile, STALE_TEMP_MS, TEMP_SUFFIX, writeAtomically } from './callFile';
import { entryOf, matchesFilter, searchTextOf } from './entry';
import { appendIndexLines, IndexReader, indexLineText, type IndexLine, IndexSlot } from './indexFile';
import { withLock } from './lock';
import { redactForStore, storedJson } from './redaction';

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

export const CALLS_FOLDER = 'calls';
export const INDEX_FILE = 'index.jsonl';
export const LOCK_FILE = 'index.lock';

export class HistoryStore {
  readonly maxCalls: number;
  readonly maxBytes: number;
  private readonly calls: string;
  private readonly indexFile: string;
  private readonly lockFile: string;
  private readonly index: IndexReader;
  /** What the last reconcile found: the calls with a file, by id (their lines parsed when needed). */
  private readonly known = new Map<string, IndexSlot>();
  /** Newest first; rebuilt when `known` changes. */
  private sorted: IndexSlot[] | undefined;
  /** Files found damaged, by name, with the size they had: skipped until they change. */
  private readonly damaged = new Map<string, number>();
  private readonly warned = new Set<string>();
  /** The calls folder's change time when it was last read: unchanged, the folder need not be read again. */
  private folderTime: string | undefined;

  constructor(
    readonly folder: string,
    private readonly options: HistoryStoreOptions = {},
  ) {
    this.maxCalls = positive(options.maxCalls) ? Math.floor(options.maxCalls) || 1 : HISTORY_DEFAULT_MAX_CALLS;
    this.maxBytes = Math.round((positive(options.maxMegabytes) ? options.maxMegabytes : HISTORY_DEFAULT_MAX_MEGABYTES) * 1024 * 1024);
    this.calls = path.join(folder, CALLS_FOLDER);
    this.indexFile = path.join(folder, INDEX_FILE);
    this.lockFile = path.join(folder, LOCK_FILE);
    this.index = new IndexReader(this.indexFile, (message) => this.warnOnce(message, message));
  }

  /**
   * Keeps a finished call; returns its id. Call it after the call has ended (it reads the whole record), and do not
   * wait for it on a path that shows the call: it writes files.
   */
  async record(call: CallRecord, source: HistorySourceInput): Promise<string> {
    const id = newCallId(call.startedAt);
    const entry = entryOf(id, call, source);
    const stored: StoredCall = { format: HISTORY_FORMAT, entry, record: call };
    if ('text' in source && typeof source.text === 'string') {
      stored.sourceText = source.text;
    }
    const text = await storedJson(stored, this.options.redactor);
    await fs.mkdir(this.calls, { recursive: true });
    await writeAtomically(path.join(this.calls, callFileName(id)), text);
    const line: IndexLine = {
      entry: redactForStore(entry, this.options.redactor),
      bytes: Buffer.byteLength(text),
      search: redactForStore(searchTextOf(call), this.options.redactor),
    };
    await appendIndexLines(this.indexFile, [line]);
    this.known.set(id, new IndexSlot(id, undefined, line));
    this.sorted = undefined;
    await this.keepBounds(id);
    return id;
  }

  /** The calls newest first, narrowed by the filter, at most `limit`. Damaged files are skipped with a warning. */
  async list(options: HistoryListOptions = {}): Promise<HistoryEntry[]> {
    await this.reconcile();
    const limit = options.limit ?? Infinity;
    const needle = options.filter?.text?.trim().toLowerCase().replace(/\s+/g, ' ');
    const out: HistoryEntry[] = [];
    for (const slot of this.newestFirst()) {
      if (out.length >= limit) {
        break;
      }
      if (needle && !slot.mayContain(needle)) {
        continue;
      }
      const line = await this.lineOf(slot);
      if (!line || !matchesFilter(line.entry, line.search, options.filter)) {
        continue;
      }
      if (await this.stillWhole(line)) {
        out.push(line.entry);
      }
    }
    return out;
  }

  /** One call as stored; undefined when there is none by that id, or its file is damaged (with a warning). */
  async get(id: string): Promise<StoredCall | undefined> {
    if (!isCallId(id)) {
      return undefined;
    }
    const name = callFileName(id);
    const read = await readCallFile(path.join(this.calls, name));
    if (!read.ok) {
      if (read.problem !== 'it is gone') {
        this.warnDamaged(name, read.problem);
      }
      return undefined;
    }
    return read.call;
  }

  /** The ids that start with `prefix`, newest first: for a user who types the first characters of an id. */
  async idsStartingWith(prefix: string): Promise<string[]> {
    await this.reconcile();
    return this.newestFirst().filter((slot) => slot.id.startsWith(prefix)).map((slot) => slot.id);
  }

  async delete(id: string): Promise<void> {
    if (!isCallId(id)) {
      return;
    }
    await fs.rm(path.join(this.calls, callFileName(id)), { force: true });
    this.known.delete(id);
    this.sorted = undefined;
  }

  /** Removes every call. */
  async clear(): Promise<void> {
    const names = await this.callNames();
    await Promise.all(names.map((name) => fs.rm(path.join(this.calls, name), { force: true })));
    await withLock(this.lockFile, () => writeAtomically(this.indexFile, ''));
    this.known.clear();
    this.sorted = undefined;
  }

  /** The index, made to agree with the call files (see indexFile.ts). */
  private async reconcile(): Promise<void> {
    const lineCount = this.index.lineCount;
    await this.index.refresh();
    // Nothing added to or removed from the folder, nothing appended to the index: what is known still holds.
    const folderTime = await fs.stat(this.calls, { bigint: true }).then((s) => `${s.mtimeNs}/${s.ctimeNs}`, () => 'none');
    if (folderTime === this.folderTime && lineCount === this.index.lineCount && this.folderTime !== 'none') {
      return;
    }
    this.folderTime = folderTime;
    const names = await this.callNames();
    const present = new Set<string>();
    const missing: IndexLine[] = [];
    for (const name of names) {
      const id = name.slice(0, -'.json'.length);
      present.add(id);
      const slot = this.known.get(id) ?? this.index.slots.get(id);
      if (slot) {
        if (!this.known.has(id)) {
          this.known.set(id, slot);
          this.sorted = undefined;
        }
        continue;
      }
      const found = await this.readLine(name);
      if (found) {
        missing.push(found);
        this.known.set(id, new IndexSlot(id, undefined, found));
        this.sorted = undefined;
      }
    }
    for (const id of this.known.keys()) {
      if (!present.has(id)) {
        this.known.delete(id);
        this.sorted = undefined;
      }
    }
    // Files that had no line get one, so that the next list does not read them again.
    await appendIndexLines(this.indexFile, missing);
    if (this.index.lineCount > 2 * this.known.size + 1000) {
      await withLock(this.lockFile, () => this.rewriteIndex(), 0);
    }
  }

  /** The call's index line, read from its file; undefined (with a warning) when the file is damaged. */
  private async readLine(name: string): Promise<IndexLine | undefined> {
    const file = path.join(this.calls, name);
    const size = await fs.stat(file).then((s) => s.size, () => -1);
    if (size < 0 || this.damaged.get(name) === size) {
      return undefined;
    }
    const read = await readCallFile(file);
    if (!read.ok) {
      if (read.problem !== 'it is gone') {
        this.damaged.set(name, size);
        this.warnDamaged(name, read.problem);
      }
      return undefined;
    }
    const entry = { ...read.call.entry, id: name.slice(0, -'.json'.length) };
    return { entry, bytes: read.bytes, search: searchTextOf(read.call.record) };
  }

  /** The slot's line; a damaged line is replaced by one read from the call's file (or the call is skipped). */
  private async lineOf(slot: IndexSlot): Promise<IndexLine | undefined> {
    const line = slot.line();
    if (line) {
      return line;
    }
    this.known.delete(slot.id);
    this.sorted = undefined;
    const again = await this.readLine(callFileName(slot.id));
    if (again) {
      this.known.set(slot.id, new IndexSlot(slot.id, undefined, again));
      await appendIndexLines(this.indexFile, [again]);
    }
    return again;
  }

  /** Whether a listed call's file still has the size its line says; if not, it is read again (and maybe skipped). */
  private async stillWhole(line: IndexLine): Promise<boolean> {
    const name = callFileName(line.entry.id);
    const size = await fs.stat(path.join(this.calls, name)).then((s) => s.size, () => -1);
    if (size === line.bytes) {
      return true;
    }
    this.known.delete(line.entry.id);
    this.sorted = undefined;
    const again = size < 0 ? undefined : await this.readLine(name);
    if (again) {
      this.known.set(again.entry.id, new IndexSlot(again.entry.id, undefined, again));
      Object.assign(line, again);
      return true;
    }
    return false;
  }

  private newestFirst(): IndexSlot[] {
    this.sorted ??= [...this.known.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return this.sorted;
  }

  /** The call files' names; stale temp files of killed writers are removed on the way. */
  private async callNames(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.calls);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    const calls: string[] = [];
    for (const name of names) {
      if (name.endsWith('.json') && isCallId(name.slice(0, -'.json'.length))) {
        calls.push(name);
      } else if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) {
        const file = path.join(this.calls, name);
        const age = await fs.stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > STALE_TEMP_MS) {
          await fs.rm(file, { force: true });
        }
      }
    }
    return calls;
  }

  /** The oldest calls go until the folder is within its bounds; `newest` is always kept. */
  private async keepBounds(newest: string): Promise<void> {
    // What is on disk now: this store may not have listed yet, and other processes record too.
    await this.reconcile();
    if (this.known.size <= this.maxCalls && (await this.knownBytes()) <= this.maxBytes) {
      return;
    }
    // Under the lock, from what is on disk now: two processes pruning at once would each remove "the oldest".
    await withLock(this.lockFile, async () => {
      await this.reconcile();
      const oldestFirst = [...this.newestFirst()].reverse();
      let total = await this.knownBytes();
      let count = oldestFirst.length;
      for (const slot of oldestFirst) {
        if ((count <= this.maxCalls && total <= this.maxBytes) || slot.id === newest) {
          break;
        }
        await fs.rm(path.join(this.calls, callFileName(slot.id)), { force: true });
        this.known.delete(slot.id);
        total -= slot.bytes();
        count--;
      }
      this.sorted = undefined;
      if (this.index.lineCount > 2 * this.known.size + 100) {
        await this.rewriteIndex();
      }
    });
  }

  /** The size of the call files, from their lines. */
  private async knownBytes(): Promise<number> {
    let bytes = 0;
    for (const slot of this.known.values()) {
      bytes += slot.bytes();
    }
    return bytes;
  }

  /** The index again, with only the calls that are there (held under the lock by the caller). */
  private async rewriteIndex(): Promise<void> {
    const lines: IndexLine[] = [];
    for (const slot of [...this.known.values()]) {
      const line = await this.lineOf(slot);
      if (line) {
        lines.push(line);
      }
    }
    await writeAtomically(this.indexFile, lines.map(indexLineText).join(''));
    await this.index.refresh();
  }

  private warnDamaged(name: string, problem: string): void {
    this.warnOnce(name, `history: ${path.join(this.calls, name)} was skipped: ${problem}`);
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.options.onWarning?.(message);
    }
  }
}
