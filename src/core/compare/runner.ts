// Runs a comparison: every model on the same request, several times each, a bounded number at once. Each run is an
// ordinary streamed call through the core client (so time to first token is measured, and rate limits are waited
// out as the client does, announced through onRetry); a failed run is kept with its error and the others go on;
// the signal stops what is left, the runs not yet sent included.
import type { CallRecord, TimelineEvent } from '../../shared/callRecord';
import type { CallSource } from '../../shared/callRecord';
import type { PriceTable } from '../../shared/prices';
import { Comparison, ComparisonRun, comparisonProblem, DEFAULT_COMPARE_CONCURRENCY, plannedRuns, statusOf } from '../../shared/modelCompare/comparison';
import { ConnectionOptions, sendMessage } from '../client';
import type { EffectiveRequest } from '../effectiveRequest';
import type { RetryNotice } from '../capture/retry';
import { anthropicSdk } from '../sdk';

export interface CompareOptions extends Omit<ConnectionOptions, 'onRetry'> {
  models: string[];
  runsPerModel: number;
  /** How many runs may be out at once; default {@link DEFAULT_COMPARE_CONCURRENCY}. */
  concurrency?: number;
  source: CallSource;
  signal?: AbortSignal;
  prices?: PriceTable;
  /** The comparison, every run waiting, before anything is sent. */
  onStart?(comparison: Comparison): void;
  /** A run's call starts: its record holds the request as it starts. */
  onRunStart?(run: ComparisonRun, record: CallRecord): void;
  /** Each server-sent event of a run, as it arrives. */
  onRunEvent?(run: ComparisonRun, event: TimelineEvent): void;
  /** A run is about to wait before a retry (429 with retry-after, 529, ...): say so. */
  onRunRetry?(run: ComparisonRun, notice: RetryNotice): void;
  /** A run is over (ok, failed or cancelled), its record complete; also for runs cancelled before they were sent. */
  onRunFinish?(run: ComparisonRun): void;
}

/** The request for one model: the file's body with the model put in, always streamed. */
export function requestFor(request: EffectiveRequest, model: string): EffectiveRequest {
  return {
    body: { ...request.body, model, stream: true },
    defaultsApplied: request.defaultsApplied.filter((field) => field !== 'model' && field !== 'stream'),
    streamed: true,
  };
}

export async function runComparison(request: EffectiveRequest, options: CompareOptions): Promise<Comparison> {
  const concurrency = options.concurrency ?? DEFAULT_COMPARE_CONCURRENCY;
  const problem = comparisonProblem(options.models, options.runsPerModel, concurrency);
  if (problem) {
    throw new RangeError(problem);
  }
  const { body } = request;
  const comparison: Comparison = {
    // The global Web Crypto: node:crypto is not loaded with the extension.
    id: crypto.randomUUID(),
    startedAt: new Date().toISOString(),
    source: options.source,
    baseUrl: options.baseUrl,
    request: body,
    models: [...options.models],
    runsPerModel: options.runsPerModel,
    concurrency,
    runs: plannedRuns(options.models, options.runsPerModel),
  };
  options.onStart?.(comparison);
  await warmUp(options);
  let next = 0;
  const worker = async () => {
    while (next < comparison.runs.length) {
      const run = comparison.runs[next++];
      if (options.signal?.aborted) {
        run.status = 'cancelled';
        options.onRunFinish?.(run);
        continue;
      }
      await send(run, request, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, comparison.runs.length) }, worker));
  comparison.finishedAt = new Date().toISOString();
  return comparison;
}

/**
 * Loads, before any run's clock starts, what the first call of a process would otherwise load inside its own: the
 * SDK (required on first use) and fetch's HTTP machinery. Without this the first runs out (one per concurrent slot)
 * carried hundreds of milliseconds the later ones did not, seen as a slower first run of whichever models went
 * first. Nothing is sent: fetch reads a data: URL.
 */
async function warmUp(options: CompareOptions): Promise<void> {
  anthropicSdk();
  if (!options.fetch) {
    await fetch('data:,').then((response) => response.arrayBuffer()).catch(() => undefined);
  }
}

async function send(run: ComparisonRun, request: EffectiveRequest, options: CompareOptions): Promise<void> {
  run.status = 'running';
  // Each run follows the comparison's signal through its own controller, so listeners on the shared signal stay
  // one per running call (not one per call ever made) and go when the run does.
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await sendRun(run, request, options, controller.signal);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

async function sendRun(run: ComparisonRun, request: EffectiveRequest, options: CompareOptions, signal: AbortSignal): Promise<void> {
  const record = await sendMessage(requestFor(request, run.model), {
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    maxRetryWaitMs: options.maxRetryWaitMs,
    fetch: options.fetch,
    maxBodyBytes: options.maxBodyBytes,
    prices: options.prices,
    source: options.source,
    signal,
    onStart: (started) => {
      run.record = started;
      options.onRunStart?.(run, started);
    },
    onRetry: (notice) => options.onRunRetry?.(run, notice),
    onEvent: options.onRunEvent ? (event) => options.onRunEvent!(run, event) : undefined,
  });
  if (signal.aborted && record.error && record.error.kind !== 'cancelled') {
    // An abort can surface from fetch as a network error: it was the user's Cancel.
    record.error = { kind: 'cancelled', message: 'Cancelled before the answer was complete; what arrived is kept.' };
  }
  run.record = record;
  run.status = statusOf(record);
  options.onRunFinish?.(run);
}
