// How a comparison reads, the same in every face: a metric's value and its delta ("+120 ms (+15%)"), and, for a
// terminal, the whole comparison as lines with git's word-diff marks ([-removed-]{+added+}).
import { formatCount, wholeMsText } from '../format';
import { formatUsd } from '../cost';
import type { CallComparison } from './index';
import type { BlockDiff, KeyDiff } from './content';
import { METRICS, type MetricDelta } from './metrics';

type Unit = (typeof METRICS)[number]['unit'];

/** One side's value: "claude-haiku-5-5", "1,204 ms", "3,100 tokens", "$0.0042"; "—" when the call has none. */
export function metricValueText(unit: Unit, value: string | number | null): string {
  if (value === null) {
    return '—';
  }
  if (typeof value === 'string') {
    return value;
  }
  switch (unit) {
    case 'ms':
      return wholeMsText(value);
    case 'tokens':
      return `${formatCount(value)} ${value === 1 ? 'token' : 'tokens'}`;
    case 'usd':
      return formatUsd(value);
    default:
      return String(value);
  }
}

/** B against A: "+120 ms (+15%)", "−40 tokens (−8%)", "same", "changed", or "" when one side has no value. */
export function metricDeltaText(unit: Unit, metric: MetricDelta): string {
  if (metric.delta === null) {
    if (!metric.changed) {
      return 'same';
    }
    return typeof metric.a === 'string' && typeof metric.b === 'string' ? 'changed' : '';
  }
  if (metric.delta === 0) {
    return 'same';
  }
  const sign = metric.delta > 0 ? '+' : '−';
  const size = Math.abs(metric.delta);
  const amount =
    unit === 'usd' ? formatUsd(size) : unit === 'ms' ? wholeMsText(size) : formatCount(size);
  const base = typeof metric.a === 'number' ? metric.a : 0;
  const percent = base !== 0 ? ` (${sign}${formatCount(Math.round((size / Math.abs(base)) * 100))}%)` : '';
  return `${sign}${amount}${percent}`;
}

/** The comparison for a terminal: a metrics table, then each block with its changes marked. */
export function comparisonLines(comparison: CallComparison): string[] {
  const lines = [`A ${comparison.a.id}  ${comparison.a.startedAt}`, `B ${comparison.b.id}  ${comparison.b.startedAt}`, ''];
  const rows = METRICS.map(({ name, label, unit }) => {
    const metric = comparison.metrics[name];
    return [label, metricValueText(unit, metric.a), metricValueText(unit, metric.b), metricDeltaText(unit, metric)];
  });
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    lines.push(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  ').trimEnd());
  }
  lines.push('');
  if (comparison.content.length === 0) {
    lines.push('Neither call has content.');
  }
  for (const block of comparison.content) {
    lines.push(...blockLines(block));
  }
  return lines;
}

function blockLines(block: BlockDiff): string[] {
  const head = `[${block.index}] ${block.type}${block.change === 'same' ? ' (same)' : ` (${block.change})`}`;
  switch (block.kind) {
    case 'text':
      return [head, block.parts.map(markPart).join(''), ''];
    case 'tool': {
      const name = block.name.a === block.name.b || block.name.a === undefined || block.name.b === undefined
        ? (block.name.a ?? block.name.b ?? '')
        : `[-${block.name.a}-]{+${block.name.b}+}`;
      return [`${head} ${name}`, ...block.keys.map(keyLine), ''];
    }
    default:
      return [
        head,
        ...(block.a !== undefined && block.change !== 'same' ? [`  - ${JSON.stringify(block.a)}`] : []),
        ...(block.b !== undefined ? [`  ${block.change === 'same' ? ' ' : '+'} ${JSON.stringify(block.b)}`] : []),
        '',
      ];
  }
}

function markPart(part: { text: string; change: string }): string {
  return part.change === 'added' ? `{+${part.text}+}` : part.change === 'removed' ? `[-${part.text}-]` : part.text;
}

function keyLine(key: KeyDiff): string {
  const name = key.key === '' ? '(input)' : key.key;
  switch (key.change) {
    case 'same':
      return `    ${name}: ${JSON.stringify(key.a)}`;
    case 'added':
      return `  + ${name}: ${JSON.stringify(key.b)}`;
    case 'removed':
      return `  - ${name}: ${JSON.stringify(key.a)}`;
    default:
      return `  ~ ${name}: ${JSON.stringify(key.a)} → ${JSON.stringify(key.b)}`;
  }
}
