// The statistics of a comparison: per model, the median with min–max of each figure over its good runs, cost per
// call and per 1,000 calls, stop reasons and errors; per row, the best model. Pure: the CLI, the view and the
// exports all read these.
import type { Comparison, ComparisonRun } from './comparison';
import { runsOf } from './comparison';
import { answerKey, figuresOf, RunFigures } from './figures';

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many runs had this figure. */
  n: number;
}

/** Median and range of the values that are there; undefined when none is. */
export function spreadOf(values: readonly (number | undefined)[]): Spread | undefined {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) {
    return undefined;
  }
  return { median: median(present), min: Math.min(...present), max: Math.max(...present), n: present.length };
}

/** The figures a column shows as median with min–max. */
export const SPREAD_FIGURES = [
  'headersMs',
  'firstTokenMs',
  'totalMs',
  'outputTokensPerSecond',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'costUsd',
] as const;
export type SpreadFigure = (typeof SPREAD_FIGURES)[number];

export interface ModelSummary {
  model: string;
  runs: number;
  ok: number;
  failed: number;
  cancelled: number;
  /** Still waiting or running. */
  pending: number;
  /** Over the good runs only: a failed run's timing says nothing about the model's speed. */
  figures: Partial<Record<SpreadFigure, Spread>>;
  /** The mean cost of a good run (a total over many calls follows the mean, not the median). */
  costPerCallUsd?: number;
  costPer1000Usd?: number;
  /** stop_reason → how many runs ended with it. */
  stopReasons: Record<string, number>;
  /** One line per failed run: "run 2: 404 not_found_error: model: x". */
  errors: string[];
  /** The good runs grouped by identical answers, biggest group first (run numbers). */
  answers: number[][];
}

/** A failed run in one line, when the face has no wording of its own (core's summarizeError is the CLI's). */
export function plainError(run: ComparisonRun): string {
  const error = run.record?.error;
  if (!error) {
    return 'failed';
  }
  const head = [error.status, error.type].filter((part) => part !== undefined && part !== '').join(' ');
  return head && !error.message.startsWith(`${error.status ?? ''} `) ? `${head}: ${error.message}` : error.message;
}

export function summarizeModel(model: string, runs: readonly ComparisonRun[], describeError: (run: ComparisonRun) => string = plainError): ModelSummary {
  const good = runs.filter((r) => r.status === 'ok');
  const figures: RunFigures[] = good.map((r) => figuresOf(r.record));
  const summary: ModelSummary = {
    model,
    runs: runs.length,
    ok: good.length,
    failed: runs.filter((r) => r.status === 'failed').length,
    cancelled: runs.filter((r) => r.status === 'cancelled').length,
    pending: runs.filter((r) => r.status === 'waiting' || r.status === 'running').length,
    figures: {},
    stopReasons: {},
    errors: runs.filter((r) => r.status === 'failed').map((r) => `run ${r.run}: ${describeError(r)}`),
    answers: identicalGroups(good),
  };
  for (const name of SPREAD_FIGURES) {
    const spread = spreadOf(figures.map((f) => f[name]));
    if (spread) {
      summary.figures[name] = spread;
    }
  }
  const costs = figures.map((f) => f.costUsd).filter((c): c is number => c !== undefined);
  if (costs.length > 0) {
    summary.costPerCallUsd = costs.reduce((a, b) => a + b, 0) / costs.length;
    summary.costPer1000Usd = summary.costPerCallUsd * 1000;
  }
  for (const run of runs) {
    const reason = figuresOf(run.record).stopReason;
    if (reason && run.status !== 'waiting') {
      summary.stopReasons[reason] = (summary.stopReasons[reason] ?? 0) + 1;
    }
  }
  return summary;
}

function identicalGroups(runs: readonly ComparisonRun[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const run of runs) {
    const key = answerKey(run.record);
    groups.set(key, [...(groups.get(key) ?? []), run.run]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** The rows where one value is best, and which way is better. Token counts have no better side: they are facts. */
export const BEST_ROWS: Record<string, 'lower' | 'higher'> = {
  headersMs: 'lower',
  firstTokenMs: 'lower',
  totalMs: 'lower',
  outputTokensPerSecond: 'higher',
  costPerCall: 'lower',
};
export type BestRow = keyof typeof BEST_ROWS;

/** The value a row compares: the median, or the cost per call. */
export function rowValue(summary: ModelSummary, row: BestRow): number | undefined {
  return row === 'costPerCall' ? summary.costPerCallUsd : summary.figures[row as SpreadFigure]?.median;
}

/** For each row, the models with the best value (ties share it); a row is marked only when two models have values. */
export function bestOfRows(summaries: readonly ModelSummary[]): Record<BestRow, string[]> {
  const best = {} as Record<BestRow, string[]>;
  for (const [row, better] of Object.entries(BEST_ROWS) as [BestRow, 'lower' | 'higher'][]) {
    const values = summaries.map((s) => ({ model: s.model, value: rowValue(s, row) })).filter((v): v is { model: string; value: number } => v.value !== undefined);
    if (values.length < 2) {
      best[row] = [];
      continue;
    }
    const target = better === 'lower' ? Math.min(...values.map((v) => v.value)) : Math.max(...values.map((v) => v.value));
    best[row] = values.filter((v) => v.value === target).map((v) => v.model);
  }
  return best;
}

export interface ComparisonSummary {
  models: ModelSummary[];
  best: Record<BestRow, string[]>;
}

export function summarize(comparison: Comparison, describeError: (run: ComparisonRun) => string = plainError): ComparisonSummary {
  const models = comparison.models.map((model) => summarizeModel(model, runsOf(comparison, model), describeError));
  return { models, best: bestOfRows(models) };
}

/** "3 of 3 runs identical", "2 of 3 runs identical", or undefined when fewer than two runs answered. */
export function identicalText(summary: Pick<ModelSummary, 'answers' | 'ok'>): string | undefined {
  if (summary.ok < 2) {
    return undefined;
  }
  const biggest = summary.answers[0]?.length ?? 0;
  return biggest <= 1 ? `all ${summary.ok} runs differ` : `${biggest} of ${summary.ok} runs identical`;
}
