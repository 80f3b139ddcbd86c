// One HTTP exchange with the stand-in: the request as read off the socket, and the low-level means to answer it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, isRetryableStatus } from './errors';
import type { RateWindow } from './rateWindow';
import type { SentFacts } from './sentLog';

export interface ReceivedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Record<string, string>;
  /** Names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as received, decoded as UTF-8. */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Date.now() when the body had been read. */
  at: number;
  /** The body's length, when it was dropped from the log to keep it small (see requestLog.ts); `body` is "" then. */
  bodyDropped?: number;
}

/** One HTTP exchange: the request as read, and the means to answer it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  received: ReceivedRequest;
  /** Date.now() when the request came in: a paced answer's timings count from here. */
  arrived: number;
  /** Set when the client went away or the stand-in closed: stop writing. */
  gone: boolean;
  note: string;
  /** What went out, for the stand-in's log of answers (sentLog.ts). */
  sent: SentFacts;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const ORGANIZATION_ID = '7f3e2a10-5b4c-4d8e-9f01-2a3b4c5d6e7f';

export const lowerKeys = (headers: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

export function standardHeaders(ex: Exchange, rate: RateWindow): Record<string, string> {
  return { 'request-id': ex.requestId, 'anthropic-organization-id': ORGANIZATION_ID, ...rate.headers() };
}

export function sendJson(ex: Exchange, rate: RateWindow, status: number, body: string, extra?: Record<string, string>): void {
  if (ex.gone) {
    return;
  }
  const headers = {
    ...standardHeaders(ex, rate),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...lowerKeys(extra),
  };
  ex.sent.headersAt ??= Date.now();
  ex.res.writeHead(status, headers);
  ex.res.end(body);
}

export function sendError(ex: Exchange, rate: RateWindow, status: number, type: string, message: string, extra: Record<string, string> = {}, shouldRetry?: boolean | null): void {
  const retry = shouldRetry === undefined ? isRetryableStatus(status) : shouldRetry;
  ex.sent.errorType = type;
  const retryAfter = lowerKeys(extra)['retry-after'];
  if (retryAfter !== undefined) {
    ex.sent.retryAfter = retryAfter;
  }
  const headers: Record<string, string> = retry === null ? {} : { 'x-should-retry': String(retry) };
  sendJson(ex, rate, status, errorBody(type, message, ex.requestId), { ...headers, ...extra });
}

export function writeChunk(ex: Exchange, chunk: Buffer): Promise<void> {
  if (ex.res.write(chunk)) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      ex.res.off('drain', done);
      ex.res.off('close', done);
      resolve();
    };
    ex.res.on('drain', done);
    ex.res.on('close', done);
  });
}

/** Reads the request's head and body into what the request log keeps (not yet remembered). */
export async function receive(req: IncomingMessage): Promise<{ received: ReceivedRequest; tooLarge: boolean }> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  const { text, tooLarge } = await readBody(req);
  const received: ReceivedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: text,
    at: Date.now(),
  };
  try {
    received.json = JSON.parse(text);
  } catch {
    // Not JSON: `json` stays undefined, and the checks answer the 400 the API would.
  }
  return { received, tooLarge };
}

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep reading (and dropping) so that the 413 can still be answered on this connection.
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    const finish = () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge });
    req.on('end', finish);
    req.on('error', finish);
    req.on('close', finish);
  });
}

/** A TCP reset (RST), so the client sees ECONNRESET as after a real network fault, not a clean close. */
export function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') {
    socket.resetAndDestroy();
  } else {
    socket.destroy();
  }
}
