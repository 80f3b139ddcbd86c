// What the call cost, beside the usage: each billed line with its tokens and rate, or why the cost is unknown.
import type { CallRecord } from '../../shared/callRecord';
import { formatUsd, perMillionText, priceSourceText, unknownCostText } from '../../shared/cost';
import { PRICES_SETTING } from '../../shared/prices';
import { el } from '../dom/elements';
import { formatCount } from '../../shared/format';

export function renderCost(cost: NonNullable<CallRecord['cost']>): HTMLElement {
  const section = el('section', { class: 'cost', attrs: { 'aria-label': 'Cost', 'data-testid': 'cost' } }, el('h3', { class: 'section-title' }, 'Cost'));
  if (!cost.known) {
    section.append(el('p', { class: 'cost-unknown muted' }, unknownCostText(cost, PRICES_SETTING)));
    return section;
  }
  const rows = cost.parts.map((part) =>
    el(
      'tr',
      null,
      el('th', { class: 'usage-label', attrs: { scope: 'row' } }, part.label),
      el('td', { class: 'usage-value number' }, formatCount(part.tokens)),
      el('td', { class: 'usage-value muted' }, part.rate === undefined ? 'no published price' : `× ${perMillionText(part.rate)}`),
      el('td', { class: 'usage-value number' }, part.usd === undefined ? '—' : formatUsd(part.usd)),
    ),
  );
  rows.push(
    el(
      'tr',
      { class: 'usage-derived' },
      el('th', { class: 'usage-label', attrs: { scope: 'row' } }, 'Total'),
      el('td', null),
      el('td', null),
      el('td', { class: 'usage-value number cost-total' }, formatUsd(cost.usd)),
    ),
  );
  section.append(
    el('table', { class: 'usage-table cost-table' }, el('tbody', null, ...rows)),
    el(
      'p',
      { class: 'cost-note muted' },
      `${cost.model} at ${priceSourceText(cost.priceSource)}`,
      cost.unpriced.length ? `; ${cost.unpriced.join(', ')} not priced (no published price)` : '',
      '. USD per million tokens.',
    ),
  );
  return section;
}
