// The Compare view: two calls from history side by side. Their metrics (model, stop_reason, times, tokens, cost)
// with B − A, then their content block by block: words added and removed marked in the diff editor's colours
// (<ins>/<del>, so a screen reader and a high-contrast border say it too), tool input key by key.
import type { BlockDiff, CallComparison, KeyDiff, TextPart } from '../../shared/compare';
import { metricDeltaText, metricValueText } from '../../shared/compare/compareText';
import { METRICS } from '../../shared/compare/metrics';
import { el, icon } from '../dom/elements';
import { prettyJson } from '../values/json';
import { emptyState, toolbar } from './common';

export interface ShownComparison {
  comparison: CallComparison;
  labels: { a: string; b: string };
}

/** The comparison from a message or saved state, if it has the shape the view reads; else undefined. */
export function normalizeComparison(value: unknown): ShownComparison | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { comparison, labels } = value as Partial<ShownComparison>;
  if (
    typeof comparison !== 'object' || comparison === null ||
    typeof comparison.metrics !== 'object' || comparison.metrics === null ||
    !Array.isArray(comparison.content) ||
    typeof labels?.a !== 'string' || typeof labels.b !== 'string'
  ) {
    return undefined;
  }
  return { comparison, labels };
}

export function renderCompareView(panel: HTMLElement, shown: ShownComparison | undefined): void {
  if (!shown) {
    panel.replaceChildren(emptyState('Select two calls in the History view and choose Compare Calls, or run Compare with Previous Run.'));
    return;
  }
  const { comparison, labels } = shown;
  panel.replaceChildren(
    toolbar(el('span', null, icon('git-compare'), ' ', el('span', { class: 'compare-side compare-a' }, labels.a), ' ↔ ', el('span', { class: 'compare-side compare-b' }, labels.b))),
    metricsTable(comparison, labels),
    el('h3', { class: 'compare-heading' }, 'Content'),
    contentDiff(comparison.content),
  );
}

function metricsTable(comparison: CallComparison, labels: { a: string; b: string }): HTMLElement {
  const rows = METRICS.map(({ name, label, unit }) => {
    const metric = comparison.metrics[name];
    if (!metric) {
      return null;
    }
    const delta = metricDeltaText(unit, metric);
    const direction = metric.delta === null ? (metric.changed ? 'changed' : 'same') : metric.delta > 0 ? 'up' : metric.delta < 0 ? 'down' : 'same';
    return el(
      'tr',
      { class: `compare-row ${metric.changed ? 'is-changed' : 'is-same'}`, attrs: { 'data-metric': name } },
      el('th', { attrs: { scope: 'row' } }, label),
      el('td', { class: 'compare-value' }, metricValueText(unit, metric.a)),
      el('td', { class: 'compare-value' }, metricValueText(unit, metric.b)),
      el('td', { class: `compare-delta delta-${direction}` }, delta),
    );
  });
  return el(
    'table',
    { class: 'compare-table', attrs: { 'aria-label': 'Metrics of the two calls' } },
    el('thead', null, el('tr', null, el('th', { attrs: { scope: 'col' } }, 'Metric'), el('th', { attrs: { scope: 'col', title: labels.a } }, 'A'), el('th', { attrs: { scope: 'col', title: labels.b } }, 'B'), el('th', { attrs: { scope: 'col' } }, 'B − A'))),
    el('tbody', null, ...rows),
  );
}

function contentDiff(blocks: readonly BlockDiff[]): HTMLElement {
  if (blocks.length === 0) {
    return emptyState('Neither call has content.');
  }
  const same = blocks.every((block) => block.change === 'same');
  return el('div', { class: 'compare-blocks' }, same ? el('p', { class: 'compare-note' }, icon('check'), ' The two answers have the same content.') : null, ...blocks.map(blockDiff));
}

const CHANGE_WORDS: Record<string, string> = { same: 'same', changed: 'changed', added: 'only in B', removed: 'only in A' };

function blockDiff(block: BlockDiff): HTMLElement {
  const head = el(
    'div',
    { class: 'compare-block-head' },
    el('code', null, `[${block.index}] ${block.type}`),
    block.kind === 'tool' ? el('span', { class: 'compare-tool-name' }, toolName(block.name)) : null,
    el('span', { class: `compare-change change-${block.change}` }, CHANGE_WORDS[block.change] ?? block.change),
  );
  let body: HTMLElement;
  switch (block.kind) {
    case 'text':
      body = el('div', { class: 'compare-text' }, ...block.parts.map(textPart));
      break;
    case 'tool':
      body = keysTable(block.keys);
      break;
    default:
      body = wholeBlock(block.a, block.b, block.change);
      break;
  }
  return el('section', { class: `compare-block block-change-${block.change}`, attrs: { 'aria-label': `Block ${block.index}, ${block.type}, ${CHANGE_WORDS[block.change] ?? block.change}` } }, head, body);
}

function textPart(part: TextPart): Node {
  if (part.change === 'added') {
    return el('ins', { class: 'diff-added', title: 'only in B' }, part.text);
  }
  if (part.change === 'removed') {
    return el('del', { class: 'diff-removed', title: 'only in A' }, part.text);
  }
  return document.createTextNode(part.text);
}

function toolName(name: { a?: string; b?: string }): Node {
  if (name.a !== undefined && name.b !== undefined && name.a !== name.b) {
    return el('span', null, el('del', { class: 'diff-removed' }, name.a), ' ', el('ins', { class: 'diff-added' }, name.b));
  }
  return document.createTextNode(name.a ?? name.b ?? '');
}

function keysTable(keys: readonly KeyDiff[]): HTMLElement {
  if (keys.length === 0) {
    return el('p', { class: 'compare-note' }, 'No input.');
  }
  const value = (v: unknown) => (v === undefined ? '' : prettyJson(v));
  return el(
    'table',
    { class: 'compare-keys', attrs: { 'aria-label': 'Tool input, key by key' } },
    el('thead', null, el('tr', null, el('th', { attrs: { scope: 'col' } }, 'Key'), el('th', { attrs: { scope: 'col' } }, 'A'), el('th', { attrs: { scope: 'col' } }, 'B'))),
    el(
      'tbody',
      null,
      ...keys.map((key) =>
        el(
          'tr',
          { class: `key-${key.change}` },
          el('th', { attrs: { scope: 'row' } }, el('code', null, key.key === '' ? '(input)' : key.key), ' ', el('span', { class: `compare-change change-${key.change}` }, CHANGE_WORDS[key.change] ?? key.change)),
          el('td', null, key.a === undefined ? null : el(key.change === 'same' ? 'pre' : 'del', { class: key.change === 'same' ? 'json' : 'json diff-removed' }, value(key.a))),
          el('td', null, key.b === undefined ? null : el(key.change === 'same' ? 'pre' : 'ins', { class: key.change === 'same' ? 'json' : 'json diff-added' }, value(key.b))),
        ),
      ),
    ),
  );
}

function wholeBlock(a: unknown, b: unknown, change: string): HTMLElement {
  if (change === 'same') {
    return el('pre', { class: 'json' }, prettyJson(b));
  }
  return el(
    'div',
    { class: 'compare-whole' },
    a === undefined ? null : el('del', { class: 'json diff-removed' }, prettyJson(a)),
    b === undefined ? null : el('ins', { class: 'json diff-added' }, prettyJson(b)),
  );
}
