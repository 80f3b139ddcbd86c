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
import { appendIndexLines, IndexReader, indexLineText, type IndexLine } from './indexFile';
import { withLock } from './lock';
import { redactForStore, storedText } from './redaction';

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
  /** What the last reconcile found: the calls with a whole file, by id. */
  private readonly known = new Map<string, IndexLine>();
  /** Newest first; rebuilt when `known` changes. */
  private sorted: IndexLine[] | undefined;
  /** Files found damaged, by name, with the size they had: skipped until they change. */
  private readonly damaged = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(
    readonly folder: string,
    private readonly options: HistoryStoreOptions = {},
  ) {
    this.maxCalls = Math.max(1, Math.floor(options.maxCalls ?? HISTORY_DEFAULT_MAX_CALLS));
    this.maxBytes = Math.max(1, options.maxMegabytes ?? HISTORY_DEFAULT_MAX_MEGABYTES) * 1024 * 1024;
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
    const text = storedText(stored, this.options.redactor);
    const safe = JSON.parse(text) as StoredCall;
    await fs.mkdir(this.calls, { recursive: true });
    await writeAtomically(path.join(this.calls, callFileName(id)), text);
    const line: IndexLine = { entry: safe.entry, bytes: Buffer.byteLength(text), search: redactForStore(searchTextOf(safe.record), this.options.redactor) };
    await appendIndexLines(this.indexFile, [line]);
    this.known.set(id, line);
    this.sorted = undefined;
    await this.keepBounds(id);
    return id;
  }

  /** The calls newest first, narrowed by the filter, at most `limit`. Damaged files are skipped with a warning. */
  async list(options: HistoryListOptions = {}): Promise<HistoryEntry[]> {
    await this.reconcile();
    const limit = options.limit ?? Infinity;
    const out: HistoryEntry[] = [];
    for (const line of this.newestFirst()) {
      if (out.length >= limit) {
        break;
      }
      if (!matchesFilter(line.entry, line.search, options.filter)) {
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
    return this.newestFirst().filter((line) => line.entry.id.startsWith(prefix)).map((line) => line.entry.id);
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
    await this.index.refresh();
    const names = await this.callNames();
    const present = new Set<string>();
    const missing: IndexLine[] = [];
    for (const name of names) {
      const id = name.slice(0, -'.json'.length);
      present.add(id);
      const line = this.index.lines.get(id) ?? this.known.get(id);
      if (line) {
        if (!this.known.has(id)) {
          this.known.set(id, line);
          this.sorted = undefined;
        }
        continue;
      }
      const found = await this.readLine(name);
      if (found) {
        missing.push(found);
        this.known.set(id, found);
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
      this.known.set(again.entry.id, again);
      return true;
    }
    return false;
  }

  private newestFirst(): IndexLine[] {
    this.sorted ??= [...this.known.values()].sort((a, b) => (a.entry.id < b.entry.id ? 1 : a.entry.id > b.entry.id ? -1 : 0));
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
    let bytes = 0;
    for (const line of this.known.values()) {
      bytes += line.bytes;
    }
    if (this.known.size <= this.maxCalls && bytes <= this.maxBytes) {
      return;
    }
    // Under the lock, from what is on disk now: two processes pruning at once would each remove "the oldest".
    await withLock(this.lockFile, async () => {
      await this.reconcile();
      const lines = [...this.newestFirst()].reverse();
      let total = lines.reduce((sum, line) => sum + line.bytes, 0);
      let count = lines.length;
      for (const line of lines) {
        if ((count <= this.maxCalls && total <= this.maxBytes) || line.entry.id === newest) {
          break;
        }
        await fs.rm(path.join(this.calls, callFileName(line.entry.id)), { force: true });
        this.known.delete(line.entry.id);
        total -= line.bytes;
        count--;
      }
      this.sorted = undefined;
      if (this.index.lineCount > 2 * this.known.size + 100) {
        await this.rewriteIndex();
      }
    });
  }

  /** The index again, with only the calls that are there (held under the lock by the caller). */
  private async rewriteIndex(): Promise<void> {
    await writeAtomically(this.indexFile, [...this.known.values()].map(indexLineText).join(''));
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
