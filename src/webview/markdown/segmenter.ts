// Cuts markdown text into segments that render the same apart as together, so that a long or streaming answer is
// rendered piece by piece: a finished segment is rendered once and never again. Pure, no DOM: unit-tested in Node.
//
// A cut is made only where markdown starts a new top-level block: before a line at column 0 that follows a blank
// line (outside code fences), and around fenced code blocks opened at column 0. Blank lines followed by an indented
// line are not a cut: the indented text may continue a list item or an indented code block. Past a size limit a
// segment is also cut before a line that starts a list item, heading or quote, and past a hard limit before any
// line, so that the live tail stays small; those cuts are marked `continues` (rendered without a gap).

export interface FenceSpan {
  /** The info string after the opening fence (the language). */
  info: string;
  /** Where the code starts in the segment text (after the opening line). */
  contentStart: number;
  /** Where the code ends in the segment text (the start of the closing line, or the end). */
  contentEnd: number;
  closed: boolean;
}

export interface Segment {
  text: string;
  /** This segment was cut out of what markdown may read as one block (a long list, table or paragraph). */
  continues: boolean;
  /** The segment is a single fenced code block opened at column 0. */
  fence?: FenceSpan;
}

export interface SegmenterLimits {
  /** Past this length, cut before a line that starts a list item, heading or quote. */
  softChars: number;
  /** Past this length, cut before any line that cannot be part of the block above (not inside a fence). */
  hardChars: number;
  /** A single line longer than this is cut at whitespace. */
  lineChars: number;
}

export const DEFAULT_LIMITS: SegmenterLimits = { softChars: 8 * 1024, hardChars: 64 * 1024, lineChars: 64 * 1024 };

interface OpenFence {
  marker: string;
  length: number;
  indent: number;
}

const FENCE_OPEN = /^( *)(`{3,}|~{3,})(.*)$/;
const STARTS_BLOCK = /^(#{1,6}(\s|$)|[-*+]\s|\d{1,9}[.)]\s|>)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;

function indentOf(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) {
      width++;
    } else if (c === 0x09) {
      width += 4 - (width % 4);
    } else {
      break;
    }
  }
  return width;
}

function isBlank(line: string): boolean {
  return /^\s*$/.test(line);
}

export class MarkdownSegmenter {
  /** The text of the unfinished segment (the tail), including lines not classified yet. */
  private buf = '';
  /** Offset in `buf` of the first line not classified yet. */
  private scan = 0;
  private fence: OpenFence | undefined;
  /** When the unfinished segment begins with a fence opened at column 0: its info and where its code starts. */
  private segmentFence: { info: string; contentStart: number } | undefined;
  private prevBlank = false;
  /** The unfinished segment has a non-blank line: only then is a cut worth making. */
  private hasContent = false;
  private nextContinues = false;

  constructor(private readonly limits: SegmenterLimits = DEFAULT_LIMITS) {}

  /** Adds text; returns the segments it finished. Work is proportional to the new text (plus one line). */
  push(text: string): Segment[] {
    const out: Segment[] = [];
    if (text === '') {
      return out;
    }
    this.buf += text;
    this.scanLines(out);
    // A line that has begun at column 0 after a blank line will start a new segment whatever it turns out to be,
    // so the paragraph above is finished now rather than when this line ends.
    if (!this.fence && this.prevBlank && this.scan < this.buf.length && !/\s/.test(this.buf[this.scan])) {
      this.cut(this.scan, out, false);
    }
    // A line with no end yet that is already too long is cut too, so the live tail stays bounded.
    if (!this.fence && this.buf.length - this.scan > this.limits.lineChars) {
      this.splitLongLine(this.buf.length, out);
    }
    return out;
  }

  /** The text is complete: returns the remaining segments. */
  end(): Segment[] {
    const out: Segment[] = [];
    if (this.scan < this.buf.length) {
      // The last line has no newline; classify it as a line, so a closing fence there is seen.
      this.buf += '\n';
      this.scanLines(out);
      this.buf = this.buf.slice(0, -1);
    }
    if (this.buf.length > 0) {
      const fence =
        this.fence && this.segmentFence
          ? { ...this.segmentFence, contentEnd: this.buf.length, closed: false }
          : undefined;
      out.push({ text: this.buf, continues: this.nextContinues, fence });
    }
    this.buf = '';
    this.scan = 0;
    this.fence = undefined;
    this.segmentFence = undefined;
    this.hasContent = false;
    this.prevBlank = false;
    this.nextContinues = false;
    return out;
  }

  /** The unfinished segment: what a live view renders again on each frame. */
  get tail(): string {
    return this.buf;
  }

  /** When the unfinished segment is a fenced code block opened at column 0 and still open: where its code starts. */
  get tailFence(): { info: string; contentStart: number } | undefined {
    return this.fence && this.segmentFence ? this.segmentFence : undefined;
  }

  /** Splits a whole text at once (a finished answer). */
  static split(text: string, limits: SegmenterLimits = DEFAULT_LIMITS): Segment[] {
    const segmenter = new MarkdownSegmenter(limits);
    return [...segmenter.push(text), ...segmenter.end()];
  }

  private scanLines(out: Segment[]): void {
    for (;;) {
      const nl = this.buf.indexOf('\n', this.scan);
      if (nl < 0) {
        return;
      }
      if (!this.fence && nl - this.scan > this.limits.lineChars) {
        this.splitLongLine(nl, out);
      }
      const start = this.scan;
      const end = this.buf.indexOf('\n', start) + 1;
      this.scan = end;
      this.classify(this.buf.slice(start, end - 1), start, end, out);
    }
  }

  private classify(line: string, start: number, end: number, out: Segment[]): void {
    if (this.fence) {
      if (this.closesFence(line, this.fence)) {
        const opened = this.fence;
        this.fence = undefined;
        this.prevBlank = false;
        if (opened.indent === 0 && this.segmentFence) {
          // A column-0 fence is a segment of its own: finish it with its closing line.
          const fence: FenceSpan = { ...this.segmentFence, contentEnd: start, closed: true };
          this.cut(end, out, false, fence);
        }
      }
      return;
    }
    if (isBlank(line)) {
      this.prevBlank = true;
      return;
    }
    const indent = indentOf(line);
    const opener = FENCE_OPEN.exec(line);
    if (opener && !(opener[2][0] === '`' && opener[3].includes('`'))) {
      if (indent === 0) {
        // A fence at column 0 interrupts any block above it, so it starts a segment of its own.
        const before = this.buf.length;
        this.cut(start, out, false);
        this.segmentFence = { info: opener[3].trim(), contentStart: end - (before - this.buf.length) };
      }
      this.fence = { marker: opener[2][0], length: opener[2].length, indent };
      this.prevBlank = false;
      this.hasContent = true;
      return;
    }
    // `start` is also the length of the unfinished segment before this line.
    if (indent === 0 && this.prevBlank) {
      this.cut(start, out, false);
    } else if (indent === 0 && start > this.limits.softChars && STARTS_BLOCK.test(line)) {
      this.cut(start, out, true);
    } else if (start > this.limits.hardChars && indent < 4 && !SETEXT_UNDERLINE.test(line) && !line.startsWith('|')) {
      // Not before a setext underline (it belongs to the heading above) nor inside a table (rows need the header).
      this.cut(start, out, true);
    }
    this.prevBlank = false;
    this.hasContent = true;
  }

  private closesFence(line: string, fence: OpenFence): boolean {
    const trimmed = line.trim();
    if (trimmed.length < fence.length || indentOf(line) > fence.indent + 3) {
      return false;
    }
    for (let i = 0; i < trimmed.length; i++) {
      if (trimmed[i] !== fence.marker) {
        return false;
      }
    }
    return true;
  }

  /** Cuts a line longer than the limit at whitespace, so that no segment holds an endless line. */
  private splitLongLine(lineEnd: number, out: Segment[]): void {
    const before = this.buf.length;
    this.cut(this.scan, out, true);
    lineEnd -= before - this.buf.length;
    while (lineEnd - this.scan > this.limits.lineChars) {
      const from = this.scan;
      const limit = from + this.limits.lineChars;
      const space = this.buf.lastIndexOf(' ', limit);
      const at = space > from + this.limits.lineChars / 2 ? space + 1 : limit;
      const length = this.buf.length;
      this.hasContent = true;
      this.cut(at, out, true);
      lineEnd -= length - this.buf.length;
      // The rest of the line now begins the unfinished segment.
      this.scan = 0;
      this.prevBlank = false;
    }
  }

  /** Ends the unfinished segment at `at` (an offset in `buf`) when it has content before that point. */
  private cut(at: number, out: Segment[], continuesNext: boolean, fence?: FenceSpan): void {
    if (at <= 0 || !this.hasContent) {
      return;
    }
    out.push({ text: this.buf.slice(0, at), continues: this.nextContinues, fence });
    this.buf = this.buf.slice(at);
    this.scan -= at;
    this.nextContinues = continuesNext;
    this.segmentFence = undefined;
    this.hasContent = false;
  }
}
