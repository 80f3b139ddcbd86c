// A local stand-in for the Anthropic Messages API over real HTTP (node:http only): the same status codes, headers,
// JSON and SSE bytes as the real API, so that the extension, the CLI and their tests exercise the code paths they
// will meet in production. Tests queue replies to script a call; without one, the stand-in answers from canned.ts.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { cannedReply, requestSeed } from './canned';
import { checkAuth, readMessagesRequest } from './checkRequest';
import { deliver, Delivery } from './deliver';
import { ApiFailure, ERROR_TYPES } from './errors';
import { Exchange, ReceivedRequest, receive, sendError, sendJson } from './exchange';
import { ModelCatalog, ModelInput, modelNotFound } from './models';
import { newRequestId, seededRng } from './random';
import { familyOf, paceFor } from './family';
import { RateWindow } from './rateWindow';
import type { JsonObject, Reply } from './types';
import { checkVersion, countInputTokens } from './validate';
import { remember } from './requestLog';
import { directivesFor, lastUserMessage, textOf } from './conversation';
import { RequestLimits, requestLimitOf } from './requestLimits';
import { keepAnswer, SentAnswer, sentAnswer, sentText } from './sentLog';

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

export type { ReceivedRequest } from './exchange';
export type { SentAnswer } from './sentLog';

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
  /**
   * What the stand-in sent for each POST /v1/messages, in the order the answers ended (the newest 1000): model,
   * status, headers / first token / total ms from the request's arrival, tokens, stop reason, error (sentLog.ts).
   */
  sent: SentAnswer[];
  /** Replies used in order for the next POST /v1/messages requests, before any check or the default behaviour. */
  enqueue(...replies: Reply[]): void;
  /** How many queued replies are still unused. */
  readonly queued: number;
  /** POST /v1/messages requests open right now (from the request's arrival until its answer is closed). */
  readonly inFlight: number;
  /** The most POST /v1/messages requests that were open at once since the start (or the last reset). */
  readonly maxInFlight: number;
  /** Clears the received requests, the log of answers, the queue and the rate-limit counts. */
  reset(): void;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

export function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const catalog = new ModelCatalog(options.models);
  const rate = new RateWindow();
  const limits = new RequestLimits();
  const requests: ReceivedRequest[] = [];
  const sent: SentAnswer[] = [];
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
  const delivery: Delivery = { rate, sleep, answerCanned: (ex, reply) => answerMessages(ex, reply) };

  async function answerMessages(ex: Exchange, overrides?: Reply & { kind: 'canned' }): Promise<void> {
    const request = readMessagesRequest(ex.received, catalog, options.apiKey, false);
    const inputTokens = countInputTokens(request.body);
    rate.countTokens(inputTokens, 0);
    const model = catalog.find(request.model);
    // A rate limit the request asked for (rate-limit:N, for its model or for all): over it, the 429 instead.
    const limit = requestLimitOf(directivesFor(textOf(lastUserMessage(request.messages)), request.model));
    const refused = limit && limits.admit(limit.key, limit.limit);
    if (refused) {
      ex.note += ' rate-limited';
      await deliver(delivery, ex, refused, { model: request.model, inputTokens }, request.stream);
      return;
    }
    let reply = cannedReply({ request, model });
    if (overrides && reply.kind === 'message') {
      const { kind: _kind, ...options } = overrides;
      reply = { ...reply, ...options };
    }
    if (reply.kind === 'message' && reply.headersDelayMs === undefined && reply.durationMs === undefined && reply.delayMs === undefined) {
      reply.pace = paceFor(familyOf(request.model, model), options.latency ?? 0, seededRng(requestSeed(request)));
    }
    await deliver(delivery, ex, reply, { model: request.model, inputTokens }, request.stream);
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
        await deliver(delivery, ex, queued, { model, inputTokens }, json?.stream === true);
        return;
      }
      return answerMessages(ex);
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      const request = readMessagesRequest(ex.received, catalog, options.apiKey, true);
      sendJson(ex, rate, 200, JSON.stringify({ input_tokens: countInputTokens(request.body) }));
      return;
    }
    if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) {
      checkAuth(ex.received.headers, options.apiKey);
      checkVersion(ex.received.headers['anthropic-version']);
      if (path === '/v1/models') {
        sendJson(ex, rate, 200, JSON.stringify(catalog.page(new URL(ex.req.url ?? '/', 'http://stand-in').searchParams)));
        return;
      }
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      const model = catalog.find(id);
      if (!model) {
        throw modelNotFound(id);
      }
      sendJson(ex, rate, 200, JSON.stringify(model));
      return;
    }
    throw new ApiFailure(404, 'not_found_error', ERROR_TYPES.not_found_error.message);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const { received, tooLarge } = await receive(req);
    remember(requests, received);
    rate.countRequest();

    const ex: Exchange = { req, res, requestId: newRequestId(), received, arrived: started, gone: false, note: '', sent: {} };
    // Messages calls are counted while open, so a client's concurrency bound can be seen from here; the log names
    // the model, so a comparison's figures can be checked against it.
    const messages = received.method === 'POST' && received.path === '/v1/messages';
    const named = (received.json as { model?: unknown } | undefined)?.model;
    const model = messages && typeof named === 'string' ? named : undefined;
    if (messages) {
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      if (model !== undefined) {
        ex.note = ` ${model.replace(/[^\x21-\x7e]/g, '?').slice(0, 80)}`;
      }
    }
    res.on('close', () => {
      const ended = Date.now();
      let figures = '';
      if (messages) {
        inFlight.now--;
        const entry = sentAnswer(model, started, ended, res.headersSent ? res.statusCode : undefined, ex.sent);
        keepAnswer(sent, entry);
        figures = sentText(entry);
      }
      ex.gone = true;
      options.log?.(`${received.method} ${received.path} ${res.headersSent ? res.statusCode : '-'}${ex.note} ${ended - started} ms${figures}`);
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
        sendError(ex, rate, error.status, error.type, error.message);
      } else {
        options.log?.(`stand-in bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        sendError(ex, rate, 500, 'api_error', 'Internal server error');
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
        sent,
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
          sent.length = 0;
          queue.length = 0;
          limits.reset();
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
