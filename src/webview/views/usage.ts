// Token usage, rendered from whatever the usage object holds (future fields still show), with friendly labels
// for the fields this version knows and the field's JSON path beside each.
import type { JsonObject } from '../../shared/callRecord';
import { el } from '../dom/elements';
import { formatCount } from '../../shared/format';
import { asNumber, describe, isObject } from '../values/json';

const LABELS: Record<string, string> = {
  input_tokens: 'Input tokens (not cached)',
  output_tokens: 'Output tokens',
  cache_creation_input_tokens: 'Cache write tokens',
  cache_read_input_tokens: 'Cache read tokens',
  cache_creation: 'Cache writes by lifetime',
  'cache_creation.ephemeral_5m_input_tokens': '5-minute cache',
  'cache_creation.ephemeral_1h_input_tokens': '1-hour cache',
  output_tokens_details: 'Output breakdown',
  'output_tokens_details.thinking_tokens': 'Thinking tokens (part of output)',
  server_tool_use: 'Server tool requests',
  'server_tool_use.web_search_requests': 'Web searches',
  'server_tool_use.web_fetch_requests': 'Web fetches',
  service_tier: 'Service tier',
  inference_geo: 'Inference region',
  speed: 'Speed',
};

function humanize(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueCell(value: unknown): HTMLElement {
  if (value === null) {
    return el('td', { class: 'usage-value null', title: 'null: not reported' }, 'null');
  }
  const number = asNumber(value);
  if (number !== undefined) {
    return el('td', { class: 'usage-value number' }, formatCount(number));
  }
  return el('td', { class: 'usage-value' }, describe(value) ?? '');
}

function rows(usage: JsonObject, prefix: string, depth: number): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const [key, value] of Object.entries(usage)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const label = LABELS[path] ?? humanize(key);
    const name = el('th', { class: `usage-label depth-${Math.min(depth, 3)}`, attrs: { scope: 'row' } }, label, ' ', el('code', { class: 'usage-path' }, path));
    if (isObject(value) && depth < 4) {
      out.push(el('tr', { class: 'usage-group' }, name, el('td', null)));
      out.push(...rows(value, path, depth + 1));
    } else {
      out.push(el('tr', null, name, valueCell(value)));
    }
  }
  return out;
}

export function renderUsage(usage: JsonObject): HTMLElement {
  const body = el('tbody', null, ...rows(usage, '', 0));
  const input = asNumber(usage.input_tokens) ?? 0;
  const write = asNumber(usage.cache_creation_input_tokens) ?? 0;
  const read = asNumber(usage.cache_read_input_tokens) ?? 0;
  if (write > 0 || read > 0) {
    body.append(
      el(
        'tr',
        { class: 'usage-derived' },
        el('th', { class: 'usage-label', attrs: { scope: 'row' } }, 'Total input, with cache ', el('span', { class: 'muted' }, '(computed)')),
        el('td', { class: 'usage-value number' }, formatCount(input + write + read)),
      ),
    );
  }
  return el(
    'section',
    { class: 'usage', attrs: { 'aria-label': 'Usage', 'data-testid': 'usage' } },
    el('h3', { class: 'section-title' }, 'Usage'),
    el('table', { class: 'usage-table' }, body),
  );
}
