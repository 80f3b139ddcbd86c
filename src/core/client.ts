// Sends an effective request to the Messages API with the official SDK and returns the whole record of the call.
// API and network failures are part of the record, not exceptions: an inspector shows a failed call as fully as a
// good one.
import type Anthropic from '@anthropic-ai/sdk';
import { anthropicSdk } from './sdk';
import { ERROR_HINTS, toCallError } from './callError';
import type { Attempt, CallRecord, CallSource, CapturedRequest, CapturedResponse, JsonObject, TimelineEvent } from '../shared/callRecord';
import { CallCapture, CaptureListener, Fetch } from './capture/capture';
import { readEvents } from './capture/eventStream';
import { maxRetryWaitProblem, timeoutProblem } from '../shared/defaults';
import { MessageAccumulator } from './capture/messageAccumulator';
import { messageFrom, notExpected } from './capture/responseShape';
import type { RetryNotice } from './capture/retry';
import { mediaType, preview, WireFault } from './capture/wireFault';
import { costOf } from '../shared/cost';
import { curlOf } from './code/curl';
import { checkCustomHeaders } from './capture/headerValues';
import { redactingLogger } from './secrets/redactingWriter';
import type { PriceTable } from '../shared/prices';
import type { EffectiveRequest } from './effectiveRequest';

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The base URL a call goes to: the setting, else ANTHROPIC_BASE_URL, else the API's own. */
export function resolveBaseUrl(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = setting?.trim() || env.ANTHROPIC_BASE_URL?.trim() || DEFAULT_BASE_URL;
  return chosen.replace(/\/+$/, '');
}

export interface ConnectionOptions {
  apiKey: string;
  /** Already resolved with {@link resolveBaseUrl}. */
  baseUrl: string;
  /** Per attempt: the wait for headers, and the idle and whole-body bounds of the answer. */
  timeoutMs?: number;
  /** Retries of 408, 409, 429, 5xx and connection errors, done by the capture (the SDK is given 0). */
  maxRetries?: number;
  /** The longest retry-after waited out; default {@link DEFAULT_MAX_RETRY_WAIT_SECONDS} s. */
  maxRetryWaitMs?: number;
  /** Each retry, before its wait: "429 rate_limit_error, retrying in 2 s (attempt 2 of 3)" with describeRetry. */
  onRetry?(notice: RetryNotice): void;
  /** For tests and benchmarks: the fetch under the capture. Defaults to the global fetch. */
  fetch?: Fetch;
  /** For tests: the most bytes an answer may have (default 64 MiB for JSON, 256 MiB for a stream). */
  maxBodyBytes?: number;
}

export interface SendOptions extends ConnectionOptions {
  source: CallSource;
  signal?: AbortSignal;
  /** Called once, before anything is sent, with the record as it starts. */
  onStart?(record: CallRecord): void;
  onAttempt?(attempt: Attempt, request: CapturedRequest): void;
  onResponse?(attempt: Attempt, response: CapturedResponse): void;
  /** Each server-sent event as it arrives. */
  onEvent?(event: TimelineEvent): void;
  /** The user's price overrides, over the built-in table. */
  prices?: PriceTable;
}

/** Why these connection options cannot be used (a timeout a timer cannot hold, a negative cap...), or undefined. */
export function connectionProblem(options: ConnectionOptions): string | undefined {
  if (options.timeoutMs !== undefined) {
    const problem = timeoutProblem(options.timeoutMs);
    if (problem) {
      return problem;
    }
  }
  if (options.maxRetries !== undefined && (!Number.isInteger(options.maxRetries) || options.maxRetries < 0 || options.maxRetries > 100)) {
    return `the number of retries must be a whole number from 0 to 100 (got ${String(options.maxRetries)})`;
  }
  return options.maxRetryWaitMs !== undefined ? maxRetryWaitProblem(options.maxRetryWaitMs) : undefined;
}

/** The capture for one call with these options: retries, bounds and Cancel live there. */
export function captureFor(options: ConnectionOptions & { signal?: AbortSignal }, listener: CaptureListener = {}): CallCapture {
  return new CallCapture({
    ...listener,
    apiKey: options.apiKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    maxRetryWaitMs: options.maxRetryWaitMs,
    signal: options.signal,
    onRetry: options.onRetry,
    maxBodyBytes: options.maxBodyBytes,
  });
}

/** An SDK client that sends through a capture. It never retries and never times out by itself: the capture does. */
export function createClient(options: ConnectionOptions, capture: CallCapture): Anthropic {
  checkCustomHeaders(); // the SDK adds ANTHROPIC_CUSTOM_HEADERS to every request: refuse, by name, what cannot be sent
  const Sdk = anthropicSdk();
  return new Sdk({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    // Unset, the SDK computes its own for non-streamed calls and refuses ("Streaming is required") those that
    // would take too long. Set, it only goes into x-stainless-timeout: the capture gives fetch its own signal, so
    // the SDK's timer (which would span our retries) aborts nothing.
    timeout: options.timeoutMs,
    maxRetries: 0,
    fetch: capture.fetch,
    // Never let ANTHROPIC_LOG=debug print request headers (and with them the key) into a log.
    logLevel: 'warn',
    logger: redactingLogger(),
  });
}

export async function sendMessage(request: EffectiveRequest, options: SendOptions): Promise<CallRecord> {
  const capture = captureFor(options, options);
  const record: CallRecord = {
    // The global Web Crypto: node:crypto is loaded at the first call, not when the extension activates.
    id: crypto.randomUUID(),
    startedAt: new Date().toISOString(),
    source: options.source,
    baseUrl: options.baseUrl,
    effectiveRequest: request.body,
    defaultsApplied: request.defaultsApplied,
    streamed: request.streamed,
    attempts: capture.attempts,
    timing: {},
  };
  options.onStart?.(record);
  const problem = connectionProblem(options);
  if (problem) {
    record.error = { kind: 'client', message: problem };
    finish(record, capture);
    return record;
  }
  const client = createClient(options, capture);
  // The body goes to the SDK as it is: fields the SDK's types do not know yet still reach the API.
  const params = request.body as unknown as Anthropic.MessageCreateParamsNonStreaming;
  const accumulator = new MessageAccumulator();
  try {
    // The SDK builds and sends the request; the answer's bytes are read here, under our bounds, and are the record.
    const response = await client.messages.create(params, { signal: options.signal }).asResponse();
    if (request.streamed) {
      await readStream(response, capture, accumulator, record);
    } else {
      const text = await capture.readText(response);
      const found = messageFrom(response, text);
      if ('fault' in found) {
        throw new WireFault(found.fault);
      }
      record.message = found.message as JsonObject;
    }
  } catch (error) {
    const hadContent = Array.isArray(record.message?.content) && (record.message!.content as unknown[]).length > 0;
    record.error = toCallError(error, {
      apiKey: options.apiKey,
      url: capture.request?.url ?? `${options.baseUrl}/v1/messages`,
      timeoutMs: capture.timeoutMs,
      streamStatus: capture.response?.status,
      hadContent,
      fault: capture.fault,
      response: capture.response,
    });
    // A stream that reached message_stop did not break off: its message is whole (events after it are unfoldedEvents).
    if (record.streamed && record.message && !accumulator.stopped) {
      record.incomplete = true;
    }
  }
  finish(record, capture);
  if (record.message?.usage) {
    record.cost = costOf(String(record.message.model ?? request.body.model), record.message.usage as never, options.prices);
  }
  return record;
}

/**
 * Reads a streamed answer into `record.message` event by event, so that whatever ends it (a reset, a stall, an
 * `error` event, a close before message_stop) the message keeps what arrived.
 */
async function readStream(response: Response, capture: CallCapture, accumulator: MessageAccumulator, record: CallRecord): Promise<void> {
  if (mediaType(response.headers) !== 'text/event-stream') {
    const text = await capture.readText(response);
    throw new WireFault(notExpected(response, text, 'a Message stream'));
  }
  try {
    await readEvents(capture, response, accumulator);
  } finally {
    const partials = accumulator.finish();
    record.message = accumulator.message;
    if (partials.length) {
      record.partialToolInputs = partials;
    }
    if (accumulator.unfolded.length) {
      record.unfoldedEvents = accumulator.unfolded;
    }
  }
  const error = accumulator.errorEvent;
  if (error) {
    throw new WireFault({
      kind: 'api',
      status: response.status,
      type: error.type,
      message: error.message ?? `the stream carried an error event after ${accumulator.events} events`,
      midStream: true,
      requestId: response.headers.get('request-id') ?? undefined,
      hint: (error.type && ERROR_HINTS[error.type]) || undefined,
    });
  }
  if (!accumulator.message && accumulator.stopped) {
    throw new WireFault({
      kind: 'unexpected-response',
      status: response.status,
      message: `HTTP ${response.status}, but the stream carried no message_start in ${accumulator.events} event${accumulator.events === 1 ? '' : 's'}: not a Message stream`,
      hint: 'Something other than the API is answering: check the base URL.',
    });
  }
  const dropped = accumulator.unapplied;
  if (!accumulator.stopped) {
    // A second message_start's own message_stop is not the first message's: both faults are said.
    const unfolded = dropped.length ? `; it also carried events that could not be folded into the message: ${dropped.join('; ')}` : '';
    throw new WireFault({
      kind: 'unexpected-response',
      status: response.status,
      message: `the stream ended before message_stop after ${accumulator.events} event${accumulator.events === 1 ? '' : 's'}${unfolded}`,
      midStream: true,
      hint: 'The server or a proxy closed the stream early: what arrived is shown, marked incomplete.',
    });
  }
  if (dropped.length) {
    throw new WireFault({
      kind: 'unexpected-response',
      status: response.status,
      message: `the stream carried ${dropped.length === 1 ? 'an event' : 'events'} that could not be folded into the message: ${dropped.join('; ')}`,
      hint: 'The message shown is what the other events built; the events not folded into it are kept as they arrived (unfoldedEvents).',
    });
  }
  const partial = record.partialToolInputs?.[0];
  if (partial) {
    throw new WireFault({
      kind: 'unexpected-response',
      status: response.status,
      message: `the input of ${String(record.message?.content && (record.message.content as JsonObject[])[partial.index]?.type)} block ${partial.index}` +
        `${partial.name ? ` (${partial.name})` : ''} is not valid JSON (${partial.problem}): ${preview(partial.json)}`,
      hint: 'The streamed tool input was cut off or garbled: the raw text is kept in the block\'s input.',
    });
  }
}

/** Copies what the capture saw into the record: request, response, timeline, timings, curl. */
export function finish(record: CallRecord, capture: CallCapture): void {
  record.request = capture.request;
  record.response = capture.response;
  if (record.streamed && capture.timeline.length > 0) {
    record.timeline = capture.timeline;
  }
  const last = capture.attempts[capture.attempts.length - 1];
  record.requestId = capture.response?.headers['request-id'] ?? record.error?.requestId ?? last?.requestId;
  record.timing = {
    headersMs: last?.headersMs,
    totalMs: capture.elapsed(),
    firstTokenMs: capture.firstDeltaMs,
  };
  if (capture.request) {
    const curl = curlOf(capture.request, { streamed: record.streamed });
    record.curl = curl.command;
    if (curl.bodyMasked) {
      record.curlBodyMasked = true;
    }
  }
}

/** Thrown by the dry-run fetch so that nothing leaves the machine. */
class DryRunStop extends Error {}

/**
 * The request the SDK would send for this body, captured without sending it: the source of `curl` for a file that
 * has not been sent yet. Headers and body are the SDK's own, so the curl matches what Send would put on the wire.
 */
export async function captureWithoutSending(request: EffectiveRequest, options: ConnectionOptions): Promise<CapturedRequest> {
  const stop: Fetch = async () => {
    throw new DryRunStop('dry run');
  };
  // The SDK will not build a request without a key; a stand-in is enough, and it is redacted like a real one.
  const apiKey = options.apiKey || 'sk-ant-dry-run-placeholder';
  const capture = new CallCapture({ apiKey, fetch: stop });
  const client = createClient({ ...options, apiKey, maxRetries: 0 }, capture);
  // The same SDK call as Send, so the same headers.
  const params = request.body as unknown as Anthropic.MessageCreateParamsNonStreaming;
  try {
    await client.messages.create(params).asResponse();
  } catch (error) {
    if (!capture.request) {
      // The SDK refused before sending (for example "Streaming is required"): say why.
      throw error;
    }
  }
  if (!capture.request) {
    throw new Error('the SDK sent nothing to capture');
  }
  return capture.request;
}
