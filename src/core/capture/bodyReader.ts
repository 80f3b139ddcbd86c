// Reads a response body with two bounds, because the SDK's timeout ends when the headers arrive: an idle bound (no
// progress for `idleMs`) and a whole-body bound (`totalMs` from the headers, for a server that trickles a byte at a
// time). Whatever stops the read, the bytes that arrived have already been handed to `onChunk`. A body that ended
// with a reset its HTTP client took for a clean close (connectionEnd.ts) is a broken read too.
import type { ConnectionWatch } from './connectionEnd';

export type BodyStop = 'idle' | 'total' | 'size' | 'broken' | 'cancelled';

/** Why a body read stopped early, with how much had arrived. */
export class BodyReadError extends Error {
  constructor(
    readonly stop: BodyStop,
    readonly bytes: number,
    /** For 'broken': what the connection or the decoder threw. */
    override readonly cause?: unknown,
    /** For 'broken': the HTTP client ended the body as whole, and only the connection's error said it was cut. */
    readonly endedAsWhole = false,
  ) {
    super(`body read stopped (${stop}) after ${bytes} bytes`);
    this.name = 'BodyReadError';
  }
}

export interface BodyBounds {
  /** No progress for this long ends the read. */
  idleMs: number;
  /** The whole body must have arrived this long after the read began; Infinity for none. */
  totalMs: number;
  /** More bytes than this end the read: a server that sends without end is stopped before memory runs out. */
  maxBytes?: number;
  /** The user's Cancel. */
  signal?: AbortSignal;
  /** Called once when a bound fires or Cancel is pressed: free the connection. */
  abort?(): void;
  /** The connection of a body that ends with it: how it really ended, asked when the body seems to end whole. */
  connection?: ConnectionWatch;
}

/**
 * Reads `body` to its end. `onChunk` sees every chunk in order and says whether it was progress (a stream's pings
 * are not); only progress restarts the idle bound.
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  bounds: BodyBounds,
  onChunk: (chunk: Uint8Array) => boolean,
): Promise<number> {
  if (!body) {
    bounds.connection?.stop();
    return 0;
  }
  const reader = body.getReader();
  let bytes = 0;
  let stopped: BodyStop | undefined;
  const stop = (why: BodyStop) => {
    if (stopped) {
      return;
    }
    stopped = why;
    // Cancelling the reader ends a pending read at once; aborting frees the socket.
    reader.cancel().catch(() => undefined);
    bounds.abort?.();
  };
  let idle: NodeJS.Timeout | undefined;
  let lastProgress = performance.now();
  const armIdle = () => {
    clearTimeout(idle);
    lastProgress = performance.now();
    idle = setTimeout(() => stop('idle'), bounds.idleMs);
  };
  // When both bounds are due together, a body that has been silent all along stalled; it did not trickle.
  const onTotal = () => stop(performance.now() - lastProgress >= bounds.idleMs - 50 ? 'idle' : 'total');
  const total = Number.isFinite(bounds.totalMs) ? setTimeout(onTotal, bounds.totalMs) : undefined;
  const onAbort = () => stop('cancelled');
  if (bounds.signal?.aborted) {
    onAbort();
  }
  bounds.signal?.addEventListener('abort', onAbort, { once: true });
  armIdle();
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (error) {
        throw new BodyReadError(stopped ?? 'broken', bytes, stopped ? undefined : error);
      }
      if (stopped) {
        throw new BodyReadError(stopped, bytes);
      }
      if (result.done) {
        const cut = bounds.connection?.error();
        if (cut !== undefined) {
          throw new BodyReadError('broken', bytes, cut, true);
        }
        return bytes;
      }
      bytes += result.value.byteLength;
      if (bounds.maxBytes !== undefined && bytes > bounds.maxBytes) {
        stop('size');
        throw new BodyReadError('size', bytes);
      }
      if (onChunk(result.value)) {
        armIdle();
      }
    }
  } finally {
    clearTimeout(idle);
    clearTimeout(total);
    bounds.signal?.removeEventListener('abort', onAbort);
    bounds.connection?.stop();
  }
}
