// The call at a glance: status, model, ids, timing, where it went (highlighted when it is not the official API),
// streamed or not, retries, and which fields came from settings.
import type { Attempt, CallRecord, JsonObject } from '../../shared/callRecord';
import { stopReasonMeaning } from '../../shared/stopReasons';
import { button, el, icon, type Child } from '../dom/elements';
import { plural } from '../values/format';
import { dateTimeText, formatCount, formatMs, localTimeText } from '../../shared/format';
import { isOfficialBaseUrl } from '../links/urls';
import { asNumber, asObject, asString, describe } from '../values/json';
import type { Host } from '../host/vscodeApi';

export interface HeaderState {
  running: boolean;
  /** The details fold (ids, attempts, base URL, defaults, source) is open. */
  detailsOpen: boolean;
  onDetailsToggle(open: boolean): void;
  /** A retry is announced: its text, and when the next attempt should start (Date.now() time). */
  retry?: { text: string; at: number };
  /** Opened from the History view: an earlier call, maybe not the last one; said beside the status. */
  fromHistory?: boolean;
}

function statusChip(record: CallRecord, running: boolean, retrying: boolean): HTMLElement {
  const status = record.response?.status;
  const statusText = status !== undefined ? `${status}${record.response?.statusText ? ` ${record.response.statusText}` : ''}` : '';
  if (running && retrying) {
    return el('span', { class: 'status-chip running' }, icon('sync'), ' Waiting to retry…');
  }
  if (running) {
    const attempt = record.attempts.length;
    const sending = attempt > 1 ? `Retrying (attempt ${attempt})…` : 'Sending…';
    const text = status === undefined ? sending : `${statusText} · ${record.streamed ? 'streaming…' : 'receiving…'}`;
    return el('span', { class: 'status-chip running' }, icon('loading', 'codicon-modifier-spin'), ` ${text}`);
  }
  const error = record.error;
  if (error) {
    const label: Record<string, string> = {
      api: error.midStream
        ? `${error.type ?? 'error'} in the stream`
        : status !== undefined
          ? `HTTP ${status}${error.type ? ` ${error.type}` : ''}`
          : `Error${error.type ? ` ${error.type}` : ''}`,
      network: 'Network error',
      timeout: 'Timed out',
      cancelled: 'Cancelled',
      client: 'Not sent',
    };
    return el(
      'span',
      { class: `status-chip ${error.kind === 'cancelled' ? 'cancelled' : 'error'}` },
      icon(error.kind === 'cancelled' ? 'circle-slash' : 'error'),
      ` ${label[error.kind] ?? 'Error'}${record.incomplete ? ' · incomplete' : ''}`,
    );
  }
  if (record.incomplete) {
    return el('span', { class: 'status-chip warning' }, icon('warning'), ` ${statusText} · incomplete`);
  }
  return el('span', { class: 'status-chip ok' }, icon('pass'), ` ${statusText || 'Done'}`);
}

function attemptText(attempt: Attempt): string {
  const parts = [`#${attempt.number}`];
  if (attempt.status !== undefined) {
    parts.push(String(attempt.status));
  } else if (attempt.networkError) {
    parts.push(`network error (${attempt.networkError})`);
  } else {
    parts.push('pending');
  }
  if (attempt.errorType) {
    parts.push(attempt.errorType);
  }
  if (attempt.retryAfterMs !== undefined) {
    parts.push(`server asked to wait ${formatMs(attempt.retryAfterMs)}`);
  }
  return parts.join(' ');
}

function attempts(record: CallRecord): Child {
  const list = record.attempts;
  if (list.length === 0) {
    return el('span', { class: 'muted' }, 'none yet');
  }
  if (list.length === 1 && (list[0].status ?? 0) < 400 && !list[0].networkError) {
    return el('span', null, '1 ', el('span', { class: 'muted' }, '(no retries)'));
  }
  return el(
    'span',
    { class: 'attempts' },
    `${list.length} (${plural(list.length - 1, 'retry', 'retries')}): `,
    ...list.flatMap((attempt, i) => [
      i > 0 ? el('span', { class: 'muted' }, ' → ') : null,
      el('span', { class: (attempt.status ?? 0) >= 400 || attempt.networkError ? 'attempt failed' : 'attempt' }, attemptText(attempt)),
    ]),
  );
}

function timing(record: CallRecord, running: boolean): Child[] {
  const parts: Child[] = [];
  const { headersMs, firstTokenMs, totalMs } = record.timing;
  // Unknown: "…" while it may still come, "—" once the call is over.
  const item = (label: string, ms: number | undefined): Child =>
    el('span', { class: 'timing-item' }, el('span', { class: 'muted' }, `${label} `), ms !== undefined ? formatMs(ms) : running ? '…' : '—');
  parts.push(item('headers', headersMs));
  if (record.streamed) {
    parts.push(' · ', item('first token', firstTokenMs));
  }
  parts.push(' · ', item('total', running ? undefined : totalMs));
  return parts;
}

/** The name a user knows the document by: the editor's title ("Untitled-1"), else the file's base name. */
export function sourceName(record: CallRecord): { name: string; path?: string } | undefined {
  const from = asObject(record.source) ?? {};
  const path = asString(from.path) ?? asString(from.document);
  const title = asString(from.title);
  if (title) {
    return { name: title, path };
  }
  if (!path) {
    return undefined;
  }
  // "untitled:Untitled-1" (a URI of a never-saved document) reads as its name too.
  const base = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path;
  return { name: base.replace(/^untitled:/, ''), path };
}

function source(record: CallRecord): Child[] {
  const kind = asString(asObject(record.source)?.kind);
  const named = sourceName(record);
  const what = kind === 'file' ? 'request file' : kind === 'selection' ? 'selection' : kind === 'cli' ? 'command line' : (kind ?? 'unknown');
  if (!named) {
    return [what];
  }
  return [`${what}${kind === 'selection' ? ' in' : ''} `, el('span', { class: 'source-name', title: named.path }, named.name)];
}

/** The stop reason in one line; a warning stands out here too, so nobody misses a cut-off answer. */
function stopSummary(message: JsonObject): Child {
  if (!('stop_reason' in message) || message.stop_reason === null) {
    return null;
  }
  const reason = asString(message.stop_reason) ?? describe(message.stop_reason) ?? '';
  const meaning = stopReasonMeaning(reason);
  return el(
    'span',
    { class: `stop-summary severity-${meaning.severity}` },
    meaning.severity === 'info' ? null : icon(meaning.severity === 'error' ? 'error' : 'warning'),
    meaning.severity === 'info' ? null : ' ',
    el('code', null, reason),
    el('span', { class: 'muted' }, ` ${meaning.title}`),
  );
}

function tokenSummary(message: JsonObject): Child {
  const usage = asObject(message.usage);
  if (!usage) {
    return null;
  }
  const part = (label: string, value: unknown): string | null => (asNumber(value) !== undefined ? `${formatCount(asNumber(value) ?? 0)} ${label}` : null);
  const parts = [
    part('in', usage.input_tokens),
    part('cache read', usage.cache_read_input_tokens || undefined),
    part('cache write', usage.cache_creation_input_tokens || undefined),
    part('out', usage.output_tokens),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? el('span', null, parts.join(' · '), el('span', { class: 'muted' }, ' (usage below)')) : null;
}

function retryNote(retry: { text: string; at: number }): HTMLElement {
  const left = el('span', { class: 'retry-countdown', attrs: { 'aria-hidden': 'true' } });
  const tick = (): void => {
    const ms = retry.at - Date.now();
    left.textContent = ms > 0 ? ` · next attempt in ${Math.ceil(ms / 1000)} s` : ' · next attempt starting…';
  };
  tick();
  const note = el('div', { class: 'retry-note', role: 'status', attrs: { 'data-testid': 'retrying' } }, icon('sync'), ' ', el('span', { class: 'retry-text' }, retry.text), left);
  // The countdown runs while the note is on the page; the header is redrawn when the next attempt starts.
  const timer = setInterval(() => {
    if (!note.isConnected) {
      clearInterval(timer);
      return;
    }
    tick();
  }, 250);
  return note;
}

/** "from history · 05:20:21": the call was opened from the History view, in History's own time of it. */
function fromHistoryMark(record: CallRecord): HTMLElement {
  const started = localTimeText(record.startedAt);
  return el(
    'span',
    { class: 'mode from-history-mark', title: `Opened from the History view: the call of ${started}, not necessarily the last one sent.`, attrs: { 'data-testid': 'from-history' } },
    icon('history'),
    ` from history · ${started}`,
  );
}

export function renderHeader(record: CallRecord, state: HeaderState, host: Host): HTMLElement {
  const message = asObject(record.message) ?? {};
  const requested = asString(record.effectiveRequest.model);
  const model = asString(message.model) ?? requested ?? '(no model)';
  const official = isOfficialBaseUrl(record.baseUrl);
  const requestId = record.requestId ?? record.response?.headers['request-id'];
  const named = sourceName(record);
  const top = el(
    'div',
    { class: 'header-top' },
    statusChip(record, state.running, state.retry !== undefined),
    el('span', { class: 'model', title: `model ${model}` }, icon('sparkle'), ' ', el('code', null, model)),
    requested && requested !== model ? el('span', { class: 'muted requested' }, ` (requested ${requested})`) : null,
    el('span', { class: 'mode' }, record.streamed ? 'streamed' : 'not streamed'),
    state.fromHistory ? fromHistoryMark(record) : null,
    named ? el('span', { class: 'from muted', title: named.path }, 'from ', el('span', { class: 'source-name' }, named.name)) : null,
    official
      ? null
      : el(
          'span',
          { class: 'unofficial-chip', title: `${record.baseUrl}: answers from here may come from a stand-in or a proxy, not from Claude directly.` },
          icon('warning'),
          ' not api.anthropic.com',
        ),
    el('span', { class: 'spacer' }),
    state.running
      ? button({ label: 'Cancel', icon: 'debug-stop', class: 'btn-secondary', onClick: () => host.post({ type: 'cancel', callId: record.id }) })
      : null,
  );
  // One line of what matters on every call: timing, tokens, why it stopped.
  const summary: Child[] = [...timing(record, state.running)];
  const tokens = tokenSummary(message);
  if (tokens) {
    summary.push(' · ', tokens);
  }
  const stop = stopSummary(message);
  if (stop) {
    summary.push(' · ', stop);
  }
  const rows: Child[] = [];
  /** A label/value pair; on wide panels pairs sit two to a row, except those that need the whole width. */
  const add = (label: string, className: string, ...value: Child[]): void => {
    const wide = ['base-url', 'attempts-row', 'source'].some((name) => className.split(' ').includes(name));
    rows.push(el('div', { class: `kv-item${wide ? ' wide' : ''}` }, el('dt', { class: className }, label), el('dd', { class: className }, ...value)));
  };
  add(
    'Base URL',
    official ? 'base-url' : 'base-url unofficial',
    el('code', null, record.baseUrl),
    official
      ? null
      : el(
          'span',
          { class: 'unofficial-note', title: 'Answers from here may come from a stand-in or a proxy, not from Claude directly.' },
          icon('warning'),
          ' not api.anthropic.com: a stand-in or proxy',
        ),
  );
  add('Message id', 'message-id', asString(message.id) ? el('code', null, asString(message.id) ?? '') : el('span', { class: 'muted' }, '—'));
  add(
    'Request id',
    'request-id-row',
    requestId ? el('code', { class: 'request-id' }, requestId) : el('span', { class: 'muted' }, '—'),
    requestId
      ? button({ label: 'Copy request-id', icon: 'copy', iconOnly: true, onClick: () => host.post({ type: 'copy', what: 'requestId', text: requestId }) })
      : null,
  );
  add('HTTP status', 'http-status', record.response ? `${record.response.status} ${record.response.statusText}` : el('span', { class: 'muted' }, '—'));
  add('Attempts', 'attempts-row', attempts(record));
  add(
    'From settings',
    'defaults',
    record.defaultsApplied.length > 0
      ? el('span', null, ...record.defaultsApplied.flatMap((name, i) => [i > 0 ? ', ' : null, el('code', null, name)]))
      : el('span', { class: 'muted' }, 'nothing (every field came from the request)'),
  );
  add('Source', 'source', ...source(record), el('span', { class: 'muted' }, ` · started ${dateTimeText(record.startedAt)}`));
  const retries = record.attempts.length > 1 ? ` · ${plural(record.attempts.length - 1, 'retry', 'retries')}` : '';
  const details = el(
    'details',
    { class: 'call-details', attrs: { 'data-testid': 'call-details' } },
    el(
      'summary',
      null,
      'Details',
      el('span', { class: 'muted' }, ` request-id, attempts${retries}, base URL, settings used, source`),
    ),
    el('dl', { class: 'header-grid' }, ...rows),
  );
  details.open = state.detailsOpen;
  details.addEventListener('toggle', () => state.onDetailsToggle(details.open));
  return el(
    'header',
    { class: 'call-header', attrs: { 'data-testid': 'call-header' } },
    top,
    state.retry && state.running ? retryNote(state.retry) : null,
    el('div', { class: 'header-summary' }, ...summary),
    details,
  );
}
