// The numbers of two calls side by side: what each one said (model, stop_reason), how long it took, what it used and
// what it cost, and by how much B differs from A. Data only: the panel and the CLI each word it their own way.
import type { CallRecord, JsonObject } from '../callRecord';

/** One metric of two calls; `delta` is B − A for numbers known on both sides, else null. */
export interface MetricDelta<T extends string | number = string | number> {
  a: T | null;
  b: T | null;
  delta: number | null;
  /** The two sides differ (a value on one side only counts as a difference). */
  changed: boolean;
}

export interface MetricDeltas {
  model: MetricDelta<string>;
  stopReason: MetricDelta<string>;
  headersMs: MetricDelta<number>;
  firstTokenMs: MetricDelta<number>;
  totalMs: MetricDelta<number>;
  inputTokens: MetricDelta<number>;
  outputTokens: MetricDelta<number>;
  cacheReadTokens: MetricDelta<number>;
  cacheWriteTokens: MetricDelta<number>;
  costUsd: MetricDelta<number>;
}

export type MetricName = keyof MetricDeltas;

/** The metrics in the order they are shown, with the words a person reads and how each is measured. */
export const METRICS: readonly { name: MetricName; label: string; unit: 'text' | 'ms' | 'tokens' | 'usd' }[] = [
  { name: 'model', label: 'Model', unit: 'text' },
  { name: 'stopReason', label: 'stop_reason', unit: 'text' },
  { name: 'headersMs', label: 'Time to headers', unit: 'ms' },
  { name: 'firstTokenMs', label: 'Time to first token', unit: 'ms' },
  { name: 'totalMs', label: 'Total time', unit: 'ms' },
  { name: 'inputTokens', label: 'Input tokens', unit: 'tokens' },
  { name: 'outputTokens', label: 'Output tokens', unit: 'tokens' },
  { name: 'cacheReadTokens', label: 'Cache read tokens', unit: 'tokens' },
  { name: 'cacheWriteTokens', label: 'Cache write tokens', unit: 'tokens' },
  { name: 'costUsd', label: 'Cost', unit: 'usd' },
];

/** Every metric of A and B with its delta. A failed call has no usage: its tokens are null, not 0. */
export function compareMetrics(a: CallRecord, b: CallRecord): MetricDeltas {
  const left = metricsOf(a);
  const right = metricsOf(b);
  const out = {} as Record<MetricName, MetricDelta>;
  for (const { name } of METRICS) {
    out[name] = delta(left[name], right[name]);
  }
  return out as unknown as MetricDeltas;
}

/** One call's value of every metric, null where the call does not have it. */
export function metricsOf(record: CallRecord): Record<MetricName, string | number | null> {
  const message = record.message;
  const usage = isObject(message?.usage) ? message.usage : undefined;
  return {
    // The model that answered; the one asked for when nothing answered.
    model: text(message?.model) ?? text(record.effectiveRequest?.model),
    stopReason: text(message?.stop_reason),
    headersMs: number(record.timing?.headersMs),
    firstTokenMs: number(record.timing?.firstTokenMs),
    totalMs: number(record.timing?.totalMs),
    inputTokens: number(usage?.input_tokens),
    outputTokens: number(usage?.output_tokens),
    cacheReadTokens: number(usage?.cache_read_input_tokens),
    cacheWriteTokens: number(usage?.cache_creation_input_tokens),
    costUsd: record.cost?.known ? number(record.cost.usd) : null,
  };
}

function delta(a: string | number | null, b: string | number | null): MetricDelta {
  const numeric = typeof a === 'number' && typeof b === 'number';
  // Cost is a float sum: a delta of 1e-18 is no difference a person could see.
  const d = numeric ? roundDelta(b - a) : null;
  return { a, b, delta: d, changed: a !== b };
}

function roundDelta(value: number): number {
  return Math.abs(value) < 1e-12 ? 0 : Number(value.toPrecision(12));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
