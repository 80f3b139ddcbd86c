// What was sent: the effective request body (the file with defaults applied) and the headers that went out, with
// the API key shown as $ANTHROPIC_API_KEY.
import type { CallRecord } from '../../shared/callRecord';
import { append, button, el } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { prettyJson } from '../values/json';
import type { Host } from '../host/vscodeApi';
import { emptyState, headerTable, toolbar } from './common';
import { bodyAtHand } from './requestBody';

export function renderRequestView(panel: HTMLElement, record: CallRecord, host: Host): void {
  if (!bodyAtHand(panel, record, host, 'request body')) {
    return;
  }
  const json = requestJson(record);
  const target = record.request ? `${record.request.method} ${record.request.url}` : `POST ${record.baseUrl.replace(/\/$/, '')}/v1/messages`;
  const body = el('pre', { class: 'json request-json' });
  panel.replaceChildren();
  append(
    panel,
    toolbar(
      el('span', null, 'Effective request · ', el('code', null, target)),
      button({ label: 'Copy', icon: 'copy', onClick: () => host.post({ type: 'copy', what: 'request', text: json }) }),
    ),
    record.defaultsApplied.length > 0
      ? el('div', { class: 'note' }, 'Filled in from settings: ', ...record.defaultsApplied.flatMap((name, i) => [i > 0 ? ', ' : '', el('code', null, name)]))
      : null,
    body,
    el('h3', { class: 'section-title' }, 'Headers sent'),
    record.request
      ? headerTable(record.request.headers, 'Request headers')
      : emptyState('No request has gone out yet.'),
    addedHeaders(record),
  );
  fillLongText(body, json);
}

/**
 * The body as it went out, pretty-printed; before it has gone out, the effective request. A big call's effective
 * request reaches the panel trimmed to its small fields: its body comes once, as sent, and is read from there.
 */
function requestJson(record: CallRecord): string {
  const sent = record.request?.body;
  if (sent) {
    try {
      return prettyJson(JSON.parse(sent));
    } catch {
      return sent;
    }
  }
  return prettyJson(record.effectiveRequest);
}

/** The headers Node's HTTP client added below the SDK (host, content-length, connection…): they went out too. */
function addedHeaders(record: CallRecord): HTMLElement | null {
  const added = record.request?.addedHeaders;
  if (!added || typeof added !== 'object' || Object.keys(added).length === 0) {
    return null;
  }
  return el(
    'section',
    { class: 'added-headers', attrs: { 'data-testid': 'added-headers' } },
    el('h3', { class: 'section-title' }, 'Added by the HTTP client'),
    el('div', { class: 'note' }, "Not set by the SDK: Node's fetch wrote these on the wire below it. curl adds its own instead."),
    headerTable(added, 'Headers added by the HTTP client'),
  );
}
