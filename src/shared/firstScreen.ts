// After a reload, a big answer comes back in two steps: first its beginning, enough for the first screen, then the
// whole record, which the webview asks for once the beginning is painted (needCall with `whole`). The whole of a
// 10 MB answer takes seconds to reach the webview in the real workbench (masked, serialized, compressed, sent over the
// socket, parsed and cloned into the webview, on threads the workbench shares); its first screen need not wait for it.
// The panel keeps the first screen in its saved state and paints it from there (stateKeeping.ts); the extension keeps
// it beside the last call on disk, for a state without it. Browser-safe: both cut it.
import { isBigBody, smallFields } from './bigBody';
import type { CallRecord, JsonObject } from './callRecord';
import { fitsIn } from './size';

/** A record whose answer is bigger than this comes back in two steps. */
export const FIRST_SCREEN_LIMIT = 256 * 1024;
/** How much of the answer's text the first step carries: a few screens of it, small enough to paint at once. */
const FIRST_SCREEN_CHARS = 12 * 1024;

/** Said at the end of the cut text, until the whole answer replaces it. */
export const REST_LOADING = '\n\n*(The rest of the answer is loading…)*';

export function needsFirstScreen(record: CallRecord): boolean {
  return record.message !== undefined && !fitsIn(record.message, FIRST_SCREEN_LIMIT);
}

/**
 * The record with the beginning of its answer only: its content blocks up to about 12 K characters of text (the last
 * one cut, and said to be loading), no raw body, curl or timeline, and a big request's body left out (""). Never kept,
 * saved or copied as the call: the whole record follows.
 */
export function firstScreenOf(record: CallRecord): CallRecord {
  const content = Array.isArray(record.message?.content) ? (record.message.content as unknown[]) : [];
  const kept: unknown[] = [];
  let budget = FIRST_SCREEN_CHARS;
  for (const block of content) {
    if (budget <= 0) {
      break;
    }
    const text = (block as JsonObject | null)?.text;
    if (typeof text === 'string' && text.length > budget) {
      kept.push({ ...(block as JsonObject), text: `${text.slice(0, budget)}${REST_LOADING}` });
      budget = 0;
    } else if (fitsIn(block, budget)) {
      kept.push(block);
      budget -= typeof text === 'string' ? text.length : JSON.stringify(block).length;
    } else {
      break;
    }
  }
  // A big request as well: its body is asked for by the views that show it (bodyOnce.ts), as after the whole.
  const first: CallRecord = { ...(isBigBody(record.request?.body) ? withoutRequestBody(record) : record), message: { ...record.message, content: kept }, timeline: [] };
  delete first.curl;
  if (record.response) {
    const { body: _body, ...response } = record.response;
    first.response = response;
  }
  return first;
}

/** `record` without its request body (""), the effective request's small fields only: the views ask for the body. */
export function withoutRequestBody(record: CallRecord): CallRecord {
  return { ...record, effectiveRequest: smallFields(record.effectiveRequest), ...(record.request ? { request: { ...record.request, body: '' } } : {}) };
}
