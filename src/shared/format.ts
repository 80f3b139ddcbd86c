// How numbers, times and dates read, the same in every face: counts, a call's time, times to the millisecond, waits
// and bounds in seconds, the time of day a call started, and the day of a date.

// Made at first use: creating a number format loads the locale data, which costs milliseconds at activation.
let integer: Intl.NumberFormat | undefined;

/** "1,234": a count of tokens (or anything else counted) with thousands separators. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? (integer ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(value) : String(value);
}

/** "2 s", "0.5 s", "1.3 s": a wait or a bound, whole seconds without a decimal, others to a tenth. */
export function secondsText(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1)} s`;
}

/** 850 ms, 1.24 s, 2 min 5 s: a call's time, precise where it matters, short where it does not (panel, History view). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return String(ms);
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  }
  // Rounded to the second first, so that 1 min 59.6 s reads "2 min 0 s", not "1 min 60 s".
  const whole = Math.round(ms / 1000);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** "1,204 ms": a time to the whole millisecond, where times stand in columns or side by side (tables, comparisons). */
export function wholeMsText(ms: number): string {
  return `${formatCount(Math.round(ms))} ms`;
}

/** "14:03:27": the time of day of an ISO date, in this machine's zone, on a 24-hour clock; a date that does not parse as written. */
export function timeOfDayText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString('en-GB', { hour12: false });
}

/** "01/12/2026, 14:03:27": when a call started, day first, in this machine's zone; a date that does not parse as written. */
export function dateTimeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB');
}

/** "2026-02-01": the day of an ISO date, as written in it. */
export function dayText(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * "05:45:09": when a call started, in the user's local time, as the History view lists calls; a call of another
 * day than `now` gets its day too ("30 Nov 05:45:09"). Text that is no time is returned as it is.
 */
export function localTimeText(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const time = timeOfDayText(iso);
  return date.toDateString() === now.toDateString() ? time : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
