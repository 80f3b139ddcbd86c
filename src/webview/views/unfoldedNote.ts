// Events that arrived but were not folded into the message (after message_stop, after a second message_start, ...):
// nothing that arrived is lost, so they are said under the message, each with its type and raw data on request.
// Event data is untrusted: it goes in as text only.
import type { CallRecord, UnfoldedEvent } from '../../shared/callRecord';
import { el, icon } from '../dom/elements';
import { plural } from '../values/format';
import { prettyJson } from '../values/json';

/** The distinct reasons, in the order first seen, so that ten events after message_stop say it once. */
function reasons(events: readonly UnfoldedEvent[]): string {
  return [...new Set(events.map((e) => String(e.why)))].join('; ');
}

function eventBlock(event: UnfoldedEvent): HTMLElement {
  const raw = typeof event.data === 'string' ? event.data : prettyJson(event.data);
  return el(
    'details',
    { class: 'event-data', attrs: { 'data-testid': 'unfolded-event' } },
    el('summary', null, `event ${event.index} `, el('code', null, String(event.event)), ` — ${String(event.why)}`),
    el('pre', { class: 'json' }, raw.slice(0, 20_000)),
  );
}

/** The note, or nothing when every event that arrived was folded into the message. */
export function renderUnfolded(record: CallRecord): HTMLElement | null {
  const events = record.unfoldedEvents ?? [];
  if (events.length === 0) {
    return null;
  }
  return el(
    'div',
    { class: 'incomplete-banner unfolded-note', role: 'note', attrs: { 'data-testid': 'unfolded' } },
    icon('warning'),
    ' ',
    el('strong', null, `${plural(events.length, 'event')} arrived but ${events.length === 1 ? 'was' : 'were'} not folded into the message`),
    ` (${reasons(events)}). The message above is shown without ${events.length === 1 ? 'it' : 'them'}; the Timeline lists every event.`,
    ...events.map(eventBlock),
  );
}
