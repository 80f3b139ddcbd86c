// How durations and sizes read in the panel. A count reads as in every face: shared/format.ts.
import { formatCount } from '../../shared/format';

/** 850 ms, 1.24 s, 2 min 5 s: precise where it matters, short where it does not. */
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
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export function formatChars(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'char' : 'chars'}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
