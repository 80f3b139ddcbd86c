// The defaults shared by the extension's settings and the CLI. package.json declares the same values for the
// settings; a unit test keeps the two equal.

export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 1024;
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 2;
/** The longest retry-after we wait out; a server asking for more fails the call at once. */
export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 60;

/** The longest delay a Node timer can hold (2^31-1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Why a timeout in milliseconds cannot be used, or undefined when it can: it must be a finite number above 0 that
 * a timer can hold. The CLI and the settings check theirs with this too, so the core and its callers agree.
 */
export function timeoutProblem(ms: number): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    return `the timeout must be a number of seconds (got ${String(ms)} ms)`;
  }
  if (ms <= 0) {
    return `the timeout must be more than 0 seconds (got ${ms / 1000} s)`;
  }
  if (ms > MAX_TIMER_MS) {
    return `the timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds, what a timer can hold (got ${ms / 1000} s)`;
  }
  return undefined;
}

/** True when {@link timeoutProblem} finds nothing. */
export function validTimeoutMs(ms: number): boolean {
  return timeoutProblem(ms) === undefined;
}

/** Why a retry-wait cap in milliseconds cannot be used: it must be a finite number, 0 or more. */
export function maxRetryWaitProblem(ms: number): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    return `the longest retry wait must be a number of seconds, 0 or more (got ${String(ms / 1000)})`;
  }
  if (ms > MAX_TIMER_MS) {
    return `the longest retry wait must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds`;
  }
  return undefined;
}
