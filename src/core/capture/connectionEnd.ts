// A body without a length of its own (no content-length and no chunked encoding, or chunked with `connection: close`)
// ends, for Node's HTTP client (undici), when its connection ends, however it ends: a reset (ECONNRESET) is taken for
// the clean close and the body ends as if it were whole. The connection's own error tells the two apart: it is
// watched on the socket undici's diagnostics channel names (wireHeaders.ts), for the time of the body's read.
import type { EventEmitter } from 'node:events';

export interface ConnectionWatch {
  /** The error the connection ended with (ECONNRESET, ETIMEDOUT...), if it did: not one of undici's own. */
  error(): unknown;
  /** Stops watching (the body was read, or another attempt began). */
  stop(): void;
}

/** Whether only the connection's end can end this response's body, so that undici would take a reset for its end. */
export function endsWithConnection(headers: Headers): boolean {
  if (headers.has('content-length')) {
    // A body cut short of its length is an error for undici already.
    return false;
  }
  return !headers.has('transfer-encoding') || /\bclose\b/i.test(headers.get('connection') ?? '');
}

function isEmitter(value: unknown): value is EventEmitter {
  const e = value as { on?: unknown; removeListener?: unknown } | null;
  return !!e && typeof e.on === 'function' && typeof e.removeListener === 'function';
}

/** Watches `socket` (undefined: not seen, another HTTP client) for the error it ends with. */
export function watchConnection(socket: unknown): ConnectionWatch | undefined {
  if (!isEmitter(socket)) {
    return undefined;
  }
  let seen: unknown;
  const onError = (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    // undici's own errors (UND_ERR_INFO when it closes a finished connection, an abort) say nothing of the wire.
    if (seen === undefined && typeof code === 'string' && !code.startsWith('UND_ERR')) {
      seen = error;
    }
  };
  socket.on('error', onError);
  return { error: () => seen, stop: () => socket.removeListener('error', onError) };
}
