// Each fault the hostile server can play, by name: the name is the first segment of the path, so a base URL of
// `${url}/<fault>` makes every call through it misbehave that way. See README.md for what each one does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { apiError, fullStream, message, modelsPage, sse, streamEnd, streamStart, textDelta, toolStream } from './wire';

export type Endpoint = 'messages' | 'count_tokens' | 'models' | 'other';

export interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  socket: Socket;
  endpoint: Endpoint;
  /** The request asked for a stream ("stream": true in its body). */
  stream: boolean;
  /** How many requests this fault had answered before this one (0 for the first). */
  seen: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  query: URLSearchParams;
  /** The x-api-key (or bearer token) the request carried. */
  key: string;
}

type Fault = (c: FaultContext) => void;

/** The whole answer a `cut-N` fault cuts: a stream with text and a tool_use block, or the JSON Message. */
export function wholeAnswer(stream: boolean): string {
  return stream ? toolStream(['{"city": ', '"Paris", ', '"unit": "celsius"}'], true).join('') : JSON.stringify(message());
}

/**
 * `cut-N`: the first N bytes of {@link wholeAnswer}, then a clean close; `reset-N`: the same, then a TCP reset.
 * For tests that cut an answer at every kind of place, not at one chosen by hand. `cut-unframed-N` and
 * `reset-unframed-N`: the same with a body that only the connection's end ends (no length, no chunked encoding).
 */
export function cutFault(name: string): Fault | undefined {
  const match = /^(cut|reset)(-unframed)?-(\d+)$/.exec(name);
  if (!match) {
    return undefined;
  }
  const bytes = Number(match[3]);
  return (c) => {
    const whole = Buffer.from(wholeAnswer(c.stream));
    if (match[2]) {
      unframed(c, c.stream ? SSE_TYPE : JSON_TYPE);
    } else {
      c.res.writeHead(200, c.stream ? SSE_TYPE : JSON_TYPE);
    }
    c.res.write(whole.subarray(0, bytes), () => {
      if (match[1] === 'reset') {
        setTimeout(() => c.socket.resetAndDestroy(), 20);
      } else {
        c.res.end();
      }
    });
  };
}

const JSON_TYPE = { 'content-type': 'application/json', 'request-id': 'req_hostile_0001' };
const SSE_TYPE = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_hostile_0001' };
const TRICKLE_EVERY_MS = 150;

/** The right answer for the endpoint, whole. */
function answer(c: FaultContext): void {
  if (c.endpoint === 'count_tokens') {
    c.res.writeHead(200, JSON_TYPE).end(JSON.stringify({ input_tokens: 12 }));
  } else if (c.endpoint === 'models') {
    c.res.writeHead(200, JSON_TYPE).end(JSON.stringify(modelsPage(['claude-hostile-1', 'claude-hostile-2'], false, 'claude-hostile-2')));
  } else if (c.stream) {
    c.res.writeHead(200, SSE_TYPE).end(fullStream().join(''));
  } else {
    c.res.writeHead(200, JSON_TYPE).end(JSON.stringify(message()));
  }
}

/** The start of the right answer's body, for faults that break it off. */
function opening(c: FaultContext): { headers: Record<string, string>; text: string } {
  if (c.stream && c.endpoint === 'messages') {
    return { headers: SSE_TYPE, text: [...streamStart(), textDelta('Hello ')].join('') };
  }
  const whole = c.endpoint === 'count_tokens' ? JSON.stringify({ input_tokens: 12 }) : c.endpoint === 'models'
    ? JSON.stringify(modelsPage(['claude-hostile-1'], false, 'claude-hostile-1'))
    : JSON.stringify(message());
  return { headers: JSON_TYPE, text: whole.slice(0, Math.ceil(whole.length / 2)) };
}

/** Writes `text` a byte at a time, forever (the text repeats), until the socket closes. */
function trickle(c: FaultContext, text: string): void {
  let i = 0;
  const timer = setInterval(() => {
    if (c.socket.destroyed) {
      clearInterval(timer);
      return;
    }
    c.res.write(text[i % text.length]);
    i++;
  }, TRICKLE_EVERY_MS);
  c.socket.on('close', () => clearInterval(timer));
}

/** 200 with `connection: close` and neither content-length nor chunked encoding: only the connection's end ends the body. */
function unframed(c: FaultContext, headers: Record<string, string>): void {
  c.res.removeHeader('transfer-encoding');
  c.res.writeHead(200, { ...headers, connection: 'close' });
}

/** 200, the opening of the answer, then a TCP reset; `head` writes the status line and headers (chunked by default). */
function resetMidBody(c: FaultContext, head: (headers: Record<string, string>) => unknown = (headers) => c.res.writeHead(200, headers)): void {
  const { headers, text } = opening(c);
  head(headers);
  c.res.write(text, () => setTimeout(() => c.socket.resetAndDestroy(), 50));
}

function body200(c: FaultContext, headers: Record<string, string>, text: string): void {
  c.res.writeHead(200, headers).end(text);
}

export const FAULTS: Record<string, Fault> = {
  ok: answer,

  // Every wait has a bound.
  'stall-headers': () => {
    // Accept the request, never answer: the headers never come.
  },
  'stall-json': (c) => {
    const { text } = opening({ ...c, stream: false });
    c.res.writeHead(200, JSON_TYPE);
    c.res.write(text);
  },
  'stall-sse': (c) => {
    c.res.writeHead(200, SSE_TYPE);
    c.res.write([...streamStart(), textDelta('Hello ')].join(''));
  },
  trickle: (c) => {
    const { headers, text } = opening(c);
    c.res.writeHead(200, headers);
    trickle(c, text);
  },
  'endless-body': (c) => {
    // As fast as the socket takes it, forever: JSON that never closes (or, streamed, text deltas without end).
    c.res.writeHead(200, c.stream ? SSE_TYPE : JSON_TYPE);
    const chunk = c.stream ? streamStart().join('') + textDelta('x'.repeat(1000)).repeat(1000) : `{"padding": "${'x'.repeat(2 ** 20)}`;
    const more = c.stream ? textDelta('x'.repeat(1000)).repeat(1000) : 'x'.repeat(2 ** 20);
    let first = true;
    const pump = () => {
      while (!c.socket.destroyed) {
        const ok = c.res.write(first ? chunk : more);
        first = false;
        if (!ok) {
          c.res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  },
  'pings-forever': (c) => {
    c.res.writeHead(200, SSE_TYPE);
    c.res.write(streamStart().join(''));
    const timer = setInterval(() => (c.socket.destroyed ? clearInterval(timer) : c.res.write(sse('ping', { type: 'ping' }))), TRICKLE_EVERY_MS);
    c.socket.on('close', () => clearInterval(timer));
  },

  // What arrived is never lost.
  'no-message-stop': (c) => {
    if (!c.stream) {
      const { text } = opening(c);
      c.res.writeHead(200, JSON_TYPE).end(text);
      return;
    }
    body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), textDelta('from the '), ...streamEnd(false)].join(''));
  },
  'pings-then-close': (c) => body200(c, SSE_TYPE, [sse('ping', { type: 'ping' }), sse('ping', { type: 'ping' }), sse('ping', { type: 'ping' })].join('')),
  'close-mid-event': (c) =>
    body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"del'].join('')),
  'reset-mid-body': (c) => resetMidBody(c),
  // A body delimited by the connection's end (no content-length, no chunked encoding): the HTTP client cannot tell a
  // reset from a clean close by the body alone, so each is played here.
  'reset-unframed': (c) => resetMidBody(c, (headers) => unframed(c, headers)),
  'close-unframed': (c) => {
    const text = c.stream ? [...streamStart(), textDelta('Hello '), textDelta('from the '), ...streamEnd(false)].join('') : opening(c).text;
    unframed(c, c.stream ? SSE_TYPE : JSON_TYPE);
    c.res.end(text);
  },
  // Chunked, but with `connection: close`: the HTTP client takes a reset for the end of the answer there too.
  'reset-chunked-close': (c) => resetMidBody(c, (headers) => c.res.writeHead(200, { ...headers, connection: 'close' })),
  'bad-gzip': (c) => {
    c.res.writeHead(200, { ...(c.stream ? SSE_TYPE : JSON_TYPE), 'content-encoding': 'gzip' });
    c.res.end(Buffer.from('this is not gzip at all, whatever the header says'));
  },
  'error-event': (c) =>
    body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })].join('')),
  'bad-input-json': (c) =>
    c.stream ? body200(c, SSE_TYPE, toolStream(['{"city": "Par', 'is"}}}', ', oops'], true).join('')) : answer(c),
  // Events that cannot be folded into the message: dropping one quietly would show a message the server never sent.
  'events-after-stop': (c) => body200(c, SSE_TYPE, [...fullStream(), textDelta(' and more')].join('')),
  'second-message-start': (c) => body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), ...streamStart('msg_second'), textDelta('other'), ...streamEnd()].join('')),
  'stray-delta': (c) => body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), textDelta('lost', 7), ...streamEnd()].join('')),
  'delta-on-wrong-block': (c) =>
    body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } }), ...streamEnd()].join('')),
  'delta-not-text': (c) => body200(c, SSE_TYPE, [...streamStart(), textDelta('Hello '), sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 42 } }), ...streamEnd()].join('')),
  'tool-input-not-object': (c) => (c.stream ? body200(c, SSE_TYPE, toolStream(['[1, ', '2]'], true).join('')) : answer(c)),
  // Line ends: CR alone ends a line too, up to the stream's very last one.
  'cr-only-stream': (c) => (c.stream ? body200(c, SSE_TYPE, fullStream().join('').replace(/\n/g, '\r')) : answer(c)),
  'count-not-whole': (c) => body200(c, JSON_TYPE, c.endpoint === 'count_tokens' ? '{"input_tokens": 12.5}' : JSON.stringify(message())),
  'content-not-blocks': (c) => body200(c, JSON_TYPE, JSON.stringify({ ...message(), content: [{ type: 'text', text: 'Hi' }, null, 'text'] })),
  'truncated-input-json': (c) => (c.stream ? body200(c, SSE_TYPE, toolStream(['{"city": ', '"Pa'], false).join('')) : answer(c)),

  // A 200 that is not what was asked for.
  'html-200': (c) => body200(c, { 'content-type': 'text/html; charset=utf-8' }, '<html><head><title>Sign in to the Wi-Fi</title></head><body>\x1b[31mPortal\x07</body></html>'),
  'sse-for-json': (c) => body200(c, SSE_TYPE, fullStream().join('')),
  'json-for-sse': (c) => body200(c, JSON_TYPE, JSON.stringify(message())),
  'null-body': (c) => body200(c, JSON_TYPE, 'null'),
  'empty-object': (c) => body200(c, JSON_TYPE, '{}'),
  'no-content-204': (c) => {
    c.res.writeHead(204).end();
  },
  'stop-without-start': (c) => body200(c, SSE_TYPE, [sse('ping', { type: 'ping' }), sse('message_stop', { type: 'message_stop' })].join('')),
  'models-bad-entry': (c) => body200(c, JSON_TYPE, JSON.stringify({ ...modelsPage(['claude-hostile-1'], false, 'claude-hostile-1'), data: [null, 42] })),
  'not-a-message': (c) =>
    body200(
      c,
      JSON_TYPE,
      c.endpoint === 'count_tokens' ? '{"input_tokens": "12"}' : c.endpoint === 'models' ? '{"models": []}' : '{"type": "completion", "completion": "Hello"}',
    ),

  // Errors that are not the API's JSON.
  'html-502': (c) => {
    c.res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html', 'x-should-retry': 'false' }).end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>');
  },
  'text-500': (c) => {
    c.res.writeHead(500, { 'content-type': 'text/plain', 'x-should-retry': 'false' }).end('upstream connect error or disconnect/reset before headers');
  },
  'empty-503': (c) => {
    c.res.writeHead(503, { 'x-should-retry': 'false' }).end();
  },

  // Retries.
  'retry-after-huge': (c) => {
    c.res.writeHead(429, { ...JSON_TYPE, 'retry-after': '3600' }).end(apiError('rate_limit_error', 'Rate limited'));
  },
  'retry-after-date-huge': (c) => {
    const date = new Date(Date.now() + 3600_000).toUTCString();
    c.res.writeHead(503, { ...JSON_TYPE, 'retry-after': date }).end(apiError('overloaded_error', 'Overloaded'));
  },
  'retry-then-ok': (c) => {
    // The first attempt of every call fails: the client says which attempt it is (x-stainless-retry-count), so
    // calls running side by side each get their own 429.
    const retry = Number(c.req.headers['x-stainless-retry-count'] ?? c.seen % 2);
    if (retry === 0) {
      c.res.writeHead(429, { ...JSON_TYPE, 'retry-after': '0.2' }).end(apiError('rate_limit_error', 'Rate limited'));
    } else {
      answer(c);
    }
  },
  'always-overloaded': (c) => {
    c.res.writeHead(529, { ...JSON_TYPE, 'retry-after-ms': '100' }).end(apiError('overloaded_error', 'Overloaded'));
  },
  'should-retry-false': (c) => {
    c.res.writeHead(500, { ...JSON_TYPE, 'x-should-retry': 'false' }).end(apiError('api_error', 'Internal error'));
  },

  // Redirects are never followed.
  'redirect-same-origin': (c) => {
    c.res.writeHead(307, { location: `/ok${c.req.url!.replace(/^\/[^/]+/, '')}` }).end();
  },
  'redirect-other-origin': (c) => {
    // Same server, another origin (localhost is not 127.0.0.1), with credentials in the URL to be masked.
    const port = new URL(c.origin).port;
    c.res.writeHead(302, { location: `http://hostile-user:hostile-pass@localhost:${port}/landed/v1/messages?api_key=${encodeURIComponent(c.key)}` }).end('moved');
  },

  // Pagination that never ends.
  'models-cycle': (c) => {
    const after = c.query.get('after_id');
    const page = after === 'claude-hostile-b' ? modelsPage(['claude-hostile-a'], true, 'claude-hostile-a') : modelsPage(['claude-hostile-b'], true, 'claude-hostile-b');
    body200(c, JSON_TYPE, JSON.stringify(page));
  },
  'models-no-cursor': (c) => body200(c, JSON_TYPE, JSON.stringify(modelsPage(['claude-hostile-1'], true, null))),
  'models-endless': (c) => {
    const n = Number(c.query.get('after_id')?.replace('claude-page-', '') ?? 0) + 1;
    body200(c, JSON_TYPE, JSON.stringify(modelsPage([`claude-page-${n}`], true, `claude-page-${n}`)));
  },

  // Secrets.
  'echo-key': (c) => {
    const cut = `${c.key.slice(0, Math.max(12, c.key.length - 8))}…`;
    c.res
      .writeHead(401, { ...JSON_TYPE, 'x-echo-key': c.key })
      .end(apiError('authentication_error', `invalid x-api-key: ${c.key} (also known as ${cut})`));
  },
};

// Long waits the user may cancel.
FAULTS['retry-after-long'] = (c) => {
  c.res.writeHead(429, { ...JSON_TYPE, 'retry-after': '30' }).end(apiError('rate_limit_error', 'Rate limited'));
};
