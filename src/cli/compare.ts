// `claude-inspector compare FILE --models A,B --runs N --concurrency N [--json]`: the same request to several
// models, several runs each, and their medians side by side. Exit 1 only when every model failed.
import { summarizeError } from '../core/callError';
import type { ConnectionOptions } from '../core/client';
import { runComparison } from '../core/compare/runner';
import type { EffectiveRequest } from '../core/effectiveRequest';
import type { RedactingWriter } from '../core/secrets/redactingWriter';
import { describeRetry } from '../core/capture/retry';
import { formatUsd } from '../shared/cost';
import { type HintKnobs, wordHint } from '../shared/hints';
import { comparisonProblem, ComparisonRun, DEFAULT_COMPARE_CONCURRENCY, DEFAULT_COMPARE_RUNS } from '../shared/modelCompare/comparison';
import { comparisonJson } from '../shared/modelCompare/exports';
import { figureText, stopReasonsText } from '../shared/modelCompare/figureText';
import { BestRow, ModelSummary, SpreadFigure, summarize } from '../shared/modelCompare/stats';
import { PRICES_AS_OF } from '../shared/prices';
import { table } from './table';
import { UsageError } from './usage';

interface Faces {
  stdout: RedactingWriter;
  stderr: RedactingWriter;
  hintKnobs: HintKnobs;
}

/** --runs and --concurrency: whole numbers, said by name when they are not. */
function count(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (value === true || !/^[0-9]+$/.test(value)) {
    throw new UsageError(`--${name} must be a whole number (got "${String(value).slice(0, 40)}")`);
  }
  return Number(value);
}

export async function compareCommand(
  request: EffectiveRequest,
  connection: ConnectionOptions,
  values: Record<string, string | true>,
  file: string,
  { stdout, stderr, hintKnobs }: Faces,
): Promise<number> {
  const listed = values.models;
  if (typeof listed !== 'string') {
    throw new UsageError('compare needs --models A,B[,C…]: the models to send the file to');
  }
  const models = listed.split(',').map((m) => m.trim());
  const runs = count(values.runs, 'runs', DEFAULT_COMPARE_RUNS);
  const concurrency = count(values.concurrency, 'concurrency', DEFAULT_COMPARE_CONCURRENCY);
  const problem = comparisonProblem(models, runs, concurrency);
  if (problem) {
    const flag = /runs per model/.test(problem) ? '--runs' : /concurrency/.test(problem) ? '--concurrency' : '--models';
    throw new UsageError(`${flag}: ${problem}`);
  }
  if (request.body.stream === false) {
    stderr.print('note: compare streams every run, to measure the time to the first token: the file\'s "stream": false is not used\n');
  }
  const json = values.json === true;
  const controller = new AbortController();
  // Ctrl+C stops what is left; what has finished is still printed.
  const stop = () => {
    stderr.print('claude-inspector: cancelling the runs that are left…\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  const describeError = (run: ComparisonRun) =>
    run.record?.error ? summarizeError(wordHint(run.record.error, hintKnobs)) : 'cancelled before it was sent';
  let comparison;
  try {
    comparison = await runComparison(request, {
      ...connection,
      models,
      runsPerModel: runs,
      concurrency,
      signal: controller.signal,
      source: { kind: 'cli', path: file === '-' ? undefined : file },
      // Said before each wait, with the run it holds up: a rate limit is waited out, never hidden.
      onRunRetry: (run, notice) => stderr.print(`claude-inspector: ${run.model} run ${run.run}: ${describeRetry(notice)}\n`),
    });
  } finally {
    process.removeListener('SIGINT', stop);
  }
  if (json) {
    stdout.print(`${JSON.stringify(comparisonJson(comparison, describeError), null, 2)}\n`);
  } else {
    const summary = summarize(comparison, describeError);
    stdout.print(`${comparisonTable(summary.models, summary.best)}\n`);
    const errors = summary.models.flatMap((m) => m.errors.map((e) => `  ${m.model} ${e}`));
    stdout.print(
      `\n${runs} run${runs === 1 ? '' : 's'} per model, ${concurrency} at once, streamed; medians of the runs that answered, ` +
        `* the best of a column; cost at the list prices of ${PRICES_AS_OF}.\n`,
    );
    if (errors.length) {
      stdout.print(`Errors:\n${errors.join('\n')}\n`);
    }
  }
  if (controller.signal.aborted) {
    return 130;
  }
  return comparison.runs.some((r) => r.status === 'ok') ? 0 : 1;
}

function comparisonTable(models: ModelSummary[], best: Record<BestRow, string[]>): string {
  const mark = (row: BestRow, model: string, text: string) => (best[row].includes(model) ? `${text} *` : text);
  const median = (m: ModelSummary, figure: SpreadFigure & BestRow) => {
    const spread = m.figures[figure];
    return spread ? mark(figure, m.model, figureText(figure, spread.median)) : '–';
  };
  const rows = models.map((m) => [
    m.model,
    `${m.ok}/${m.runs}`,
    median(m, 'headersMs'),
    median(m, 'firstTokenMs'),
    median(m, 'totalMs'),
    m.figures.outputTokens ? figureText('outputTokens', m.figures.outputTokens.median) : '–',
    median(m, 'outputTokensPerSecond'),
    m.costPerCallUsd !== undefined ? mark('costPerCall', m.model, formatUsd(m.costPerCallUsd)) : '–',
    m.costPer1000Usd !== undefined ? formatUsd(m.costPer1000Usd) : '–',
    stopReasonsText(m.stopReasons) || '–',
    m.failed ? String(m.failed) : m.cancelled ? `${m.cancelled} cancelled` : '0',
  ]);
  return table(['model', 'ok', 'headers', 'first token', 'total', 'output tokens', 'speed', 'cost/call', 'per 1,000', 'stop reasons', 'errors'], rows);
}
