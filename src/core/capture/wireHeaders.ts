// The headers that really went out include some the SDK never saw: Node's fetch (undici) adds host, connection,
// content-length, accept-encoding, sec-fetch-mode... below the `fetch` call. They are observed where undici writes
// them, on its diagnostics channel, so the record lists what was on the wire and not what we guess.
import * as diagnostics from 'node:diagnostics_channel';

interface Waiting {
  origin: string;
  path: string;
  method: string;
  resolve(raw: string, socket: unknown): void;
}

const waiting: Waiting[] = [];
let subscribed = false;

interface SendHeadersMessage {
  request?: { origin?: unknown; path?: unknown; method?: unknown };
  headers?: unknown;
  socket?: unknown;
}

function onSendHeaders(message: unknown): void {
  const { request, headers, socket } = message as SendHeadersMessage;
  if (!request || typeof headers !== 'string') {
    return;
  }
  const index = waiting.findIndex(
    (w) => w.origin === String(request.origin) && w.path === String(request.path) && w.method === String(request.method),
  );
  if (index >= 0) {
    const [found] = waiting.splice(index, 1);
    found.resolve(headers, socket);
  }
}

/**
 * Starts watching for the request to `url` going out; `take()` returns the raw header block undici wrote (request
 * line first), or undefined if none was seen (another fetch, or no connection made). Call `take()` once the
 * response headers have arrived (or the attempt failed): the headers were written before either. `socket()` is the
 * connection they went out on (for connectionEnd.ts), once they did.
 */
export function watchWireHeaders(url: string, method: string): { take(): string | undefined; socket(): unknown } {
  let raw: string | undefined;
  let connection: unknown;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { take: () => undefined, socket: () => undefined };
  }
  if (!subscribed) {
    diagnostics.subscribe('undici:client:sendHeaders', onSendHeaders);
    subscribed = true;
  }
  const entry: Waiting = {
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
    method: method.toUpperCase(),
    resolve: (headers, socket) => {
      raw = headers;
      connection = socket;
    },
  };
  waiting.push(entry);
  return {
    take: () => {
      const index = waiting.indexOf(entry);
      if (index >= 0) {
        waiting.splice(index, 1);
      }
      return raw;
    },
    socket: () => connection,
  };
}

/**
 * The headers in `raw` (undici's header block) that are not in `given` (what fetch was called with), lower case,
 * in wire order. `content-length` is written by undici after this block, from the body; it is added from `body`.
 */
export function addedHeaders(raw: string | undefined, given: Record<string, string>, body: string, method: string): Record<string, string> | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const added: Record<string, string> = {};
  const lines = raw.split('\r\n').slice(1);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in given) && !(name in added)) {
      added[name] = line.slice(colon + 1).trim();
    }
  }
  if (!('content-length' in given) && !('transfer-encoding' in added) && (body !== '' || !['GET', 'HEAD'].includes(method.toUpperCase()))) {
    added['content-length'] = String(Buffer.byteLength(body, 'utf8'));
  }
  return added;
}
