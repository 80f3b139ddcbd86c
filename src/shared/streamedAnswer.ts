// A streamed answer travels to the panel once. The panel that followed the stream built the message from its
// events (webview/live/messageAccumulator.ts); the final record carried the same text again, and for a 5 MB answer
// those 5 MB more, serialized by the extension host, sent over code-server's socket, decoded and cloned on the
// workbench's thread (the thread that also draws the panel) kept "streaming…" on screen for 3 s after the last byte
// (bench/workbenchStream.ts). The host leaves the long text and thinking fields out of the final record it sends to a
// panel that followed the stream, and says which ones and how long each was; the panel puts its own back, and asks
// for the whole record when what it has is not the same length and ending (a stream it did not see whole).
// Browser-safe: the host makes the list, the webview checks it.
import type { CallRecord, JsonObject } from './callRecord';

/** A content block's field left out because the panel has it from the stream: its length and last characters. */
export interface StreamedField {
  index: number;
  field: 'text' | 'thinking';
  length: number;
  /** The field's last characters (up to ENDING_CHARS): a cheap check that the panel's copy is the same text. */
  ending: string;
}

/** Fields up to this long go with the record as before: small answers need no round of checks. */
export const STREAMED_FIELD_MIN_CHARS = 8 * 1024;
export const ENDING_CHARS = 64;

const FIELD_OF: Readonly<Record<string, StreamedField['field']>> = { text: 'text', thinking: 'thinking' };

/** The record without its long streamed text and thinking, and what was left out; the same record when nothing was. */
export function withoutStreamedText(record: CallRecord): { record: CallRecord; fromStream?: StreamedField[] } {
  const content = record.message?.content;
  if (!record.streamed || !Array.isArray(content)) {
    return { record };
  }
  const fromStream: StreamedField[] = [];
  const slimContent = content.map((block: unknown, index) => {
    if (typeof block !== 'object' || block === null) {
      return block;
    }
    const field = FIELD_OF[String((block as JsonObject).type)];
    const value = field === undefined ? undefined : (block as JsonObject)[field];
    if (field === undefined || typeof value !== 'string' || value.length < STREAMED_FIELD_MIN_CHARS) {
      return block;
    }
    fromStream.push({ index, field, length: value.length, ending: value.slice(-ENDING_CHARS) });
    return { ...(block as JsonObject), [field]: '' };
  });
  if (fromStream.length === 0) {
    return { record };
  }
  return { record: { ...record, message: { ...record.message, content: slimContent } }, fromStream };
}

/**
 * Puts the streamed fields back into `record` from `streamed` (the message the panel built from the events), in
 * place. False, and `record` left as it was, when one of them is missing or differs: the panel asks for the whole.
 * `endingOf` gives a field's last characters as the panel noted them while it streamed (messageAccumulator.ts): a
 * text built of thousands of deltas is copied flat before its ending can be read (30 ms for 5 MB, in the frame the
 * call ends); without it, the ending is read from the text.
 */
export function fillFromStream(
  record: CallRecord,
  fromStream: readonly StreamedField[],
  streamed: JsonObject | undefined,
  endingOf?: (index: number, field: StreamedField['field']) => string | undefined,
): boolean {
  const content = record.message?.content;
  const own = streamed?.content;
  if (!Array.isArray(content) || !Array.isArray(own)) {
    return false;
  }
  const texts: Array<{ block: JsonObject; field: string; text: string }> = [];
  for (const wanted of fromStream) {
    const block = content[wanted.index] as unknown;
    const mine = own[wanted.index] as unknown;
    const text = typeof mine === 'object' && mine !== null ? (mine as JsonObject)[wanted.field] : undefined;
    if (typeof block !== 'object' || block === null || typeof text !== 'string' || text.length !== wanted.length) {
      return false;
    }
    const noted = endingOf?.(wanted.index, wanted.field);
    if (noted !== undefined ? noted !== wanted.ending : !text.endsWith(wanted.ending)) {
      return false;
    }
    texts.push({ block: block as JsonObject, field: wanted.field, text });
  }
  for (const { block, field, text } of texts) {
    block[field] = text;
  }
  return true;
}

/** A callFinished's `fromStream` as it came over the channel: its fields, or undefined when it is not a list of well-formed ones. */
export function normalizeFromStream(value: unknown): StreamedField[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const fields = value.filter((item): item is StreamedField =>
    typeof item === 'object' && item !== null &&
    Number.isInteger(item.index) && item.index >= 0 &&
    (item.field === 'text' || item.field === 'thinking') &&
    Number.isInteger(item.length) && item.length >= 0 &&
    typeof item.ending === 'string');
  return fields.length === value.length ? fields : undefined;
}
