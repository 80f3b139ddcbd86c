// A local stand-in for the Anthropic Messages API over real HTTP (node:http only): the same status codes, headers,
// JSON and SSE bytes as the real API, so that the extension, the CLI and their tests exercise the code paths they
// will meet in production. Tests queue replies to script a call; without one, the stand-in answers from canned.ts.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { cannedReply, requestSeed } from './canned';
import { ApiFailure, defaultErrorMessage, ERROR_TYPES, errorBody, isRetryableStatus } from './errors';
import { buildMessage, MessageContext } from './message';
import { ModelCatalog, ModelInput, modelNotFound } from './models';
import { newRequestId, seededRng } from './random';
import { familyOf, jsonAnswerMs, paceFor, streamEventTimes } from './family';
import { chunkFrames, chunkStarts, messageEvents, planStream } from './sse';
import type { JsonObject, MessageSpec, Reply, StreamOptions } from './types';
import { checkContentType, checkMessagesBody, checkVersion, countInputTokens, MessagesRequest, parseJsonBody } from './validate';
import { remember } from './requestLog';

export type {
  ApiErrorSpec,
  CannedReply,
  Chunking,
  ErrorReply,
  HangReply,
  JsonReply,
  MessageReply,
  MessageSpec,
  RawReply,
  Reply,
  ResetReply,
  StreamOptions,
  StreamReply,
  WireBlock,
  WireMessage,
} from './types';
export type { ModelInfo, ModelInput } from './models';
export { DEFAULT_MODELS } from './models';
export { DIRECTIVES } from './canned';

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

export interface StandInOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * When set, requests must carry exactly this key (`x-api-key: K`, or `authorization: Bearer K`; x-api-key wins
   * when both are sent). When unset, any non-empty key passes. A missing key always gets 401.
   */
  apiKey?: string;
  /** The models served by GET /v1/models and accepted by POST /v1/messages. Default: DEFAULT_MODELS. */
  models?: ModelInput[];
  /** One line per request (method, path, status, what happened, time); never headers, so never the key. */
  log?: (line: string) => void;
  /**
   * How long the canned answers take, as a factor of their model family's timings (family.ts): 1 is the stand-in's
   * realistic pace (a Haiku-class model's first token after about 150 ms, Opus-class about 700 ms), 0.1 a tenth of
   * it. Default 0: answers come at once, as most tests want. Queued replies keep their own timing, except a queued
   * `canned` one, which is paced like the canned answer unless it sets delayMs, durationMs or headersDelayMs.
   */
  latency?: number;
}

export interface StandIn {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  port: number;
  /**
   * What was received, in order: the last 100 requests, the newest bodies whole up to 64 MB in all (older ones keep
   * everything but the body: requestLog.ts).
   */
  requests: ReceivedRequest[];
  /** Replies used in order for the next POST /v1/messages requests, before any check or the default behaviour. */
  enqueue(...replies: Reply[]): void;
  /** How many queued replies are still unused. */
  readonly queued: number;
  /** POST /v1/messages requests open right now (from the request's arrival until its answer is closed). */
  readonly inFlight: number;
  /** The most POST /v1/messages requests that were open at once since the start (or the last reset). */
  readonly maxInFlight: number;
  /** Clears the received requests and the queue. */
  reset(): void;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const ORGANIZATION_ID = '7f3e2a10-5b4c-4d8e-9f01-2a3b4c5d6e7f';

/** Per-minute rate-limit accounting, only so the anthropic-ratelimit-* headers move like the real ones. */
class RateWindow {
  private start = Date.now();
  private requests = 0;
  private inputTokens = 0;
  private outputTokens = 0;

  private roll(): void {
    if (Date.now() - this.start >= 60_000) {
      this.start = Date.now();
      this.requests = 0;
      this.inputTokens = 0;
      this.outputTokens = 0;
    }
  }

  countRequest(): void {
    this.roll();
    this.requests++;
  }

  countTokens(input: number, output: number): void {
    this.roll();
    this.inputTokens += input;
    this.outputTokens += output;
  }

  headers(): Record<string, string> {
    this.roll();
    const reset = new Date(this.start + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // The real API rounds the remaining tokens down to the thousand.
    const left = (limit: number, used: number) => String(Math.max(0, Math.floor((limit - used) / 1000) * 1000));
    return {
      'anthropic-ratelimit-requests-limit': '4000',
      'anthropic-ratelimit-requests-remaining': String(Math.max(0, 4000 - this.requests)),
      'anthropic-ratelimit-requests-reset': reset,
      'anthropic-ratelimit-input-tokens-limit': '2000000',
      'anthropic-ratelimit-input-tokens-remaining': left(2_000_000, this.inputTokens),
      'anthropic-ratelimit-input-tokens-reset': reset,
      'anthropic-ratelimit-output-tokens-limit': '400000',
      'anthropic-ratelimit-output-tokens-remaining': left(400_000, this.outputTokens),
      'anthropic-ratelimit-output-tokens-reset': reset,
      'anthropic-ratelimit-tokens-limit': '2400000',
      'anthropic-ratelimit-tokens-remaining': left(2_400_000, this.inputTokens + this.outputTokens),
      'anthropic-ratelimit-tokens-reset': reset,
    };
  }
}

/** One HTTP exchange: the request as read, and the means to answer it. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  received: ReceivedRequest;
  /** Date.now() when the request came in: a paced answer's timings count from here. */
  arrived: number;
  /** Set when the client went away or the stand-in closed: stop writing. */
  gone: boolean;
  note: string;
}

const lowerKeys = (headers: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

export function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const catalog = new ModelCatalog(options.models);
  const rate = new RateWindow();
  const requests: ReceivedRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const queue: Reply[] = [];
  const sockets = new Set<Socket>();
  /** Wake-up functions of pending delays, so close() never waits for a timer. */
  const sleepers = new Set<() => void>();
  let closing = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closing || ms <= 0) {
        resolve();
        return;
      }
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  function standardHeaders(ex: Exchange): Record<string, string> {
    return { 'request-id': ex.requestId, 'anthropic-organization-id': ORGANIZATION_ID, ...rate.headers() };
  }

  function sendJson(ex: Exchange, status: number, body: string, extra?: Record<string, string>): void {
    if (ex.gone) {
      return;
    }
    const headers = {
      ...standardHeaders(ex),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...lowerKeys(extra),
    };
    ex.res.writeHead(status, headers);
    ex.res.end(body);
  }

  function sendError(ex: Exchange, status: number, type: string, message: string, extra: Record<string, string> = {}, shouldRetry?: boolean | null): void {
    const retry = shouldRetry === undefined ? isRetryableStatus(status) : shouldRetry;
    const headers: Record<string, string> = retry === null ? {} : { 'x-should-retry': String(retry) };
    sendJson(ex, status, errorBody(type, message, ex.requestId), { ...headers, ...extra });
  }

  function writeChunk(ex: Exchange, chunk: Buffer): Promise<void> {
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

  async function sendStream(ex: Exchange, spec: MessageSpec, context: MessageContext, stream: StreamOptions, extra?: Record<string, string>): Promise<void> {
    const message = buildMessage(spec, context);
    rate.countTokens(0, message.usage.output_tokens);
    const events = messageEvents(message);
    const plan = planStream(events, stream, ex.requestId);
    const chunks = chunkFrames(plan.frames, stream.chunking);
    const paced = stream.pace && stream.durationMs === undefined && stream.delayMs === undefined ? stream.pace : undefined;
    // With a pace, each write waits for the moment its first event is due (measured from the request's arrival).
    const times = paced ? streamEventTimes(events, paced) : undefined;
    const due = times ? chunkStarts(plan.frames, chunks).map((f) => times[plan.eventOf[f]]) : undefined;
    if (due && chunks.length > 0) {
      await sleep(due[0] - (Date.now() - ex.arrived));
    }
    if (ex.gone) {
      return;
    }
    ex.res.writeHead(200, {
      ...standardHeaders(ex),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...lowerKeys(extra),
    });
    ex.res.flushHeaders();
    const delay = stream.durationMs !== undefined ? stream.durationMs / Math.max(1, chunks.length - 1) : (stream.delayMs ?? 0);
    for (let i = 0; i < chunks.length; i++) {
      if (due) {
        await sleep(due[i] - (Date.now() - ex.arrived));
      } else if (i > 0 && delay > 0) {
        await sleep(delay);
      }
      if (ex.gone) {
        return;
      }
      await writeChunk(ex, chunks[i]);
    }
    if (ex.gone) {
      return;
    }
    if (plan.ending === 'cut') {
      ex.note += ' cut';
      ex.req.socket.destroy();
    } else {
      ex.res.end();
    }
  }

  /** Answers with a reply: the queued one, or the one the canned behaviour chose. */
  async function deliver(ex: Exchange, reply: Reply, context: MessageContext, wantsStream: boolean): Promise<void> {
    // A queued `canned` reply carries its delay into the canned answer, which comes back through here.
    if (reply.kind !== 'canned' && 'headersDelayMs' in reply && reply.headersDelayMs) {
      await sleep(reply.headersDelayMs);
    }
    switch (reply.kind) {
      case 'json': {
        const message = buildMessage(reply, context);
        if (reply.pace) {
          // A paced JSON answer comes when the whole of it has been written, as the real API's does.
          await sleep(jsonAnswerMs(reply.pace, message.usage.output_tokens) - (Date.now() - ex.arrived));
        }
        rate.countTokens(0, message.usage.output_tokens);
        sendJson(ex, 200, JSON.stringify(message), reply.headers);
        return;
      }
      case 'stream':
        ex.note += ' stream';
        return sendStream(ex, reply, context, reply, reply.headers);
      case 'message':
        if (wantsStream) {
          ex.note += ' stream';
          return sendStream(ex, reply, context, reply, reply.headers);
        }
        return deliver(ex, { ...reply, kind: 'json', headersDelayMs: 0 }, context, false);
      case 'canned':
        return answerMessages(ex, reply);
      case 'error': {
        const extra: Record<string, string> = {};
        if (reply.retryAfter !== undefined) {
          extra['retry-after'] = String(reply.retryAfter);
        }
        if (reply.retryAfterMs !== undefined) {
          extra['retry-after-ms'] = String(reply.retryAfterMs);
        }
        sendError(ex, reply.status, reply.type, reply.message ?? defaultErrorMessage(reply.type), { ...extra, ...reply.headers }, reply.shouldRetry);
        return;
      }
      case 'reset':
        await sleep(reply.afterMs ?? 0);
        ex.note += ' reset';
        resetSocket(ex.req.socket);
        return;
      case 'hang':
        // Nothing is sent; close() or the client ends it.
        ex.note += ' hang';
        return;
      case 'raw':
        if (!ex.gone) {
          const headers = lowerKeys(reply.headers);
          if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
            headers['content-length'] = String(Buffer.byteLength(reply.body));
          }
          ex.res.writeHead(reply.status, headers);
          ex.res.end(reply.body);
        }
        return;
    }
  }

  function checkAuth(headers: Record<string, string>): void {
    if (headers.origin !== undefined && headers['anthropic-dangerous-direct-browser-access'] !== 'true') {
      throw new ApiFailure(
        401,
        'authentication_error',
        "CORS requests are not allowed for this Organization because of the CORS configuration. Call the API from a server, or set the 'anthropic-dangerous-direct-browser-access: true' header.",
      );
    }
    let key: string | undefined;
    let via: 'x-api-key' | 'bearer' = 'x-api-key';
    if (headers['x-api-key'] !== undefined) {
      key = headers['x-api-key'].trim();
    } else if (headers.authorization !== undefined) {
      via = 'bearer';
      key = /^Bearer\s+(.*)$/i.exec(headers.authorization)?.[1]?.trim();
    }
    if (!key) {
      throw new ApiFailure(401, 'authentication_error', 'x-api-key header is required');
    }
    if (options.apiKey !== undefined && key !== options.apiKey) {
      throw new ApiFailure(401, 'authentication_error', via === 'x-api-key' ? 'invalid x-api-key' : 'Invalid bearer token');
    }
  }

  /** The checks every POST with a Messages body goes through, in the real API's order. */
  function readMessagesRequest(ex: Exchange, forCount: boolean): MessagesRequest {
    const { headers } = ex.received;
    checkAuth(headers);
    const version = checkVersion(headers['anthropic-version']);
    checkContentType(headers['content-type']);
    const request = checkMessagesBody(parseJsonBody(ex.received.body), version, forCount);
    const model = catalog.usable(request.model);
    if (!model) {
      throw modelNotFound(request.model);
    }
    if (request.maxTokens !== undefined && model.max_tokens !== null && request.maxTokens > model.max_tokens) {
      throw new ApiFailure(
        400,
        'invalid_request_error',
        `max_tokens: ${request.maxTokens} > ${model.max_tokens}, which is the maximum allowed number of output tokens for ${model.id}`,
      );
    }
    return request;
  }

  async function answerMessages(ex: Exchange, overrides?: Reply & { kind: 'canned' }): Promise<void> {
    const request = readMessagesRequest(ex, false);
    const inputTokens = countInputTokens(request.body);
    rate.countTokens(inputTokens, 0);
    const model = catalog.find(request.model);
    let reply = cannedReply({ request, model });
    if (overrides && reply.kind === 'message') {
      const { kind: _kind, ...options } = overrides;
      reply = { ...reply, ...options };
    }
    if (reply.kind === 'message' && reply.headersDelayMs === undefined && reply.durationMs === undefined && reply.delayMs === undefined) {
      reply.pace = paceFor(familyOf(request.model, model), options.latency ?? 0, seededRng(requestSeed(request)));
    }
    await deliver(ex, reply, { model: request.model, inputTokens }, request.stream);
  }

  async function route(ex: Exchange): Promise<void> {
    const { method, path } = ex.received;
    if (method === 'POST' && path === '/v1/messages') {
      const queued = queue.shift();
      if (queued) {
        ex.note += ' queued';
        const json = ex.received.json as JsonObject | undefined;
        const model = typeof json?.model === 'string' ? json.model : undefined;
        const inputTokens = json && typeof json === 'object' ? countInputTokens(json) : 1;
        await deliver(ex, queued, { model, inputTokens }, json?.stream === true);
        return;
      }
      return answerMessages(ex);
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      const request = readMessagesRequest(ex, true);
      sendJson(ex, 200, JSON.stringify({ input_tokens: countInputTokens(request.body) }));
      return;
    }
    if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
      checkAuth(ex.received.headers);
      checkVersion(ex.received.headers['anthropic-version']);
      if (path === '/v1/models') {
        sendJson(ex, 200, JSON.stringify(catalog.page(new URL(ex.req.url ?? '/', 'http://stand-in').searchParams)));
        return;
      }
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      const model = catalog.find(id);
      if (!model) {
        throw modelNotFound(id);
      }
      sendJson(ex, 200, JSON.stringify(model));
      return;
    }
    throw new ApiFailure(404, 'not_found_error', ERROR_TYPES.not_found_error.message);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
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
    remember(requests, received);
    rate.countRequest();

    const ex: Exchange = { req, res, requestId: newRequestId(), received, arrived: started, gone: false, note: '' };
    // Messages calls are counted while open, so a client's concurrency bound can be seen from here; the log names
    // the model, so a comparison's figures can be checked against it.
    const messages = received.method === 'POST' && received.path === '/v1/messages';
    if (messages) {
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      const model = (received.json as { model?: unknown } | undefined)?.model;
      if (typeof model === 'string') {
        ex.note = ` ${model.replace(/[^\x21-\x7e]/g, '?').slice(0, 80)}`;
      }
    }
    res.on('close', () => {
      if (messages) {
        inFlight.now--;
      }
      ex.gone = true;
      options.log?.(`${received.method} ${received.path} ${res.headersSent ? res.statusCode : '-'}${ex.note} ${Date.now() - started} ms`);
    });
    res.on('error', () => {
      ex.gone = true;
    });
    try {
      if (tooLarge) {
        throw new ApiFailure(413, 'request_too_large', ERROR_TYPES.request_too_large.message);
      }
      await route(ex);
    } catch (error) {
      if (ex.gone || res.headersSent) {
        return;
      }
      if (error instanceof ApiFailure) {
        sendError(ex, error.status, error.type, error.message);
      } else {
        options.log?.(`stand-in bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        sendError(ex, 500, 'api_error', 'Internal server error');
      }
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        requests,
        enqueue: (...replies) => {
          queue.push(...replies);
        },
        get queued() {
          return queue.length;
        },
        get inFlight() {
          return inFlight.now;
        },
        get maxInFlight() {
          return inFlight.max;
        },
        reset: () => {
          inFlight.max = inFlight.now;
          requests.length = 0;
          queue.length = 0;
        },
        close: () => {
          closing = true;
          for (const wake of [...sleepers]) {
            wake();
          }
          for (const socket of sockets) {
            socket.destroy();
          }
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
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
function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') {
    socket.resetAndDestroy();
  } else {
    socket.destroy();
  }
}
