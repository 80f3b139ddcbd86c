// Sees every HTTP attempt exactly as it leaves and returns, through the SDK's `fetch` option: the request as sent
// (method, URL, headers, body bytes), the response status and headers, the time to headers, and for streams each
// server-sent event with its arrival time. The bytes reach the SDK unchanged.
import { createParser } from 'eventsource-parser';
import type { Attempt, CapturedRequest, CapturedResponse, TimelineEntry, TimelineEvent } from './callRecord';
import { maskHeaders, redactKey } from './redact';
import { foldEvent } from './timeline';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface CaptureListener {
  /** An attempt went out (the first, or a retry). */
  onAttempt?(attempt: Attempt, request: CapturedRequest): void;
  /** Response headers arrived. */
  onResponse?(attempt: Attempt, response: CapturedResponse): void;
  /** One server-sent event arrived. Called in arrival order; keep it cheap, it runs once per event. */
  onEvent?(event: TimelineEvent): void;
}

/** Milliseconds the server asked us to wait, from retry-after-ms or retry-after (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) {
    return Number(ms);
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return seconds * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) {
    return '';
  }
  if (typeof body === 'string') {
    return body;
  }
  if (body instanceof Uint8Array) {
    return new TextDecoder().decode(body);
  }
  if (body instanceof ArrayBuffer) {
    return new TextDecoder().decode(new Uint8Array(body));
  }
  // The Messages API client only sends JSON strings; anything else is shown for what it is.
  return `[${Object.prototype.toString.call(body)} body]`;
}

/** The deepest `code` (ECONNREFUSED, ENOTFOUND, ...) or message in an error's cause chain. */
export function describeNetworkCause(error: unknown): string {
  let current: unknown = error;
  let message = '';
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string') {
      const detail = typeof e.message === 'string' && e.message && !e.message.includes(e.code) ? ` (${e.message})` : '';
      return `${e.code}${detail}`;
    }
    if (typeof e.message === 'string' && e.message) {
      message = e.message;
    }
    current = e.cause;
  }
  return message || String(error);
}

/**
 * One call's capture: create it, pass `capture.fetch` to the SDK, read the fields after the call. Keeps the last
 * attempt's request and response (what the panel shows) and every attempt's outline (what retries did).
 */
export class CallCapture {
  readonly attempts: Attempt[] = [];
  request?: CapturedRequest;
  response?: CapturedResponse;
  readonly timeline: TimelineEntry[] = [];
  /** When the last byte of the last response body arrived. */
  bodyEndMs?: number;
  firstDeltaMs?: number;
  private readonly startedAt = performance.now();

  constructor(
    private readonly apiKey: string | undefined,
    private readonly listener: CaptureListener = {},
    private readonly baseFetch: Fetch = globalThis.fetch,
    /** A stream that sends nothing (not even a ping) for this long fails with StreamStalledError. */
    private readonly idleTimeoutMs?: number,
  ) {}

  /** Milliseconds since this capture was created, the zero of every time in the record. */
  elapsed(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
  }

  readonly fetch: Fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const request: CapturedRequest = {
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url,
      ...maskHeaders(headers, this.apiKey),
      body: bodyText(init?.body),
    };
    const attempt: Attempt = { number: this.attempts.length + 1, startedMs: this.elapsed() };
    this.attempts.push(attempt);
    this.request = request;
    this.response = undefined;
    this.listener.onAttempt?.(attempt, request);

    let response: Response;
    try {
      response = await this.baseFetch(input, init);
    } catch (error) {
      attempt.networkError = redactKey(describeNetworkCause(error), this.apiKey);
      throw error;
    }
    attempt.headersMs = this.elapsed();
    attempt.status = response.status;
    attempt.requestId = response.headers.get('request-id') ?? undefined;
    attempt.retryAfterMs = retryAfterMs(response.headers);
    const captured: CapturedResponse = {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries([...response.headers].map(([k, v]) => [k.toLowerCase(), v])),
    };
    this.response = captured;
    if (response.status >= 400 && response.body) {
      // An error body is small and is read now, whole: the SDK does not read it when it retries, and each
      // attempt's error type belongs in the record.
      captured.body = await response.text();
      this.bodyEndMs = this.elapsed();
      attempt.errorType = errorTypeOf(captured.body);
      this.listener.onResponse?.(attempt, captured);
      return new Response(captured.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    this.listener.onResponse?.(attempt, captured);
    if (!response.body) {
      this.bodyEndMs = this.elapsed();
      return response;
    }
    const isEventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    const observed = response.body.pipeThrough(isEventStream ? this.observeEvents() : this.observeBody(captured));
    return new Response(observed, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** Keeps the text of an ordinary (JSON) body as received, for the raw view. */
  private observeBody(captured: CapturedResponse): TransformStream<Uint8Array, Uint8Array> {
    const decoder = new TextDecoder();
    const parts: string[] = [];
    return new TransformStream({
      transform: (chunk, controller) => {
        parts.push(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
      flush: () => {
        parts.push(decoder.decode());
        captured.body = parts.join('');
        this.bodyEndMs = this.elapsed();
      },
    });
  }

  /** Parses server-sent events as the bytes pass, whatever the chunking, to time each one. */
  private observeEvents(): TransformStream<Uint8Array, Uint8Array> {
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (message) => {
        let data: unknown = message.data;
        try {
          data = JSON.parse(message.data);
        } catch {
          // Keep the raw text: an inspector shows what came, even when it is not JSON.
        }
        const event: TimelineEvent = { ms: this.elapsed(), event: message.event ?? 'message', data };
        if (this.firstDeltaMs === undefined && event.event === 'content_block_delta') {
          this.firstDeltaMs = event.ms;
        }
        foldEvent(this.timeline, event);
        this.listener.onEvent?.(event);
      },
    });
    // The SDK's timeout ends when the headers arrive; a stream that then goes silent would wait forever.
    let idle: NodeJS.Timeout | undefined;
    const watch = (controller: TransformStreamDefaultController<Uint8Array>) => {
      if (this.idleTimeoutMs === undefined) {
        return;
      }
      clearTimeout(idle);
      idle = setTimeout(() => {
        try {
          controller.error(new StreamStalledError(this.idleTimeoutMs!));
        } catch {
          // Already closed or cancelled by the reader: nothing is waiting any more.
        }
      }, this.idleTimeoutMs);
      idle.unref?.();
    };
    return new TransformStream<Uint8Array, Uint8Array>({
      start: (controller) => watch(controller),
      transform: (chunk, controller) => {
        watch(controller);
        parser.feed(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
      flush: () => {
        clearTimeout(idle);
        parser.feed(decoder.decode());
        this.bodyEndMs = this.elapsed();
      },
    });
  }

}

/** A stream that went silent for longer than the timeout, after its headers had arrived. */
export class StreamStalledError extends Error {
  constructor(readonly idleMs: number) {
    super(`the stream sent nothing for ${seconds(idleMs)}`);
    this.name = 'StreamStalledError';
  }
}

/** The API error type in an error body, when it is one (a proxy's HTML page is not). */
function errorTypeOf(body: string): string | undefined {
  try {
    const type = (JSON.parse(body) as { error?: { type?: unknown } }).error?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** "0.4 s", "12 s": a duration as people read it. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
