// The index: index.jsonl, one line per recorded call ({"entry", "bytes", "search"}), so that a list reads one file
// instead of every call. Lines are only ever appended (one write each, O_APPEND: two processes appending at once
// both land whole), and the file is rewritten (temp + rename, under the lock) only to drop the lines of calls that
// are gone. The call files are the truth: a line whose file is gone is dropped, a file with no line (its line was
// appended to an index that a rewrite replaced, or never written because the writer was killed) is read and
// indexed again. So the index can always be rebuilt from the files.
import { promises as fs } from 'node:fs';
import type { HistoryEntry } from '../../shared/history';

export interface IndexLine {
  entry: HistoryEntry;
  /** The size of the call's file, to notice a file that was cut short or replaced. */
  bytes: number;
  /** The lower-case excerpt of the request and the answer the text filter reads (entry.ts). */
  search: string;
}

export function indexLineText(line: IndexLine): string {
  return `${JSON.stringify(line)}\n`;
}

function isIndexLine(value: unknown): value is IndexLine {
  const line = value as IndexLine | null;
  return !!line && typeof line === 'object' && !!line.entry && typeof line.entry.id === 'string' && typeof line.entry.startedAt === 'string' &&
    typeof line.bytes === 'number' && typeof line.search === 'string';
}

/** What this process knows of the index file: read once, then only its new tail. */
export class IndexReader {
  readonly lines = new Map<string, IndexLine>();
  /** How many lines the file holds, dropped ones included: when far above the calls, the file is rewritten. */
  lineCount = 0;
  private offset = 0;
  private inode = -1;

  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Reads what was appended since the last read; the whole file again when it was replaced or cut. */
  async refresh(): Promise<void> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.reset(-1);
        return;
      }
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (stat.ino !== this.inode || stat.size < this.offset) {
        this.reset(stat.ino);
      }
      if (stat.size === this.offset) {
        return;
      }
      const buffer = Buffer.alloc(stat.size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      // Only whole lines: a line being appended right now is read next time.
      const end = buffer.lastIndexOf(10, bytesRead - 1);
      if (end < 0) {
        return;
      }
      const text = buffer.toString('utf8', 0, end + 1);
      let lineNumber = this.lineCount;
      for (const raw of text.split('\n')) {
        if (raw === '') {
          continue;
        }
        lineNumber++;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          value = undefined;
        }
        if (isIndexLine(value)) {
          this.lines.set(value.entry.id, value);
        } else {
          this.warn(`history: ${this.file}:${lineNumber}: a damaged index line was skipped (the call's own file still counts)`);
        }
      }
      this.lineCount = lineNumber;
      this.offset += end + 1;
    } finally {
      await handle.close();
    }
  }

  private reset(inode: number): void {
    this.lines.clear();
    this.lineCount = 0;
    this.offset = 0;
    this.inode = inode;
  }
}

/** Appends lines in one write (O_APPEND), so that a concurrent appender's lines never interleave with them. */
export async function appendIndexLines(file: string, lines: IndexLine[]): Promise<void> {
  if (lines.length) {
    await fs.appendFile(file, lines.map(indexLineText).join(''));
  }
}
