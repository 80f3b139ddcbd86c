// The values of the CLI's options, refused by name when they are not what the option means: a timeout a timer cannot
// hold, a count that is not a whole number. (The base URL is checked by core/connection.ts, as the extension's is.)
// A number is written in decimal digits only, with one decimal point for seconds: "30", "2.5". Number() alone takes
// " 1 " and "1e3" and "0x10" and "+5" as numbers and "" as 0, and parseInt takes "1_000" as 1; a value that is not
// plainly a number is refused, with the option's name and the value, never guessed at.
import { UsageError } from './usage';

/** setTimeout holds at most 2^31-1 ms; above that Node fires the timer at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
export const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
export const MAX_RETRIES_LIMIT = 100;
/** --max-tokens: the API's max_tokens is a 32-bit integer. */
export const MAX_TOKENS_LIMIT = 2 ** 31 - 1;

/** Digits, then at most one decimal point between digits: no sign, no space, no exponent, no separator. */
const SECONDS = /^[0-9]+(\.[0-9]+)?$/;
/** Digits only. */
const WHOLE = /^[0-9]+$/;

/** What the user typed, cut short and without control characters, to quote it in a message. */
function quoted(value: string): string {
  const printable = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}"`;
}

/** --timeout in seconds (decimals allowed), as milliseconds. Number() alone would take "", "0x10" and "1e3". */
export function timeoutMs(value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) {
    return fallbackSeconds * 1000;
  }
  if (!SECONDS.test(value)) {
    throw new UsageError(`--timeout must be a number of seconds, such as 30 or 2.5 (got ${quoted(value)})`);
  }
  const ms = Math.round(Number(value) * 1000);
  if (ms <= 0) {
    throw new UsageError(`--timeout must be more than 0 seconds (got ${quoted(value)})`);
  }
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(`--timeout can be at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days, the longest a timer can wait); got ${quoted(value)}`);
  }
  return ms;
}

/** --max-retry-wait in seconds (decimals allowed, 0 means never wait for a retry-after), as milliseconds. */
export function retryWaitMs(value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) {
    return fallbackSeconds * 1000;
  }
  if (!SECONDS.test(value)) {
    throw new UsageError(`--max-retry-wait must be a number of seconds, 0 or more (got ${quoted(value)})`);
  }
  const ms = Math.round(Number(value) * 1000);
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(`--max-retry-wait can be at most ${MAX_TIMEOUT_SECONDS} seconds; got ${quoted(value)}`);
  }
  return ms;
}

/** A whole number option within [min, max]. */
export function wholeNumber(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!WHOLE.test(value)) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got ${quoted(value)})`);
  }
  const n = Number(value);
  if (n < min || n > max) {
    throw new UsageError(`${name} must be from ${min} to ${max} (got ${quoted(value)})`);
  }
  return n;
}
