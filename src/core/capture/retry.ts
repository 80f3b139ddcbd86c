// Retries are ours, not the SDK's: the SDK is given maxRetries 0 and the capture retries under it, so every wait is
// bounded by the user's cap, can be cancelled, and is announced before it starts.
import { secondsText } from '../../shared/format';

/** One retry about to happen, for a line on stderr or in the panel. */
export interface RetryNotice {
  /** The attempt that failed: its HTTP status, or undefined for a connection failure. */
  status?: number;
  /** The API error type of the failed attempt, when its body named one. */
  errorType?: string;
  /** The connection failure, when there was no HTTP answer (ECONNRESET, no answer within 1 s, ...). */
  networkError?: string;
  /** How long we wait before the next attempt. */
  waitMs: number;
  /** True when the wait is the server's (retry-after), false when it is our backoff. */
  serverAsked: boolean;
  /** The number of the attempt that is about to go out (2 for the first retry). */
  nextAttempt: number;
  /** maxRetries + 1. */
  totalAttempts: number;
}

/** "429 rate_limit_error, retrying in 2 s (attempt 2 of 3)". */
export function describeRetry(notice: RetryNotice): string {
  const what = notice.status !== undefined
    ? [notice.status, notice.errorType].filter((part) => part !== undefined && part !== '').join(' ')
    : notice.networkError ?? 'connection failed';
  return `${what}, retrying in ${secondsText(notice.waitMs)} (attempt ${notice.nextAttempt} of ${notice.totalAttempts})`;
}

// The one way a wait or a bound reads, in shared/ for every face; named here too for core's modules.
export { secondsText };

/** What the SDK retries: x-should-retry decides when present, else 408, 409, 429 and 5xx. */
export function isRetryable(status: number, headers: Headers): boolean {
  const should = headers.get('x-should-retry');
  if (should === 'true') {
    return true;
  }
  if (should === 'false') {
    return false;
  }
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Seconds as HTTP writes them: decimal digits, perhaps a fraction. Not "0x10", "1e9", "Infinity" or "-5". */
const DECIMAL = /^\d+(?:\.\d+)?$/;
/** An HTTP date (IMF-fixdate, RFC 850 or asctime): a day name and a time of day. Date.parse alone takes "2099". */
const HTTP_DATE = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t].*\b\d{1,2}:\d{2}:\d{2}\b/i;

/**
 * Milliseconds the server asked us to wait, from retry-after-ms or retry-after (seconds or an HTTP date). A value
 * in any other form is no instruction (undefined: the SDK's backoff applies), never read as a number JavaScript
 * would accept ("0x10" is not 16 s).
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms !== undefined && DECIMAL.test(ms)) {
    return Number(ms);
  }
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') {
    return undefined;
  }
  if (DECIMAL.test(value)) {
    return Number(value) * 1000;
  }
  // HTTP dates are GMT; asctime's form does not say so, and Date.parse would read it in the local zone.
  const date = HTTP_DATE.test(value) ? Date.parse(/GMT|UTC|[+-]\d{4}/i.test(value) ? value : `${value} GMT`) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The SDK's own backoff (0.5 s doubling to 8 s, minus up to 25 % jitter) for the retry numbered `retry` (1 first). */
export function backoffMs(retry: number): number {
  const seconds = Math.min(0.5 * Math.pow(2, retry - 1), 8);
  return seconds * (1 - Math.random() * 0.25) * 1000;
}

/** Resolves after `ms`, or rejects with `onAbort()` as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
