// The ways a call can go wrong on the wire that the SDK does not name: a body that stalls or trickles, a stream cut
// before message_stop, a 200 that is not what was asked for, a redirect, a retry-after above the cap. Each is thrown
// once, already described for a person, and turned into the record's CallError as it is.
import type { CallError } from '../../shared/callRecord';

export type FaultDetail = Omit<CallError, 'url'>;

export class WireFault extends Error {
  constructor(readonly detail: FaultDetail) {
    // No "timeout" in the text: the SDK takes any thrown error whose text says so for its own connection timeout.
    super(detail.message);
    this.name = 'WireFault';
  }
}

/** The error itself or one of its causes, when it is of the given class. */
export function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof type) {
      return current;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The deepest `code` (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, Z_DATA_ERROR, ...) or message in an error's cause chain. */
export function describeNetworkCause(error: unknown): string {
  let current: unknown = error;
  let message = '';
  let found = '';
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && !found) {
      const detail = typeof e.message === 'string' && e.message && !e.message.includes(e.code) ? ` (${e.message})` : '';
      found = `${e.code}${detail}`;
    }
    if (typeof e.message === 'string' && e.message) {
      message = e.message;
    }
    current = e.cause;
  }
  const cause = found || message || String(error);
  return KNOWN_CAUSES[cause] ? `${cause}: ${KNOWN_CAUSES[cause]}` : cause;
}

/**
 * Causes whose name says little, in words. Node's HTTP client (undici) refuses an interim `100 Continue` it did not ask
 * for (it never sends `expect: 100-continue`) with "bad response", on every attempt: the server or a proxy must stop
 * sending it. Other interim answers (103 Early Hints) are skipped and the call goes on.
 */
const KNOWN_CAUSES: Record<string, string> = {
  'UND_ERR_SOCKET (bad response)':
    'the server sent an answer the HTTP client refuses, such as an interim "100 Continue" it did not ask for (or bytes before the request)',
};

/** The media type of a response, without parameters: "text/html", or "no content-type". */
export function mediaType(headers: Headers | Record<string, string>): string {
  const raw = headers instanceof Headers ? headers.get('content-type') : headers['content-type'];
  const type = raw?.split(';')[0].trim().toLowerCase();
  return type || 'no content-type';
}

/**
 * The first bytes of a body as one line a person can read: control characters escaped (so a terminal shows them
 * and does not obey them), cut after `max` characters, in backticks. "an empty body" when there is nothing.
 */
export function preview(text: string, max = 120): string {
  if (text === '') {
    return 'an empty body';
  }
  const chars = [...text];
  const shown = chars.slice(0, max).map(escapeControl).join('');
  return `\`${shown}${chars.length > max ? '…' : ''}\``;
}

/** A text with its control characters escaped, for one line of a message (a Location, a header value). */
export function escapeControls(text: string): string {
  return [...text].map((char) => (char === '`' ? char : escapeControl(char))).join('');
}

function escapeControl(char: string): string {
  const code = char.codePointAt(0)!;
  if (char === '\n') {
    return '\\n';
  }
  if (char === '\r') {
    return '\\r';
  }
  if (char === '\t') {
    return '\\t';
  }
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || char === '`') {
    return char === '`' ? "'" : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return char;
}
