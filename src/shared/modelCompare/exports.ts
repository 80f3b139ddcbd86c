// A comparison written out: the JSON the CLI prints with --json and the view exports (one shape, a contract for
// scripts: change it only by adding fields), and the Markdown table of the view's export.
import { PRICES_AS_OF } from '../prices';
import { formatUsd } from '../cost';
import { Comparison, ComparisonRun, comparisonSourceName, runsOf } from './comparison';
import { figuresOf } from './figures';
import { FIGURE_LABELS, spreadText, stopReasonsText } from './figureText';
import { BestRow, ComparisonSummary, plainError, SPREAD_FIGURES, SpreadFigure, summarize } from './stats';

/** Null for a number a run did not have; 12 significant digits, so that a sum of prices prints as 0.000171, not 0.00017099999999999998. */
const orNull = (value: number | undefined) => (value === undefined ? null : Number(value.toPrecision(12)));

function runJson(run: ComparisonRun, describeError: (run: ComparisonRun) => string): Record<string, unknown> {
  const f = figuresOf(run.record);
  const out: Record<string, unknown> = {
    run: run.run,
    status: run.status,
    stopReason: f.stopReason ?? null,
    headersMs: orNull(f.headersMs),
    firstTokenMs: orNull(f.firstTokenMs),
    totalMs: orNull(f.totalMs),
    outputTokensPerSecond: orNull(f.outputTokensPerSecond),
    inputTokens: orNull(f.inputTokens),
    outputTokens: orNull(f.outputTokens),
    cacheReadTokens: orNull(f.cacheReadTokens),
    cacheWriteTokens: orNull(f.cacheWriteTokens),
    costUsd: orNull(f.costUsd),
    requestId: run.record?.requestId ?? null,
    // A retry's wait is part of the run's times (the run took it): said here, so that a script can tell it apart.
    attempts: run.record?.attempts.length ?? 0,
    retryWaitMs: orNull(run.record?.attempts.reduce((sum, attempt) => sum + (attempt.waitMs ?? 0), 0)),
  };
  if (run.status === 'failed' || run.status === 'cancelled') {
    out.error = run.record?.error ? describeError(run) : 'cancelled before it was sent';
  }
  return out;
}

/** `{models: [{model, runs: [...], median: {...}, min, max, ...}], ...}`: numbers a run did not have are null. */
export function comparisonJson(comparison: Comparison, describeError?: (run: ComparisonRun) => string): Record<string, unknown> {
  const summary = summarize(comparison, describeError);
  const describe = describeError ?? plainError;
  const of = (pick: 'median' | 'min' | 'max', s: ComparisonSummary['models'][number]) =>
    Object.fromEntries(SPREAD_FIGURES.map((name) => [name, orNull(s.figures[name]?.[pick])]));
  return {
    id: comparison.id,
    startedAt: comparison.startedAt,
    finishedAt: comparison.finishedAt ?? null,
    baseUrl: comparison.baseUrl,
    runsPerModel: comparison.runsPerModel,
    concurrency: comparison.concurrency,
    pricesAsOf: PRICES_AS_OF,
    models: summary.models.map((s) => ({
      model: s.model,
      ok: s.ok,
      failed: s.failed,
      cancelled: s.cancelled,
      runs: runsOf(comparison, s.model).map((run) => runJson(run, describe)),
      median: of('median', s),
      min: of('min', s),
      max: of('max', s),
      costPerCallUsd: orNull(s.costPerCallUsd),
      costPer1000Usd: orNull(s.costPer1000Usd),
      stopReasons: s.stopReasons,
      errors: s.errors,
      identicalAnswers: s.answers,
    })),
    best: summary.best,
  };
}

const BEST_OF_FIGURE: Partial<Record<SpreadFigure, BestRow>> = {
  headersMs: 'headersMs',
  firstTokenMs: 'firstTokenMs',
  totalMs: 'totalMs',
  outputTokensPerSecond: 'outputTokensPerSecond',
  costUsd: 'costPerCall',
};

/** Pipes and line breaks would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One column per model, one row per figure (median with min–max); the best of a row in bold. */
export function comparisonMarkdown(comparison: Comparison, describeError?: (run: ComparisonRun) => string): string {
  const summary = summarize(comparison, describeError);
  const models = summary.models;
  // A heading first: it names the export's new document (its tab showed "| | claude-opus-5-5 | …") and says what was compared.
  const lines = [
    `## Compare Models: ${cell(comparisonSourceName(comparison))}`,
    '',
    `| | ${models.map((m) => cell(m.model)).join(' | ')} |`,
    `|---|${models.map(() => '---|').join('')}`,
  ];
  const row = (label: string, cells: string[]) => lines.push(`| ${cell(label)} | ${cells.map(cell).join(' | ')} |`);
  row('runs answered', models.map((m) => `${m.ok} of ${m.runs}`));
  for (const figure of SPREAD_FIGURES) {
    const best = BEST_OF_FIGURE[figure];
    row(figure === 'costUsd' ? 'cost of a call (median)' : FIGURE_LABELS[figure], models.map((m) => {
      const spread = m.figures[figure];
      if (!spread) {
        return '–';
      }
      const text = spreadText(figure, spread);
      return best && figure !== 'costUsd' && summary.best[best].includes(m.model) ? `**${text}**` : text;
    }));
  }
  const costCell = (m: (typeof models)[number], usd: number | undefined) => {
    if (usd === undefined) {
      return '–';
    }
    return summary.best.costPerCall.includes(m.model) ? `**${formatUsd(usd)}**` : formatUsd(usd);
  };
  row('cost per call (mean)', models.map((m) => costCell(m, m.costPerCallUsd)));
  row('cost per 1,000 calls', models.map((m) => costCell(m, m.costPer1000Usd)));
  row('stop reasons', models.map((m) => stopReasonsText(m.stopReasons) || '–'));
  row('errors', models.map((m) => (m.errors.length ? m.errors.join('; ') : '–')));
  const request = `${comparison.runsPerModel} run${comparison.runsPerModel === 1 ? '' : 's'} per model, ${comparison.concurrency} at once, streamed`;
  return `${lines.join('\n')}\n\n${request}; started ${comparison.startedAt}; ${comparison.baseUrl}; prices: list prices of ${PRICES_AS_OF} unless set in claudeInspector.prices. **Bold**: the best of the row.\n`;
}
