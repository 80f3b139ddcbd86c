// The calls a history folder holds, as this process last saw them: the call files are the truth, the index says what
// each one is. `reconcile()` makes the two agree (a line whose file is gone is dropped, a file with no line is read
// and indexed again) and is cheap when nothing changed: the folder's change time and the index's length say so.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { callFileName, isCallId, readCallFile, STALE_TEMP_MS, TEMP_SUFFIX, writeAtomically } from './callFile';
import { searchTextOf } from './entry';
import { checkStillHolds, folderTimeOf, writeCheck } from './indexCheck';
import { appendIndexLines, type IndexLine, indexLineText, IndexReader, IndexSlot } from './indexFile';
import { withLock } from './lock';

export const CALLS_FOLDER = 'calls';
export const INDEX_FILE = 'index.jsonl';
export const LOCK_FILE = 'index.lock';
export const CHECK_FILE = 'index.checked';

const JSON_SUFFIX = '.json';

export class CallsOnDisk {
  readonly calls: string;
  readonly indexFile: string;
  readonly lockFile: string;
  readonly checkFile: string;
  private readonly index: IndexReader;
  /** What the last reconcile found: the calls with a file, by id (their lines parsed when needed). */
  private known = new Map<string, IndexSlot>();
  /** Newest first; rebuilt when `known` changes. */
  private sorted: IndexSlot[] | undefined;
  /** Files found damaged, by name, with the size they had: skipped until they change. */
  private readonly damaged = new Map<string, number>();
  private readonly warned = new Set<string>();
  /** The calls folder's change time when it was last read: unchanged, the folder need not be read again. */
  private folderTime: string | undefined;
  /** How many times the folder was read: the mark of the lines whose file the last reading found. */
  private reconciles = 0;
  /** Whether `known` came from listing the folder (else from the index alone, which may name calls that are gone). */
  private complete = false;

  constructor(
    readonly folder: string,
    private readonly onWarning: ((message: string) => void) | undefined,
  ) {
    this.calls = path.join(folder, CALLS_FOLDER);
    this.indexFile = path.join(folder, INDEX_FILE);
    this.lockFile = path.join(folder, LOCK_FILE);
    this.checkFile = path.join(folder, CHECK_FILE);
    this.index = new IndexReader(this.indexFile, (message) => this.warnOnce(message, message));
  }

  get count(): number {
    return this.known.size;
  }

  /** The size of the call files, from their lines. */
  totalBytes(): number {
    let bytes = 0;
    for (const slot of this.known.values()) {
      bytes += slot.bytes();
    }
    return bytes;
  }

  newestFirst(): IndexSlot[] {
    // Mostly in the order the index has them, i.e. nearly sorted already: the sort is close to one pass.
    this.sorted ??= [...this.known.values()].reverse().sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return this.sorted;
  }

  /** The index lines that hold `needle` as the text filter writes it (see IndexReader.slotsContaining). */
  slotsContaining(needle: string): Set<IndexSlot> {
    return this.index.slotsContaining(needle);
  }

  /** A call just written by this process, with its line. */
  add(id: string, line: IndexLine): void {
    this.known.set(id, new IndexSlot(id, line));
    this.sorted = undefined;
  }

  forget(id: string): void {
    if (this.known.delete(id)) {
      this.sorted = undefined;
    }
  }

  forgetAll(): void {
    this.known.clear();
    this.sorted = undefined;
    this.complete = false;
  }

  /**
   * The index, made to agree with the call files. A new store trusts the index alone when index.checked vouches for it
   * (indexCheck.ts): its list then drops the lines of files found gone as it goes. `full` always lists the folder
   * (the bounds and the id prefixes count every call).
   */
  async reconcile(full = false): Promise<void> {
    const lineCount = this.index.lineCount;
    const folder = await fs.stat(this.calls, { bigint: true }).catch(() => undefined);
    const folderTime = folder ? folderTimeOf(folder) : 'none';
    if (!full && this.folderTime === undefined && folder && (await checkStillHolds(this.checkFile, folder, this.indexFile))) {
      await this.index.refresh();
      this.known = new Map(this.index.slots);
      this.sorted = undefined;
      this.folderTime = folderTime;
      return;
    }
    const folderChanged = folderTime !== this.folderTime || folderTime === 'none' || (full && !this.complete);
    // The folder is read (in the thread pool) while the index is read and scanned (here): a list waits for the
    // longer of the two, not for both.
    const [found] = await Promise.all([folderChanged ? this.callIds() : undefined, this.index.refresh()]);
    // Nothing added to or removed from the folder, nothing appended to the index: what is known still holds.
    if (!found && lineCount === this.index.lineCount) {
      return;
    }
    this.folderTime = folderTime;
    const inodeRead = this.index.inode;
    const ids = found ?? (await this.callIds());
    // Each file's line is marked as seen (one lookup a call: no set of 10,000 ids is built), then the marked lines are
    // taken in the index's order (the order calls ended: nearly newest last), so that newestFirst's sort is one pass.
    const seen = ++this.reconciles;
    const unindexed: string[] = [];
    for (const id of ids) {
      const slot = this.index.slots.get(id);
      if (slot) {
        slot.seen = seen;
      } else {
        unindexed.push(id);
      }
    }
    const next = new Map<string, IndexSlot>();
    const before = this.known.size ? this.known : undefined;
    for (const slot of this.index.lastSlots((s) => s.seen === seen)) {
      next.set(slot.id, before?.get(slot.id) ?? slot);
    }
    const missing: IndexLine[] = [];
    for (const id of unindexed) {
      const known = this.known.get(id);
      const line = known ? undefined : await this.readLine(id);
      if (known || line) {
        next.set(id, known ?? new IndexSlot(id, line));
      }
      if (line) {
        missing.push(line);
      }
    }
    this.known = next;
    this.sorted = undefined;
    this.complete = true;
    // Files that had no line get one, so that the next list does not read them again.
    await appendIndexLines(this.indexFile, missing);
    if (this.indexIsBloated(1000)) {
      await withLock(this.lockFile, () => this.rewriteIndex(), 0);
    }
    // Vouched for only when the index is still the file this reconcile read: a rewrite meanwhile (by this process for
    // bloat, or by another) may have missed a line appended to the old file. Lines appended to it meanwhile are of
    // files this listing saw (each then has a line, theirs or the one added here) or of files renamed in after the
    // folder's times were taken (then the check will not hold).
    await this.index.refresh();
    if (folderTime !== 'none' && this.index.inode === inodeRead) {
      await writeCheck(this.checkFile, folderTime, this.indexFile, this.index.state);
    }
  }

  /** Whether the index holds so many lines of calls that are gone that it is worth rewriting. */
  indexIsBloated(slack: number): boolean {
    return this.index.lineCount > 2 * this.known.size + slack;
  }

  /** The slot's line; a damaged line is replaced by one read from the call's file (or the call is skipped). */
  async lineOf(slot: IndexSlot): Promise<IndexLine | undefined> {
    const line = slot.line();
    if (line) {
      return line;
    }
    this.forget(slot.id);
    const again = await this.readLine(slot.id);
    if (again) {
      this.add(slot.id, again);
      await appendIndexLines(this.indexFile, [again]);
    }
    return again;
  }

  /**
   * Whether a listed call's file still has the size its line says; if not, it is read again (and maybe skipped). The
   * size is asked for synchronously: a list checks a few hundred files, and a stat is microseconds, while an awaited
   * one costs a round trip through the thread pool each (most of a list's time, on a busy machine).
   */
  async stillWhole(line: IndexLine): Promise<boolean> {
    const id = line.entry.id;
    const size = statSync(path.join(this.calls, callFileName(id)), { throwIfNoEntry: false })?.size ?? -1;
    if (size === line.bytes) {
      return true;
    }
    this.forget(id);
    const again = size < 0 ? undefined : await this.readLine(id);
    if (again) {
      this.add(id, again);
      Object.assign(line, again);
      return true;
    }
    return false;
  }

  /** The index again, with only the calls that are there (held under the lock by the caller). */
  async rewriteIndex(): Promise<void> {
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

  /** Removes a call's file (the bounds, a delete). */
  async remove(id: string): Promise<void> {
    await fs.rm(path.join(this.calls, callFileName(id)), { force: true });
    this.forget(id);
  }

  /** The ids of the call files; stale temp files of killed writers are removed on the way. */
  async callIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.calls);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    const ids: string[] = [];
    for (const name of names) {
      const id = name.slice(0, -JSON_SUFFIX.length);
      if (name.endsWith(JSON_SUFFIX) && isCallId(id)) {
        ids.push(id);
      } else if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) {
        const file = path.join(this.calls, name);
        const age = await fs.stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > STALE_TEMP_MS) {
          await fs.rm(file, { force: true });
        }
      }
    }
    return ids;
  }

  /** The call's index line, read from its file; undefined (with a warning) when the file is damaged. */
  private async readLine(id: string): Promise<IndexLine | undefined> {
    const name = callFileName(id);
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
    return { entry: { ...read.call.entry, id }, bytes: read.bytes, search: searchTextOf(read.call.record) };
  }

  warnDamaged(name: string, problem: string): void {
    this.warnOnce(name, `history: ${path.join(this.calls, name)} was skipped: ${problem}`);
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.onWarning?.(message);
    }
  }
}
