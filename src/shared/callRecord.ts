// The record of one call to the Messages API: what went out, what came back, and how long it took.
// Everything the panel, the CLI and the history show is read from this one shape. It never holds the API key.
import type { HintCode } from './hints';
import type { Cost } from './cost';


/** A JSON object as it appears in a request file or on the wire. */
export type JsonObject = { [key: string]: unknown };

/** The request exactly as it left through fetch: the key in `headers` is already replaced by {@link KEY_PLACEHOLDER}. */
export interface CapturedRequest {
  method: string;
  url: string;
  /** Header names in lower case, in the order they were sent. */
  headers: Record<string, string>;
  /** The body text, byte for byte as sent (UTF-8). */
  body: string;
  /**
   * Headers the HTTP client (Node's fetch, undici) added below the SDK, in wire order: host, connection,
   * content-length, accept-encoding, sec-fetch-mode... Together with `headers`, what went out. Absent when they
   * could not be observed (a fetch that is not undici's).
   */
  addedHeaders?: Record<string, string>;
  /**
   * The headers whose value is a secret, by name: `headers` shows them masked ("Bearer $ANTHROPIC_API_KEY"), and a
   * curl writes them as `prefix` then "$variable", so the real value comes from the user's shell. A value that only
   * looks like "$ANTHROPIC_API_KEY" is not in here, and stays literal.
   */
  masked?: Record<string, MaskedHeader>;
}

/** A header whose value is a secret: the curl writes `prefix` as is, then reads the rest from `$variable`. */
export interface MaskedHeader {
  /** ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_HEADER_<NAME>. */
  variable: string;
  /** The part that is no secret, such as "Bearer ". */
  prefix?: string;
}

/** One HTTP attempt; we retry 408, 409, 429, 5xx (or what x-should-retry says) and connection errors. */
export interface Attempt {
  /** 1 for the first try. */
  number: number;
  /** Milliseconds from the start of the call until this attempt went out. */
  startedMs: number;
  /** Milliseconds from the start of the call until this attempt's response headers arrived. */
  headersMs?: number;
  status?: number;
  /** What the server asked us to wait before retrying (retry-after / retry-after-ms), in milliseconds. */
  retryAfterMs?: number;
  /** The error type in the body of a failed attempt, when there was one. */
  errorType?: string;
  /** A connection-level failure of this attempt (no HTTP status). */
  networkError?: string;
  requestId?: string;
  /** How long we waited after this attempt before the next one, in milliseconds (the server's or our backoff). */
  waitMs?: number;
}

export interface CapturedResponse {
  status: number;
  statusText: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /**
   * The body as received, for answers that are not streams (a stream is kept as its timeline instead): also when
   * the read stopped early (a stall, a reset), with the bytes that had arrived.
   */
  body?: string;
}

/** One server-sent event, with its arrival time since the start of the call. */
export interface TimelineEvent {
  ms: number;
  /** The SSE `event:` name (ping, message_start, content_block_delta, error, ...). */
  event: string;
  /** The parsed `data:`; the raw text when it was not JSON. */
  data: unknown;
}

/** A stream event that was not folded into the message: its number in the stream, its name, its data, and why. */
export interface UnfoldedEvent {
  index: number;
  event: string;
  data: unknown;
  why: string;
}

/**
 * A line of the recorded timeline. Consecutive deltas of one block are collapsed into one entry, so that a long
 * answer's record stays small: `count` deltas from `ms` to `lastMs`, carrying `chars` characters in all.
 */
export interface TimelineEntry extends TimelineEvent {
  count?: number;
  lastMs?: number;
  chars?: number;
}

export type CallErrorKind =
  /** The API answered with an HTTP error, or an `error` event inside a stream. */
  | 'api'
  /** No HTTP answer: refused, DNS failure, reset. */
  | 'network'
  | 'timeout'
  /** The user pressed Cancel. */
  | 'cancelled'
  /** Refused before anything was sent (for example the SDK's "Streaming is required"). */
  | 'client'
  /**
   * The server answered, but not with what was asked for: a 200 that is not a Message (an HTML page, `{}`, a 204),
   * a redirect (never followed), a stream that ended before message_stop, tool input that is not JSON.
   */
  | 'unexpected-response';

export interface CallError {
  kind: CallErrorKind;
  message: string;
  /** HTTP status, for API errors answered with one. */
  status?: number;
  /** The API's error type: invalid_request_error, authentication_error, overloaded_error, ... */
  type?: string;
  requestId?: string;
  /** The URL the request was going to, for network errors. */
  url?: string;
  /** The low-level cause, for example ECONNREFUSED or ENOTFOUND. */
  cause?: string;
  /** True when the error arrived inside a stream after content had started. */
  midStream?: boolean;
  /** What to do about it, in one sentence. */
  hint?: string;
  /** The hint as data, when it names a knob (timeout, base URL, retry-wait cap) each face words its own way. */
  hintCode?: HintCode;
}

/** A tool block whose streamed input_json deltas do not make valid JSON (cut off, or garbled). */
export interface PartialToolInput {
  /** The block's index in the message's `content`. */
  index: number;
  id?: string;
  name?: string;
  /** The concatenated partial_json, exactly as it arrived. */
  json: string;
  /** Why it is not JSON, from the parser. */
  problem: string;
}

export interface CallTiming {
  /** From the start of the call until the response headers of the last attempt arrived. */
  headersMs?: number;
  /** From the start of the call until the last byte (or the failure). */
  totalMs?: number;
  /** For streams: until the first content delta arrived. */
  firstTokenMs?: number;
}

/** `title`: the editor's name of the document when it has no path worth showing, e.g. "Untitled-1". */
export type CallSource =
  | { kind: 'selection'; document?: string; title?: string }
  | { kind: 'file'; path?: string; title?: string }
  | { kind: 'cli'; path?: string; title?: string };

export interface CallRecord {
  id: string;
  /** ISO date of the start. */
  startedAt: string;
  source: CallSource;
  /** The base URL the call went to (the setting, ANTHROPIC_BASE_URL, or the SDK default). */
  baseUrl: string;
  /** The body that was sent, as JSON: the file with defaults applied. */
  effectiveRequest: JsonObject;
  /** Fields that were filled in from settings because the file did not have them. */
  defaultsApplied: string[];
  streamed: boolean;
  /** The last request that went out (retries send the same body). */
  request?: CapturedRequest;
  attempts: Attempt[];
  response?: CapturedResponse;
  /** The Message: the final one, or what had accumulated when a stream broke. */
  message?: JsonObject;
  /** True when a stream ended early: `message` holds only part of the answer. */
  incomplete?: boolean;
  /**
   * Tool blocks whose streamed input is not valid JSON (cut off or garbled): the raw text as it arrived. The
   * block's `input` in `message` holds the same text, never a silent `{}`.
   */
  partialToolInputs?: PartialToolInput[];
  /**
   * Stream events that were not folded into `message` (after message_stop, a second message_start and what followed
   * it, a delta for no block…), as they arrived: the call is an error that names them, and they are kept here.
   */
  unfoldedEvents?: UnfoldedEvent[];
  timeline?: TimelineEntry[];
  timing: CallTiming;
  requestId?: string;
  error?: CallError;
  /** An equivalent curl command, from the captured request; the key is written as $ANTHROPIC_API_KEY. */
  curl?: string;
  /** True when the curl's body masks text shaped like a secret, so that it does not send the request's bytes. */
  curlBodyMasked?: boolean;
  /** What the call cost, from the answer's usage and the price table (also for a partial answer). */
  cost?: Cost;
}
