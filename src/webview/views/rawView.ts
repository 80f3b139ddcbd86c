// The response as it came: the body of a plain answer (pretty-printed for reading; Copy gives the exact bytes),
// or the message accumulated from a stream.
import type { CallRecord } from '../../shared/callRecord';
import { button, el } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { prettyJson } from '../values/json';
import type { Host } from '../host/vscodeApi';
import { emptyState, toolbar } from './common';

/** `refresh` renders the view again: while a stream runs the view is a snapshot, refreshed on demand. */
export function renderRawView(panel: HTMLElement, record: CallRecord, running: boolean, host: Host, refresh: () => void): void {
  const body = record.response?.body;
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
