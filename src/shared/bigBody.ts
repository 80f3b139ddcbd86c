// What counts as a big request body, for the host (which sends it to the panel once, bodyOnce.ts) and the panel
// (which keeps a big answer's first screen, not its record, in its saved state): browser-safe.
import type { JsonObject } from './callRecord';
import { fitsIn } from './size';

/** A body whose text is longer than this is sent to the panel once. */
export const BIG_BODY_CHARS = 256 * 1024;

/** A field of the effective request kept in a trimmed one: model, max_tokens, stream, thinking... */
const SMALL_FIELD_CHARS = 4096;

/** A request whose body is too big to go with the attempt. */
export function isBigBody(body: string | undefined): boolean {
  return (body?.length ?? 0) > BIG_BODY_CHARS;
}

/** The effective request's small fields: what the header and the stop reason read (model, max_tokens). */
export function smallFields(request: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [name, value] of Object.entries(request)) {
    if (fitsIn(value, SMALL_FIELD_CHARS)) {
      kept[name] = value;
    }
  }
  return kept;
}
