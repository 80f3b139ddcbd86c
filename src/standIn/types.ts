// The shapes the stand-in sends and the replies a test can queue. Known block shapes come from the installed SDK;
// the wire block type stays open because the API adds block types and the stand-in must be able to send them.
import type { Container, RefusalStopDetails, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { Pace } from './family';

export type JsonObject = { [key: string]: unknown };

/** A content block exactly as it goes over the wire. */
export interface WireBlock {
  type: string;
  [key: string]: unknown;
}

/** A Message exactly as the API sends it (JSON answer, or the sum of a stream). */
export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: WireBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  stop_details: RefusalStopDetails | null;
  container: Container | null;
  /** Null unless the request asked for cache diagnostics (the SDK types it as always present). */
  diagnostics: null;
  usage: Usage;
}

/** What a reply says about the message; everything left out is filled in from the request. */
export interface MessageSpec {
  /** Shorthand for `content: [{ type: 'text', text }]`. */
  text?: string;
  content?: WireBlock[];
  /** Default: a fresh `msg_…` id. */
  id?: string;
  /** Default: the request's `model`. */
  model?: string;
  /** Default: `tool_use` when the content has a tool_use block, else `end_turn`. */
  stop_reason?: string | null;
  stop_sequence?: string | null;
  stop_details?: RefusalStopDetails | null;
  container?: Container | null;
  /** Merged over the computed usage (input from the request size, output from the content size). */
  usage?: Partial<Usage>;
}

/**
 * How the SSE bytes are cut into writes. `event`: one write per event. `{ bytes }`: fixed-size writes.
 * `{ random }`: writes of 1..maxBytes bytes (default 64) from a seeded generator, so boundaries fall inside
 * events, inside JSON strings and inside multi-byte UTF-8 characters.
 */
export type Chunking = 'event' | { bytes: number } | { random: number; maxBytes?: number };

export interface ApiErrorSpec {
  /** An API error type, e.g. `overloaded_error`. */
  type: string;
  /** Default: the real API's usual message for the type. */
  message?: string;
}

export interface StreamOptions {
  /** Default: `event`. */
  chunking?: Chunking;
  /**
   * `ping` events. `true`: where the real API puts one (after the first content_block_start), then every 7
   * events and once before message_stop. A list: a ping after that many message events (0 = before message_start).
   */
  pings?: boolean | number[];
  /** Pause between writes. */
  delayMs?: number;
  /** Spread the writes evenly over about this long (overrides delayMs). */
  durationMs?: number;
  /**
   * Write the stream as a model of this pace would: message_start a little before the first token, the first
   * delta at firstTokenMs, the rest at tokensPerSecond. Ignored when delayMs or durationMs is set.
   */
  pace?: Pace;
  /** After this many message events (pings not counted), send an `error` event and end the response. */
  errorAfterEvents?: number;
  /** The error sent by errorAfterEvents. Default: overloaded_error "Overloaded". */
  error?: ApiErrorSpec;
  /** After this many message events (pings not counted), destroy the socket without ending the response. */
  cutAfterEvents?: number;
}

interface ReplyBase {
  /** Extra response headers; they override the standard ones of the same name. */
  headers?: Record<string, string>;
  /** Wait this long before sending the status line and headers. */
  headersDelayMs?: number;
}

/** A Message answered as JSON, whatever the request's `stream` says. */
export interface JsonReply extends ReplyBase, MessageSpec {
  kind: 'json';
  /** Send the answer once a model of this pace would have written all of it. */
  pace?: Pace;
}

/** A Message answered as a server-sent event stream, whatever the request's `stream` says. */
export interface StreamReply extends ReplyBase, MessageSpec, StreamOptions {
  kind: 'stream';
}

/** A Message answered as the request asks: SSE when `"stream": true`, else JSON (stream options apply to SSE). */
export interface MessageReply extends ReplyBase, MessageSpec, StreamOptions {
  kind: 'message';
}

/** The default behaviour (canned answer, directives), with stream options for when it streams. */
export interface CannedReply extends ReplyBase, StreamOptions {
  kind: 'canned';
}

/** An HTTP error with the API's error body `{"type":"error","error":{type,message},"request_id"}`. */
export interface ErrorReply extends ReplyBase, ApiErrorSpec {
  kind: 'error';
  status: number;
  /** `retry-after` header, in seconds (or an HTTP date as text). */
  retryAfter?: number | string;
  /** `retry-after-ms` header. */
  retryAfterMs?: number;
  /** `x-should-retry` header. Default: false for statuses the SDK would not retry, true for 408/409/429/5xx; null omits it. */
  shouldRetry?: boolean | null;
}

/** Destroys the connection without answering (the client sees a reset or "socket hang up"). */
export interface ResetReply {
  kind: 'reset';
  /** Wait this long before cutting. */
  afterMs?: number;
}

/** Never answers; the connection stays open until the client gives up or the stand-in closes. */
export interface HangReply {
  kind: 'hang';
}

/** Exactly this status, these headers and this body (an HTML page from a proxy, an empty 200, …). */
export interface RawReply {
  kind: 'raw';
  status: number;
  headers?: Record<string, string>;
  body: string;
  headersDelayMs?: number;
}

export type Reply = JsonReply | StreamReply | MessageReply | CannedReply | ErrorReply | ResetReply | HangReply | RawReply;
