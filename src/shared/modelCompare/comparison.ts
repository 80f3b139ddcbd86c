// A comparison of models on one request: every run of every model, as it stands (waiting, running, done). The core
// runner fills it in, the CLI prints it, the compare view shows it, and it is what is saved and reopened.
import type { CallRecord, CallSource, JsonObject } from '../callRecord';

/** `waiting`: not sent yet; `cancelled`: stopped by Cancel (sent or not); `failed`: ended with an error. */
export type RunStatus = 'waiting' | 'running' | 'ok' | 'failed' | 'cancelled';

export interface ComparisonRun {
  model: string;
  /** 1 for a model's first run. */
  run: number;
  status: RunStatus;
  /** The call, once it started: the same record a single Send makes (openable in the response panel). */
  record?: CallRecord;
}

export interface Comparison {
  /** Set once, so a saved comparison keeps its name. */
  id: string;
  startedAt: string;
  finishedAt?: string;
  source: CallSource;
  baseUrl: string;
  /** The request as the file gives it, before each model is put in. */
  request: JsonObject;
  models: string[];
  runsPerModel: number;
  concurrency: number;
  /** Interleaved: run 1 of every model, then run 2..., so that a slow spell of the network hits every model alike. */
  runs: ComparisonRun[];
}

/** The runs, waiting, in the order they go out. */
export function plannedRuns(models: readonly string[], runsPerModel: number): ComparisonRun[] {
  const runs: ComparisonRun[] = [];
  for (let run = 1; run <= runsPerModel; run++) {
    for (const model of models) {
      runs.push({ model, run, status: 'waiting' });
    }
  }
  return runs;
}

/** The status a finished call earns. */
export function statusOf(record: CallRecord): RunStatus {
  if (!record.error) {
    return 'ok';
  }
  return record.error.kind === 'cancelled' ? 'cancelled' : 'failed';
}

/** A model's runs, by run number. */
export function runsOf(comparison: Pick<Comparison, 'runs'>, model: string): ComparisonRun[] {
  return comparison.runs.filter((r) => r.model === model).sort((a, b) => a.run - b.run);
}

export const RUNS_LIMIT = 100;
export const CONCURRENCY_LIMIT = 32;
export const DEFAULT_COMPARE_RUNS = 3;
export const DEFAULT_COMPARE_CONCURRENCY = 4;

/** Why these models, runs and concurrency cannot be compared, or undefined. The CLI and the command say it alike. */
export function comparisonProblem(models: readonly string[], runs: number, concurrency: number): string | undefined {
  if (models.length === 0) {
    return 'at least one model is needed';
  }
  const blank = models.findIndex((m) => m.trim() === '');
  if (blank >= 0) {
    return `model ${blank + 1} of the list is empty`;
  }
  const twice = models.find((m, i) => models.indexOf(m) !== i);
  if (twice !== undefined) {
    return `${twice} is named twice`;
  }
  if (!Number.isInteger(runs) || runs < 1 || runs > RUNS_LIMIT) {
    return `the runs per model must be a whole number from 1 to ${RUNS_LIMIT} (got ${String(runs)})`;
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > CONCURRENCY_LIMIT) {
    return `the concurrency must be a whole number from 1 to ${CONCURRENCY_LIMIT} (got ${String(concurrency)})`;
  }
  return undefined;
}

/** What was compared, in a word: the request file's name, the editor's title of an unsaved one, or "selection". */
export function comparisonSourceName(comparison: Pick<Comparison, 'source'>): string {
  const from = comparison.source;
  const source = from.title ?? (from.kind === 'selection' ? 'selection' : from.path) ?? 'request';
  return source.split(/[\\/]/).pop() || 'request';
}
