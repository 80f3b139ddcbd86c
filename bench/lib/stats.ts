// Small statistics for benchmark samples: nothing here knows what was measured.

/** The value below which a fraction `q` (0..1) of the samples fall (nearest rank, on a sorted copy). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => quantile(samples, 0.95);

export function sum(samples: readonly number[]): number {
  let total = 0;
  for (const value of samples) {
    total += value;
  }
  return total;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : sum(samples) / samples.length;
}

/** Milliseconds for a table: three significant digits below 100, whole numbers above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  if (Math.abs(value) >= 100) {
    return `${Math.round(value)} ms`;
  }
  return `${value.toPrecision(3)} ms`;
}

/** A list of values in order, shuffled deterministically (for interleaving measurements without a pattern). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
