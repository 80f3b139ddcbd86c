// How numbers and durations read, the same in every face: token counts, and waits and bounds in seconds.

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

/**
 * "05:45:09": when a call started, in the user's local time, as the History view lists calls; a call of another
 * day than `now` gets its day too ("30 Nov 05:45:09"). Text that is no time is returned as it is.
 */
export function localTimeText(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const time = date.toLocaleTimeString('en-GB', { hour12: false });
  return date.toDateString() === now.toDateString() ? time : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
