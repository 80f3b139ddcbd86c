// The edits of a document between two of its versions, so that the check worker (checkWorker.ts), which keeps a copy
// of each open request file, gets a keystroke as a few bytes instead of the whole text again: the editor logs each
// change event (offsets and inserted text, as VS Code gives them) and sends what was done since the version the
// worker holds. Where the log cannot say (an event missed, a version skipped, too much typed since), it says nothing
// and the whole text goes instead.

/** One change: `length` characters (UTF-16 code units, as JavaScript strings count) at `offset` become `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/**
 * `text` with `edits` applied one after the other, each against the text the previous ones left (VS Code lists the
 * changes of one event from the end of the document back, so each one's offset holds after the others).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of edits) {
    if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > out.length) {
      throw new RangeError(`an edit at ${edit.offset} (+${edit.length}) is outside a text of ${out.length} characters`);
    }
    out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  }
  return out;
}

/** More than this many characters inserted or events logged since the last check: the whole text is cheaper. */
const MAX_LOGGED_CHARS = 1024 * 1024;
const MAX_LOGGED_EVENTS = 10_000;

interface Logged {
  /** The version the edits apply to, and the one they make. */
  from: number;
  to: number;
  edits: TextEdit[];
}

/** The change events of one document since the last version the worker was sent, when they are known. */
export class EditLog {
  private entries: Logged[] = [];
  private chars = 0;

  /** `version`: the version of the document when it was first seen (its edits before that are not known). */
  constructor(private last: number) {}

  /**
   * A change event that made `version`. Each edit makes exactly the next version: an event that skips one (one
   * missed), or that changes the version without saying how (an end-of-line change), breaks the chain, and the log
   * starts again from `version`.
   */
  record(version: number, edits: readonly TextEdit[]): void {
    if (version === this.last && edits.length === 0) {
      return;
    }
    if (version !== this.last + 1 || edits.length === 0) {
      this.restart(version);
      return;
    }
    const copy = edits.map((e) => ({ offset: e.offset, length: e.length, text: e.text }));
    this.entries.push({ from: this.last, to: version, edits: copy });
    this.chars += copy.reduce((sum, e) => sum + e.text.length, 0);
    this.last = version;
    if (this.chars > MAX_LOGGED_CHARS || this.entries.length > MAX_LOGGED_EVENTS) {
      // Too much to replay: the whole text is sent next, and the log starts again there.
      this.restart(version);
    }
  }

  /** The edits that turn the text at `version` into the text at `to` (the latest by default), or undefined when unknown. */
  since(version: number, to = this.last): TextEdit[] | undefined {
    if (version === to) {
      return [];
    }
    const start = this.entries.findIndex((e) => e.from === version);
    const end = this.entries.findIndex((e) => e.to === to);
    if (start === -1 || end === -1 || end < start) {
      return undefined;
    }
    return this.entries.slice(start, end + 1).flatMap((e) => e.edits);
  }

  /** Forgets the edits up to `version` (the worker has it now, or will have the whole text). */
  trim(version: number): void {
    const kept = this.entries.filter((e) => e.to > version);
    if (kept.length !== this.entries.length) {
      this.entries = kept;
      this.chars = kept.reduce((sum, e) => sum + e.edits.reduce((s, x) => s + x.text.length, 0), 0);
    }
  }

  private restart(version: number): void {
    this.entries = [];
    this.chars = 0;
    this.last = version;
  }
}
