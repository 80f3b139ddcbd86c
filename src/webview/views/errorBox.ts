// What went wrong with a call, worded by kind, with the request-id to quote and what to do about it.
import type { CallError, CallRecord } from '../../shared/callRecord';
import { button, el, icon, type Child } from '../dom/elements';
import type { Host } from '../host/vscodeApi';

const TITLES: Record<CallError['kind'], string> = {
  api: 'The API returned an error',
  network: 'Network error: no answer from the server',
  timeout: 'Timed out waiting for the server',
  cancelled: 'Cancelled',
  client: 'Not sent: refused before sending',
  'unexpected-response': 'The server answered, but not with what was asked for',
};

/** The user pressed Cancel: not an error, so not styled or announced as one. */
function renderCancelled(error: CallError, record: CallRecord): HTMLElement {
  const kept = record.incomplete || (Array.isArray(record.message?.content) && record.message.content.length > 0);
  return el(
    'div',
    { class: 'cancelled-note', role: 'status', attrs: { 'data-testid': 'cancelled' } },
    el('div', { class: 'cancelled-title' }, icon('circle-slash'), ' Cancelled: you stopped this call.'),
    el('div', { class: 'muted' }, kept ? 'What arrived before is kept below, as it came.' : 'Nothing had arrived yet.', error.message ? ` (${error.message})` : ''),
  );
}

export function renderError(error: CallError, record: CallRecord, host: Host): HTMLElement {
  if (error.kind === 'cancelled') {
    return renderCancelled(error, record);
  }
  const status = error.status ?? record.response?.status;
  const title: Child[] = [icon('error'), ' '];
  if (error.kind === 'api' && error.midStream) {
    // The HTTP status was a success; the error came as an event inside the stream.
    title.push('The stream broke with an error', error.type ? ': ' : '', error.type ? el('span', { class: 'error-status' }, error.type) : null);
  } else {
    title.push(TITLES[error.kind] ?? 'Error');
  }
  if (error.kind === 'api' && !error.midStream && (status !== undefined || error.type)) {
    title.push(': ', el('span', { class: 'error-status' }, [status !== undefined ? `HTTP ${status}` : '', error.type ?? ''].filter(Boolean).join(' · ')));
  }
  const rows: Child[] = [];
  const add = (label: string, ...value: Child[]): void => {
    rows.push(el('dt', null, label), el('dd', null, ...value));
  };
  if (status !== undefined) {
    add('status', String(status), record.response?.statusText ? ` ${record.response.statusText}` : '');
  }
  if (error.type) {
    add('type', el('code', null, error.type));
  }
  const requestId = error.requestId ?? record.requestId;
  if (requestId) {
    add(
      'request-id',
      el('code', { class: 'request-id' }, requestId),
      ' ',
      button({ label: 'Copy request-id', icon: 'copy', iconOnly: true, onClick: () => host.post({ type: 'copy', what: 'requestId', text: requestId }) }),
    );
  }
  if (error.url) {
    add('url', el('code', null, error.url));
  }
  if (error.cause) {
    add('cause', el('code', null, error.cause));
  }
  const box = el(
    'div',
    { class: `error-box kind-${error.kind}`, role: 'alert', attrs: { 'data-testid': 'error' } },
    el('div', { class: 'error-title' }, ...title),
    el('div', { class: 'error-message' }, error.message),
    rows.length > 0 ? el('dl', { class: 'kv' }, ...rows) : null,
  );
  if (error.midStream) {
    box.append(el('div', { class: 'error-note' }, icon('warning'), ' The error arrived inside the stream after the answer had started: what came before it is shown, and is incomplete.'));
  }
  if (error.hint) {
    box.append(el('div', { class: 'error-hint' }, icon('lightbulb'), ' ', error.hint));
  }
  if (status === 401 || error.type === 'authentication_error') {
    box.append(
      el(
        'div',
        { class: 'error-actions' },
        button({ label: 'Set API Key', icon: 'key', class: 'btn-primary', onClick: () => host.post({ type: 'setApiKey' }) }),
      ),
    );
  }
  return box;
}

/** The banner over a partial answer. */
export function renderIncomplete(record: CallRecord): HTMLElement {
  const reason =
    record.error?.kind === 'cancelled'
      ? ' You cancelled the call before the message was complete.'
      : record.error
        ? ' The stream ended with an error (below).'
        : ' The stream ended before the message was complete.';
  return el(
    'div',
    // A Cancel is the user's own doing: said, not alerted.
    { class: 'incomplete-banner', role: record.error?.kind === 'cancelled' ? 'status' : 'alert' },
    icon('warning'),
    ' ',
    el('strong', null, 'Incomplete answer.'),
    reason,
    ' What arrived is shown as it came.',
  );
}
