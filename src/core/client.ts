// Sends an effective request to the Messages API with the official SDK and returns the whole record of the call.
// API and network failures are part of the record, not exceptions: an inspector shows a failed call as fully as a
// good one.
import Anthropic from '@anthropic-ai/sdk';
import { randomUUID } from 'node:crypto';
import { toCallError } from './callError';
import type { Attempt, CallRecord, CallSource, CapturedRequest, CapturedResponse, JsonObject, TimelineEvent } from './callRecord';
import { CallCapture, Fetch } from './capture';
import { costOf } from './cost';
import { toCurl } from './curl';
import { checkCustomHeaders } from './headerValues';
import { redactingLogger } from './redactingWriter';
import type { PriceTable } from './prices';
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
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests and benchmarks: the fetch under the capture. Defaults to the global fetch. */
  fetch?: Fetch;
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

/** An SDK client that sends through a capture. */
export function createClient(options: ConnectionOptions, capture: CallCapture): Anthropic {
  checkCustomHeaders(); // the SDK adds ANTHROPIC_CUSTOM_HEADERS to every request: refuse, by name, what cannot be sent
  return new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: capture.fetch,
    // Never let ANTHROPIC_LOG=debug print request headers (and with them the key) into a log.
    logLevel: 'warn',
    logger: redactingLogger(),
  });
}

export async function sendMessage(request: EffectiveRequest, options: SendOptions): Promise<CallRecord> {
  const capture = new CallCapture(options.apiKey, options, options.fetch, options.timeoutMs);
  const record: CallRecord = {
    id: randomUUID(),
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
  const client = createClient(options, capture);
  // The body goes to the SDK as it is: fields the SDK's types do not know yet still reach the API.
  const params = request.body as unknown as Anthropic.MessageCreateParams;
  let stream: ReturnType<Anthropic['messages']['stream']> | undefined;
  try {
    if (request.streamed) {
      stream = client.messages.stream(params as Anthropic.MessageStreamParams, { signal: options.signal });
      record.message = (await stream.finalMessage()) as unknown as JsonObject;
    } else {
      const { data } = await client.messages
        .create(params as Anthropic.MessageCreateParamsNonStreaming, { signal: options.signal })
        .withResponse();
      record.message = data as unknown as JsonObject;
    }
  } catch (error) {
    const partial = stream?.currentMessage as unknown as JsonObject | undefined;
    const hadContent = Array.isArray(partial?.content) && (partial.content as unknown[]).length > 0;
    record.error = toCallError(error, {
      apiKey: options.apiKey,
      url: capture.request?.url ?? `${options.baseUrl}/v1/messages`,
      timeoutMs: options.timeoutMs,
      streamStatus: capture.response?.status,
      hadContent,
    });
    if (partial) {
      record.message = partial;
      record.incomplete = true;
    }
  }
  finish(record, capture);
  if (record.message?.usage) {
    record.cost = costOf(String(record.message.model ?? request.body.model), record.message.usage as never, options.prices);
  }
  return record;
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
    record.curl = toCurl(capture.request, { streamed: record.streamed });
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
  const capture = new CallCapture(apiKey, {}, stop);
  const client = createClient({ ...options, apiKey, maxRetries: 0 }, capture);
  const params = request.body as unknown as Anthropic.MessageCreateParams;
  try {
    if (request.streamed) {
      await client.messages.stream(params as Anthropic.MessageStreamParams).finalMessage();
    } else {
      await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming);
    }
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
