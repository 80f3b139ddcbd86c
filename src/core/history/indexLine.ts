// One line of index.jsonl: {"entry": HistoryEntry, "bytes": <size of the call file>, "search": "<excerpt>"}, the
// entry's id first, so that a reader finds a line's id at a fixed place without parsing the line (indexFile.ts).
import type { HistoryEntry } from '../../shared/history';

export interface IndexLine {
  entry: HistoryEntry;
  /** The size of the call's file, to notice a file that was cut short or replaced. */
  bytes: number;
  /** The lower-case excerpt of the request and the answer the text filter reads (entry.ts). */
  search: string;
}

/** What every line starts with; the id (26 characters) and its closing quote follow. */
const LINE_START = '{"entry":{"id":"';
const ID_LENGTH = 26;
/** A line's head, matched where the line starts (sticky: no string is made to test a line). */
const LINE_HEAD = /\{"entry":\{"id":"[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{6}"/y;

/** The id of the line that starts at `start` in `text`; undefined when the line does not start with one. */
export function idOfLineAt(text: string, start: number): string | undefined {
  LINE_HEAD.lastIndex = start;
  return LINE_HEAD.test(text) ? text.slice(start + LINE_START.length, start + LINE_START.length + ID_LENGTH) : undefined;
}

/** One line of index.jsonl, newline included. */
export function indexLineText(line: IndexLine): string {
  const { id, ...rest } = line.entry;
  return `${JSON.stringify({ entry: { id, ...rest }, bytes: line.bytes, search: line.search })}\n`;
}

/** The line parsed and checked; undefined when it is not whole JSON of this shape, or names another id. */
export function parseIndexLine(text: string, id: string): IndexLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const line = value as IndexLine | null;
  const whole = !!line && typeof line === 'object' && !!line.entry && typeof line.entry === 'object' && line.entry.id === id &&
    typeof line.entry.startedAt === 'string' && typeof line.bytes === 'number' && typeof line.search === 'string';
  return whole ? line : undefined;
}

/**
 * What the text filter looks for in a raw line (its bytes read as latin1): the needle as JSON writes it inside a
 * string (the search field is written by JSON.stringify), in UTF-8. A line without it cannot match; a line with it
 * may (it may be in another field).
 */
export function needleInLine(needle: string): string {
  return Buffer.from(JSON.stringify(needle).slice(1, -1), 'utf8').toString('latin1');
}
