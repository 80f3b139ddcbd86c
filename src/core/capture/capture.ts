// Sees every HTTP attempt exactly as it leaves and returns, through the SDK's `fetch` option: the request as sent
// (method, URL, headers, the headers Node's HTTP client added, body bytes), the response status and headers, the time
// to headers. It also owns what the SDK would otherwise do out of sight: retries (bounded, announced, cancellable),
// the wait for headers, redirects (never followed) and the reading of every body under an idle and a whole-body bound.
import { CaptureOptions, Fetch, MAX_JSON_BODY_BYTES } from './captureOptions';
import { bodyText, byteCount, errorTypeOf, maskUrl, resolveLocation } from './captureText';
import { describeBodyStop } from './bodyStop';
import { BodyBounds, BodyReadError, readBody } from './bodyReader';
import { type ConnectionWatch, endsWithConnection, watchConnection } from './connectionEnd';
import type { Attempt, CapturedRequest, CapturedResponse, TimelineEntry, TimelineEvent } from '../../shared/callRecord';
import { hint } from '../../shared/hints';
import { DEFAULT_MAX_RETRY_WAIT_SECONDS, DEFAULT_TIMEOUT_SECONDS } from '../../shared/defaults';
import { maskHeaders, redactHeaders, redactKey, redactResponseHeaders } from '../secrets/redact';
import { backoffMs, isRetryable, RetryNotice, retryAfterMs, secondsText, sleep } from './retry';
import { foldEvent } from '../../shared/timeline';
import { addedHeaders, watchWireHeaders } from './wireHeaders';
import { describeNetworkCause, escapeControls, WireFault } from './wireFault';

export { retryAfterMs } from './retry';
export { MAX_JSON_BODY_BYTES, MAX_STREAM_BYTES } from './captureOptions';
export type { CaptureListener, CaptureOptions, Fetch } from './captureOptions';
export { maskUrl } from './captureText';
export { describeNetworkCause } from './wireFault';

/**
 * One call's capture: create it, pass `capture.fetch` to the SDK, read the body with `readText` or with
 * `readEvents` (`eventStream.ts`),
 * read the fields after the call. Keeps the last attempt's request and response (what the panel shows) and every
 * attempt's outline (what retries did).
 */
export class CallCapture {
  readonly attempts: Attempt[] = [];
  request?: CapturedRequest;
  response?: CapturedResponse;
  readonly timeline: TimelineEntry[] = [];
  /** When the last byte of the last response body arrived. */
  bodyEndMs?: number;
  firstDeltaMs?: number;
  /** The wire fault that ended the call, as thrown: the SDK may wrap it, the record should not lose it. */
  fault?: WireFault;
  readonly timeoutMs: number;
  private readonly startedAt = performance.now();
  private readonly baseFetch: Fetch;
  private attemptController?: AbortController;
  /** The current attempt's connection, when only its end ends the body (connectionEnd.ts). */
  private connection?: ConnectionWatch;

  constructor(private readonly options: CaptureOptions = {}) {
    this.baseFetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
  }

  /** Milliseconds since this capture was created, the zero of every time in the record. */
  elapsed(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
  }

  private get url(): string {
    return this.request?.url ?? 'the server';
  }

  private fail(detail: WireFault['detail']): WireFault {
    this.fault = new WireFault({ ...detail, message: redactKey(detail.message, this.options.apiKey) });
    return this.fault;
  }

  private cancelled(): WireFault {
    return this.fail({ kind: 'cancelled', message: 'Cancelled: the request was aborted before the answer was complete.' });
  }

  /** Every attempt, retries included; the SDK sees only the last answer. */
  readonly fetch: Fetch = async (input, init) => {
    const maxRetries = Math.max(0, Math.floor(this.options.maxRetries ?? 0));
    const maxWait = this.options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_SECONDS * 1000;
    for (let number = 1; ; number++) {
      const retriesLeft = number <= maxRetries;
      let response: Response;
      try {
        response = await this.attemptOnce(input, init, number);
      } catch (error) {
        const retryable = !(error instanceof WireFault) || error.detail.kind === 'timeout';
        if (!retriesLeft || !retryable || this.options.signal?.aborted) {
          throw error;
        }
        const attempt = this.attempts[this.attempts.length - 1];
        await this.waitBeforeRetry(attempt, { networkError: attempt.networkError, waitMs: backoffMs(number), serverAsked: false }, number, maxRetries);
        this.fault = undefined;
        continue;
      }
      if (response.ok || !retriesLeft || !isRetryable(response.status, response.headers)) {
        return response;
      }
      const attempt = this.attempts[this.attempts.length - 1];
      const asked = attempt.retryAfterMs;
      if (asked !== undefined && asked > maxWait) {
        throw this.fail({
          kind: 'api',
          status: response.status,
          type: attempt.errorType,
          requestId: attempt.requestId,
          // Which knob raises the cap is the hint's to say, in each face's words (the setting, the flag).
          message: `the server asked to retry after ${secondsText(asked)} (more than the cap of ${secondsText(maxWait)})`,
          ...hint('long-retry-after'),
        });
      }
      const waitMs = asked ?? backoffMs(number);
      await this.waitBeforeRetry(attempt, { status: response.status, errorType: attempt.errorType, waitMs, serverAsked: asked !== undefined }, number, maxRetries);
    }
  };

  private async waitBeforeRetry(
    attempt: Attempt,
    notice: Pick<RetryNotice, 'status' | 'errorType' | 'networkError' | 'waitMs' | 'serverAsked'>,
    number: number,
    maxRetries: number,
  ): Promise<void> {
    attempt.waitMs = Math.round(notice.waitMs);
    this.options.onRetry?.({ ...notice, nextAttempt: number + 1, totalAttempts: maxRetries + 1 });
    await sleep(notice.waitMs, this.options.signal, () => this.cancelled());
  }

  private async attemptOnce(input: string | URL | Request, init: RequestInit | undefined, number: number): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (headers.has('x-stainless-retry-count')) {
      // The SDK wrote 0: it does not know we retry. The header says which attempt this is, truthfully.
      headers.set('x-stainless-retry-count', String(number - 1));
    }
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const body = bodyText(init?.body);
    const request: CapturedRequest = { method, url, ...maskHeaders(headers, this.options.apiKey), body };
    const attempt: Attempt = { number, startedMs: this.elapsed() };
    this.attempts.push(attempt);
    this.request = request;
    this.response = undefined;
    this.options.onAttempt?.(attempt, request);

    // Our own controller: the user's Cancel and our bounds abort it; the SDK's (which carries its total timer
    // across what for it is a single fetch) is not used.
    const controller = new AbortController();
    this.attemptController = controller;
    const signal = this.options.signal;
    const onCancel = () => controller.abort();
    if (signal?.aborted) {
      throw this.cancelled();
    }
    signal?.addEventListener('abort', onCancel, { once: true });
    let noAnswer = false;
    const timer = setTimeout(() => {
      noAnswer = true;
      controller.abort();
    }, this.timeoutMs);
    const wire = watchWireHeaders(url, method);
    const sent = () => {
      const added = addedHeaders(wire.take(), request.headers, body, method);
      if (added) {
        request.addedHeaders = redactHeaders(Object.entries(added), this.options.apiKey);
      }
    };
    let response: Response;
    try {
      response = await this.baseFetch(url, { ...init, method, headers, signal: controller.signal, redirect: 'manual' });
    } catch (error) {
      sent();
      if (signal?.aborted) {
        throw this.cancelled();
      }
      if (noAnswer) {
        attempt.networkError = `no answer within ${secondsText(this.timeoutMs)}`;
        throw this.fail({
          kind: 'timeout',
          message: `No answer from ${url} within ${secondsText(this.timeoutMs)}.`,
          ...hint('no-answer'),
        });
      }
      attempt.networkError = redactKey(describeNetworkCause(error), this.options.apiKey);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
    sent();
    this.connection?.stop();
    this.connection = endsWithConnection(response.headers) ? watchConnection(wire.socket()) : undefined;
    attempt.headersMs = this.elapsed();
    attempt.status = response.status;
    attempt.requestId = response.headers.get('request-id') ?? undefined;
    attempt.retryAfterMs = retryAfterMs(response.headers);
    const captured: CapturedResponse = {
      status: response.status,
      statusText: response.statusText,
      // A server may echo the key back (in a header, a body, an event): the record never holds it.
      // Masked by name (set-cookie, auth headers a proxy echoes) and by value (the key, whatever shape it echoes in).
      headers: Object.fromEntries(Object.entries(redactResponseHeaders(response.headers)).map(([k, v]) => [k, redactKey(v, this.options.apiKey)])),
    };
    this.response = captured;
    if (response.status >= 300 && response.status < 400) {
      await this.readText(response);
      const location = response.headers.get('location');
      const where = location ? escapeControls(maskUrl(resolveLocation(location, url), this.options.apiKey)) : 'no Location header';
      this.options.onResponse?.(attempt, captured);
      throw this.fail({
        kind: 'unexpected-response',
        status: response.status,
        requestId: attempt.requestId,
        message: `HTTP ${response.status} ${response.statusText}: a redirect to ${where}, not followed (nothing was sent there)`.replace('  ', ' '),
        hint: 'A redirect is never followed, so no header (and no key) goes where you did not point it. If the new address is right, use it as the base URL.',
      });
    }
    if (response.status >= 400) {
      // An error body is small and is read now, whole, under the same bounds: each attempt's error belongs in
      // the record, and the SDK then reads it from here.
      const text = await this.readText(response);
      attempt.errorType = errorTypeOf(text);
      this.options.onResponse?.(attempt, captured);
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    this.options.onResponse?.(attempt, captured);
    return response;
  }

  /**
   * The bounds of a body read, with the cancel and abort wiring of the current attempt; `maxBytes` unless the
   * options set another size. For the body readers: `readText` here, `readEvents` in `eventStream.ts`.
   */
  bodyBounds(totalMs: number, maxBytes: number): BodyBounds {
    const controller = this.attemptController;
    const connection = this.connection;
    return { idleMs: this.timeoutMs, totalMs, maxBytes: this.options.maxBodyBytes ?? maxBytes, signal: this.options.signal, abort: () => controller?.abort(), connection };
  }

  /** The text with the key masked, whatever shape it comes back in: the record never holds it. */
  redact(text: string): string {
    return redactKey(text, this.options.apiKey);
  }

  /** A stream's event, into the timeline and to whoever listens. */
  addEvent(event: TimelineEvent): void {
    foldEvent(this.timeline, event);
    this.options.onEvent?.(event);
  }

  /**
   * Reads a whole body as text, under the idle bound and the whole-body bound (both the timeout, from the headers).
   * What arrived is in `response.body` of the record even when the read fails.
   */
  async readText(response: Response): Promise<string> {
    const captured = this.response;
    const decoder = new TextDecoder();
    const parts: string[] = [];
    const keep = () => {
      if (captured) {
        captured.body = redactKey(parts.join(''), this.options.apiKey);
      }
    };
    try {
      await readBody(response.body, this.bodyBounds(this.timeoutMs, MAX_JSON_BODY_BYTES), (chunk) => {
        parts.push(decoder.decode(chunk, { stream: true }));
        return true;
      });
      parts.push(decoder.decode());
    } catch (error) {
      parts.push(decoder.decode());
      keep();
      throw this.bodyFault(error, `${byteCount(parts)}`);
    } finally {
      this.bodyEndMs = this.elapsed();
    }
    keep();
    return captured?.body ?? redactKey(parts.join(''), this.options.apiKey);
  }

  /** A failed body read, described: which bound fired, or what broke the connection, and how much had arrived. */
  bodyFault(error: unknown, arrived: string, hadSome = true): WireFault {
    if (!(error instanceof BodyReadError)) {
      return error instanceof WireFault ? error : this.fail({ kind: 'client', message: String(error) });
    }
    if (error.stop === 'cancelled') {
      return this.cancelled();
    }
    return this.fail(describeBodyStop(error, {
      url: this.url,
      arrived,
      hadSome,
      timeoutMs: this.timeoutMs,
      response: this.response,
      apiKey: this.options.apiKey,
    }));
  }
}
