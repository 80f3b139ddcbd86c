// The index: index.jsonl, one line per recorded call (indexLine.ts), so that a list reads one file instead of every
// call. Lines are only ever appended (one write each, O_APPEND: two processes appending at once both land whole), and
// the file is rewritten (temp + rename, under the lock) only to drop the lines of calls that are gone. The call files
// are the truth: the index can always be rebuilt from them (calls.ts).
//
// Reading it is what a list costs, so it is read in one go and parsed lazily: the file (or its new tail) becomes one
// string of its bytes (latin1: one byte, one character, a copy; decoding 12 MB of UTF-8 costs ten times more), each
// line's id is read at its fixed place, and a line is decoded and parsed only when it is listed. The text filter looks
// for the word's UTF-8 bytes in that string (one pass of indexOf) and parses only the lines it is found in. 10,000
// calls are a 12 MB index: one read, no split into 10,000 strings, no 10,000 JSON.parse.
import { promises as fs } from 'node:fs';
import { idOfLineAt, type IndexLine, indexLineText, needleInLine, parseIndexLine } from './indexLine';

export { type IndexLine, indexLineText } from './indexLine';

const NEWLINE = 10;
/** Inside JSON strings every quote is escaped: the first `},"bytes":` of a line is the end of its entry. */
const BYTES_FIELD = '},"bytes":';

/** A piece of the file as read (whole lines): its bytes as latin1 text, and the slots of its lines in order. */
interface Chunk {
  text: string;
  slots: IndexSlot[];
}

/** A call's line: read from the index (parsed when first needed), or known whole (just written or read from its file). */
export class IndexSlot {
  /** The last reconcile that found the call's file (calls.ts): marked here, so that no set of ids is needed. */
  seen = 0;
  private parsed: IndexLine | null | undefined;
  private size: number | undefined;

  constructor(
    readonly id: string,
    line?: IndexLine,
    private readonly chunk?: string,
    readonly start = 0,
    private readonly end = 0,
  ) {
    this.parsed = line;
  }

  /** Whether the line is still the raw one of the index: only those can be ruled out by the text filter's search. */
  get inIndex(): boolean {
    return this.chunk !== undefined;
  }

  /** The parsed line; undefined when the line is damaged. */
  line(): IndexLine | undefined {
    if (this.parsed === undefined && this.chunk) {
      const text = Buffer.from(this.chunk.slice(this.start, this.end), 'latin1').toString('utf8');
      this.parsed = parseIndexLine(text, this.id) ?? null;
    }
    return this.parsed ?? undefined;
  }

  /** The size of the call's file, read from the raw line without parsing it when it can be (0 when damaged). */
  bytes(): number {
    if (this.size === undefined) {
      this.size = this.parsed === undefined ? this.rawBytes() : undefined;
      this.size ??= this.line()?.bytes ?? 0;
    }
    return this.size;
  }

  private rawBytes(): number | undefined {
    const chunk = this.chunk;
    const at = chunk ? chunk.indexOf(BYTES_FIELD, this.start) : -1;
    if (!chunk || at < 0 || at >= this.end) {
      return undefined;
    }
    let value = 0;
    let i = at + BYTES_FIELD.length;
    for (let digit = chunk.charCodeAt(i) - 48; i < this.end && digit >= 0 && digit <= 9; digit = chunk.charCodeAt(++i) - 48) {
      value = value * 10 + digit;
    }
    // A comma (before "search") follows the number in a whole line; anything else: parse the line.
    return i > at + BYTES_FIELD.length && chunk[i] === ',' ? value : undefined;
  }
}

/** What this process knows of the index file: read once, then only its new tail. */
export class IndexReader {
  /** The last line of each id (a call indexed again has a later line). */
  readonly slots = new Map<string, IndexSlot>();
  /** How many lines the file holds, dropped ones included: when far above the calls, the file is rewritten. */
  lineCount = 0;
  private chunks: Chunk[] = [];
  private offset = 0;
  private fileInode = -1;

  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** The inode of the file read (-1 before it is read, or when there is none): a rewrite replaces it. */
  get inode(): number {
    return this.fileInode;
  }

  /** Which file was read, and how far: "<inode>/<bytes read>" (what index.checked keeps). */
  get state(): string {
    return `${this.fileInode}/${this.offset}`;
  }

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
      if (stat.ino !== this.fileInode || stat.size < this.offset) {
        this.reset(stat.ino);
      }
      if (stat.size === this.offset) {
        return;
      }
      const bytes = Buffer.allocUnsafe(stat.size - this.offset);
      let read = 0;
      while (read < bytes.length) {
        const { bytesRead } = await handle.read(bytes, read, bytes.length - read, this.offset + read);
        if (bytesRead === 0) {
          break;
        }
        read += bytesRead;
      }
      // Only whole lines: a line being appended right now is read next time.
      const end = bytes.lastIndexOf(NEWLINE, read - 1);
      if (end >= 0) {
        this.add(bytes.toString('latin1', 0, end + 1));
        this.offset += end + 1;
      }
    } finally {
      await handle.close();
    }
  }

  /**
   * The slots of the lines that hold `needle` (lower case, whitespace folded) as JSON writes it: the only lines of the
   * index the text filter can match. One pass of indexOf over the text read.
   */
  slotsContaining(needle: string): Set<IndexSlot> {
    const found = new Set<IndexSlot>();
    const wanted = needleInLine(needle);
    for (const { text, slots } of this.chunks) {
      for (let at = text.indexOf(wanted); at >= 0; ) {
        const slot = slotAt(slots, at);
        if (slot) {
          found.add(slot);
        }
        const lineEnd = text.indexOf('\n', at);
        at = lineEnd < 0 ? -1 : text.indexOf(wanted, lineEnd + 1);
      }
    }
    return found;
  }

  /** The last line of each id, in the order of the file (the order calls ended), that `keep` keeps. */
  *lastSlots(keep: (slot: IndexSlot) => boolean): Iterable<IndexSlot> {
    for (const { slots } of this.chunks) {
      for (const slot of slots) {
        if (keep(slot)) {
          yield slot;
        }
      }
    }
  }

  private add(text: string): void {
    const chunk: Chunk = { text, slots: [] };
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf('\n', start);
      if (end > start) {
        this.lineCount++;
        const id = idOfLineAt(text, start);
        if (id) {
          const slot = new IndexSlot(id, undefined, text, start, end);
          this.slots.set(id, slot);
          chunk.slots.push(slot);
        } else {
          this.warn(`history: ${this.file}:${this.lineCount}: a damaged index line was skipped (the call's own file still counts)`);
        }
      }
      start = end + 1;
    }
    this.chunks.push(chunk);
  }

  private reset(inode: number): void {
    this.slots.clear();
    this.chunks = [];
    this.lineCount = 0;
    this.offset = 0;
    this.fileInode = inode;
  }
}

/** The slot of the line that holds character `at`: the last one starting at or before it (a damaged line has none). */
function slotAt(slots: IndexSlot[], at: number): IndexSlot | undefined {
  let low = 0;
  let high = slots.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (slots[middle].start <= at) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return slots[low]?.start <= at ? slots[low] : undefined;
}

/** Appends lines in one write (O_APPEND), so that a concurrent appender's lines never interleave with them. */
export async function appendIndexLines(file: string, lines: IndexLine[]): Promise<void> {
  if (lines.length) {
    await fs.appendFile(file, lines.map(indexLineText).join(''));
  }
}
