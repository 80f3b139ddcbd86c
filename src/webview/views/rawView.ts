// The response as it came: the body of a plain answer (pretty-printed for reading; Copy gives the exact bytes),
// or the message accumulated from a stream.
// A big answer's raw body is not posted with its record (the host's bodyOnce.ts): opening this view asks the host for
// it (`rawBody`), says "Loading…" meanwhile, and says so when the host no longer keeps the call.
import type { CallRecord } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import { button, el } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { prettyJson } from '../values/json';
import type { Host } from '../host/vscodeApi';
import { emptyState, toolbar } from './common';

/** The raw body the host sent for the call last asked about: one call at a time (the shown one). */
let fetched: { callId: string; body?: string; gone?: boolean; refresh: () => void } | undefined;

/** The host's answer to `rawBody`: kept for the call asked about, and the view drawn again with it. */
export function receiveRawBody(message: Extract<HostMessage, { type: 'rawBody' }>): void {
  if (!fetched || fetched.callId !== message.callId) {
    return;
  }
  fetched = typeof message.body === 'string' ? { ...fetched, body: message.body } : { ...fetched, gone: true };
  fetched.refresh();
}

/** A finished answer that was not streamed, with its message but not its body: the host left the (big) body out. */
function bodyLeftOut(record: CallRecord, running: boolean): boolean {
  return !running && !record.streamed && record.message !== undefined && record.response !== undefined && record.response.body === undefined;
}

/** `refresh` renders the view again: while a stream runs the view is a snapshot, refreshed on demand. */
export function renderRawView(panel: HTMLElement, record: CallRecord, running: boolean, host: Host, refresh: () => void): void {
  let body = record.response?.body;
  if (bodyLeftOut(record, running)) {
    if (fetched?.callId !== record.id) {
      fetched = { callId: record.id, refresh };
      host.post({ type: 'rawBody', callId: record.id });
    }
    fetched.refresh = refresh;
    if (fetched.gone) {
      panel.replaceChildren(emptyState('The raw response body could not be loaded: the call is no longer kept. Send the request again to see it.'));
      return;
    }
    if (fetched.body === undefined) {
      panel.replaceChildren(emptyState('Loading the raw response body…'));
      return;
    }
    body = fetched.body;
  }
  let shown: string;
  let copyText: string;
  let note: string;
  if (body !== undefined && !(record.streamed && record.message)) {
    copyText = body;
    try {
      shown = JSON.stringify(JSON.parse(body), null, 2);
      note = 'Response body as received, pretty-printed (Copy copies it byte for byte).';
    } catch {
      shown = body;
      note = 'Response body as received (not JSON).';
    }
  } else if (record.message) {
    shown = prettyJson(record.message);
    copyText = shown;
    note = running
      ? `The message accumulated from the stream as of ${new Date().toLocaleTimeString()} (Refresh for more; complete when the call finishes).`
      : `The message accumulated from the stream${record.incomplete ? ' (incomplete: the stream broke)' : ''}; the events themselves are in the Timeline.`;
  } else {
    panel.replaceChildren(emptyState(running ? 'Nothing has come back yet.' : 'No response body was received.'));
    return;
  }
  const content = el('pre', { class: 'json raw-json' });
  panel.replaceChildren(
    toolbar(
      note,
      running ? button({ label: 'Refresh', icon: 'refresh', onClick: refresh }) : null,
      button({ label: 'Copy', icon: 'copy', onClick: () => host.post({ type: 'copy', what: 'response', text: copyText }) }),
    ),
    content,
  );
  fillLongText(content, shown);
}
