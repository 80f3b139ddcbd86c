// `[[stand-in: rate-limit:N]]`: at most N Messages requests a second, counted apart for each model when the directive
// is written `for MODEL` (a model rate-limited while the others go on, as an organisation's per-model limits do), else
// for every model together. A request over the limit gets the API's 429 with `retry-after: 1`; one that waited that
// long finds the second over and gets in.
import type { Reply } from './types';

const WINDOW_MS = 1000;

export class RequestLimits {
  /** When the requests let through arrived, per limit (a model, or every model). */
  private readonly admitted = new Map<string, number[]>();

  /**
   * Counts a request against `limit` requests a second under `key`: undefined when it may go on, else the 429 to
   * answer (not counted: a refused request uses none of the limit).
   */
  admit(key: string, limit: number, now = Date.now()): Reply | undefined {
    const recent = (this.admitted.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
    if (recent.length >= limit) {
      this.admitted.set(key, recent);
      return {
        kind: 'error',
        status: 429,
        type: 'rate_limit_error',
        message: `(stand-in) This request would exceed the rate limit of ${limit} request${limit === 1 ? '' : 's'} per second${key === '*' ? '' : ` for ${key}`}. Please retry after the time in the retry-after header.`,
        retryAfter: 1,
        headers: { 'anthropic-ratelimit-requests-remaining': '0' },
      };
    }
    recent.push(now);
    this.admitted.set(key, recent);
    return undefined;
  }

  reset(): void {
    this.admitted.clear();
  }
}

/** The `rate-limit:N` directive among a request's, as its limit and the key it counts under; undefined when none. */
export function requestLimitOf(directives: readonly { name: string; model?: string }[]): { key: string; limit: number } | undefined {
  for (const d of directives) {
    const match = /^rate-limit:(\d+)$/.exec(d.name);
    if (match) {
      return { key: d.model ?? '*', limit: Math.max(1, Number(match[1])) };
    }
  }
  return undefined;
}
