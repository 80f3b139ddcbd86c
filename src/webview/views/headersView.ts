// The response headers, with the rate-limit headers summed up in a table: what is left, and when it resets.
import type { CallRecord } from '../../shared/callRecord';
import { append, button, el } from '../dom/elements';
import { formatMs } from '../../shared/format';
import type { Host } from '../host/vscodeApi';
import { emptyState, headerTable, headersAsText, toolbar } from './common';

const LIMITS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

function resetCell(value: string | undefined, responseAt: number | undefined): HTMLElement {
  if (value === undefined) {
    return el('td', { class: 'muted' }, '—');
  }
  const at = Date.parse(value);
  const relative =
    responseAt !== undefined && !Number.isNaN(at) ? ` (in ${formatMs(Math.max(0, at - responseAt))} from the response)` : '';
  return el('td', null, el('code', null, value), el('span', { class: 'muted' }, relative));
}

function rateLimits(headers: Record<string, string>, responseAt: number | undefined): HTMLElement | undefined {
  const rows: HTMLElement[] = [];
  for (const kind of LIMITS) {
    const limit = headers[`anthropic-ratelimit-${kind}-limit`];
    const remaining = headers[`anthropic-ratelimit-${kind}-remaining`];
    const reset = headers[`anthropic-ratelimit-${kind}-reset`];
    if (limit === undefined && remaining === undefined && reset === undefined) {
      continue;
    }
    const low = limit !== undefined && remaining !== undefined && Number(remaining) <= Number(limit) * 0.1;
    rows.push(
      el(
        'tr',
        { class: low ? 'low' : undefined },
        el('th', { attrs: { scope: 'row' } }, kind),
        el('td', { class: 'number' }, limit ?? '—'),
        el('td', { class: 'number' }, remaining ?? '—'),
        resetCell(reset, responseAt),
      ),
    );
  }
  const retryAfter = headers['retry-after'];
  if (rows.length === 0 && retryAfter === undefined) {
    return undefined;
  }
  return el(
    'section',
    { class: 'rate-limits' },
    el('h3', { class: 'section-title' }, 'Rate limits'),
    rows.length > 0
      ? el(
          'table',
          { class: 'rate-table' },
          el('thead', null, el('tr', null, el('th', null, ''), el('th', null, 'limit'), el('th', null, 'remaining'), el('th', null, 'reset'))),
          el('tbody', null, ...rows),
        )
      : null,
    retryAfter !== undefined ? el('div', { class: 'retry-after' }, 'retry-after: ', el('code', null, retryAfter), ` (seconds to wait before retrying)`) : null,
  );
}

export function renderHeadersView(panel: HTMLElement, record: CallRecord, host: Host): void {
  const response = record.response;
  if (!response) {
    panel.replaceChildren(emptyState('No response headers: nothing has come back.'));
    return;
  }
  const started = Date.parse(record.startedAt);
  const responseAt = Number.isNaN(started) ? undefined : started + (record.timing.headersMs ?? 0);
  panel.replaceChildren();
  append(
    panel,
    toolbar(
      el('span', null, `HTTP ${response.status} ${response.statusText}`),
      button({ label: 'Copy', icon: 'copy', onClick: () => host.post({ type: 'copy', what: 'headers', text: headersAsText(response.headers) }) }),
    ),
    rateLimits(response.headers, responseAt),
    el('h3', { class: 'section-title' }, 'Response headers'),
    headerTable(response.headers, 'Response headers'),
  );
}
