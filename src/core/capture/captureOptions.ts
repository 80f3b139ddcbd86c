// What one call's capture is given (the key, the fetch under it, its bounds) and whom it tells what it sees.
import type { Attempt, CapturedRequest, CapturedResponse, TimelineEvent } from '../../shared/callRecord';
import type { RetryNotice } from './retry';

/** Far above any Message (128k output tokens are a few MB): a JSON body past this is not an answer. */
export const MAX_JSON_BODY_BYTES = 64 * 2 ** 20;
/** The same for a stream, whose events repeat the framing around every delta. */
export const MAX_STREAM_BYTES = 256 * 2 ** 20;

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface CaptureListener {
  /** An attempt went out (the first, or a retry). */
  onAttempt?(attempt: Attempt, request: CapturedRequest): void;
  /** Response headers arrived. */
  onResponse?(attempt: Attempt, response: CapturedResponse): void;
  /** One server-sent event arrived. Called in arrival order; keep it cheap, it runs once per event. */
  onEvent?(event: TimelineEvent): void;
  /** A retry is about to wait `notice.waitMs` and go out again: say so. */
  onRetry?(notice: RetryNotice): void;
}

export interface CaptureOptions extends CaptureListener {
  apiKey?: string;
  /** The fetch under the capture; the global fetch by default. */
  fetch?: Fetch;
  /** Per attempt: the wait for the headers, the idle bound on every body and the whole-body bound of a JSON body. */
  timeoutMs?: number;
  maxRetries?: number;
  /** A retry-after longer than this fails the call at once instead of being waited out. */
  maxRetryWaitMs?: number;
  /** The user's Cancel: aborts the attempt, the body read and a retry wait. */
  signal?: AbortSignal;
  /** The most bytes a body may have; {@link MAX_JSON_BODY_BYTES} and {@link MAX_STREAM_BYTES} by default. */
  maxBodyBytes?: number;
}
