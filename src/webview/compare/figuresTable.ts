// The figures of every model side by side: one column per model, one row per figure (median with min–max over the
// runs that answered), the best of each row marked; then cost per call and per 1,000, stop reasons, errors.
import { formatUsd } from '../../shared/cost';
import { FIGURE_LABELS, spreadText } from '../../shared/modelCompare/figureText';
import { BEST_ROWS, BestRow, ComparisonSummary, ModelSummary, SPREAD_FIGURES, SpreadFigure } from '../../shared/modelCompare/stats';
import { PRICES_AS_OF } from '../../shared/prices';
import { el, icon, type Child } from '../dom/elements';

const BEST_OF: Partial<Record<SpreadFigure, BestRow>> = {
  headersMs: 'headersMs',
  firstTokenMs: 'firstTokenMs',
  totalMs: 'totalMs',
  outputTokensPerSecond: 'outputTokensPerSecond',
};

function bestCell(content: Child, isBest: boolean, row: string): HTMLElement {
  if (!isBest) {
    return el('td', null, content);
  }
  const better = BEST_ROWS[row] === 'higher' ? 'highest' : 'lowest';
  return el('td', { class: 'best', title: `best: the ${better} of this row` }, icon('star-full'), ' ', content, el('span', { class: 'sr-only' }, ' (best)'));
}

export function renderFiguresTable(summary: ComparisonSummary): HTMLElement {
  const { models, best } = summary;
  const row = (label: string, cells: HTMLElement[], name: string) =>
    el('tr', { attrs: { 'data-row': name } }, el('th', { attrs: { scope: 'row' } }, label), ...cells);
  const rows: HTMLElement[] = [
    row('runs', models.map((m) => el('td', null, runsText(m))), 'runs'),
  ];
  for (const figure of SPREAD_FIGURES) {
    if (figure === 'costUsd') {
      continue;
    }
    const bestRow = BEST_OF[figure];
    rows.push(
      row(
        FIGURE_LABELS[figure],
        models.map((m) => {
          const spread = m.figures[figure];
          return bestCell(spread ? spreadText(figure, spread) : '–', !!bestRow && best[bestRow].includes(m.model), bestRow ?? figure);
        }),
        figure,
      ),
    );
  }
  rows.push(
    row('cost per call', models.map((m) => bestCell(m.costPerCallUsd !== undefined ? formatUsd(m.costPerCallUsd) : '–', best.costPerCall.includes(m.model), 'costPerCall')), 'costPerCall'),
    row('cost per 1,000 calls', models.map((m) => el('td', null, m.costPer1000Usd !== undefined ? formatUsd(m.costPer1000Usd) : '–')), 'costPer1000'),
  );
  return el(
    'table',
    { class: 'figures-table', attrs: { 'aria-label': 'The models side by side' } },
    el('thead', null, el('tr', null, el('th', { attrs: { scope: 'col' } }, 'median (min–max)'), ...models.map((m) => el('th', { attrs: { scope: 'col' } }, m.model)))),
    el('tbody', null, ...rows),
    el('caption', null, `Over the runs that answered. Cost at the list prices of ${PRICES_AS_OF} (or claudeInspector.prices); per call is the mean.`),
  );
}

function runsText(m: ModelSummary): string {
  const parts = [`${m.ok} of ${m.runs} answered`];
  if (m.failed) {
    parts.push(`${m.failed} failed`);
  }
  if (m.cancelled) {
    parts.push(`${m.cancelled} cancelled`);
  }
  if (m.pending) {
    parts.push(`${m.pending} to go`);
  }
  return parts.join(', ');
}
