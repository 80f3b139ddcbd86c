// The server-sent events of a streamed call, each with its time since the start; consecutive deltas of a block
// are one row (count, characters, first and last time). Live: only the changed rows are touched.
import type { TimelineEntry } from '../../shared/callRecord';
import { el } from '../dom/elements';
import { formatChars, plural } from '../values/format';
import { formatCount, formatMs } from '../../shared/format';
import { entryName } from '../live/timelineFold';
import { asNumber, asObject, asString, describe, prettyJson } from '../values/json';
import { emptyState, toolbar } from './common';

function summary(entry: TimelineEntry): string {
  const data = asObject(entry.data);
  if (!data) {
    return typeof entry.data === 'string' ? entry.data.slice(0, 200) : '';
  }
  switch (entryName(entry)) {
    case 'message_start': {
      const message = asObject(data.message);
      const usage = asObject(message?.usage);
      return [asString(message?.id), asString(message?.model), usage ? `input_tokens ${describe(usage.input_tokens)}` : '']
        .filter(Boolean)
        .join(' · ');
    }
    case 'content_block_start': {
      const block = asObject(data.content_block);
      const name = asString(block?.name);
      return `#${describe(data.index)} ${asString(block?.type) ?? '?'}${name ? ` ${name}` : ''}`;
    }
    case 'content_block_delta': {
      const delta = asObject(data.delta);
      const count = entry.count ?? 1;
      return `#${describe(data.index)} ${asString(delta?.type) ?? '?'} × ${formatCount(count)} · ${formatChars(entry.chars ?? 0)}`;
    }
    case 'content_block_stop':
      return `#${describe(data.index)}`;
    case 'message_delta': {
      const delta = asObject(data.delta);
      const usage = asObject(data.usage);
      return [
        delta && 'stop_reason' in delta ? `stop_reason ${describe(delta.stop_reason)}` : '',
        usage && usage.output_tokens !== undefined ? `output_tokens ${describe(usage.output_tokens)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'error': {
      const error = asObject(data.error);
      return `${asString(error?.type) ?? 'error'}: ${asString(error?.message) ?? ''}`;
    }
    default:
      return '';
  }
}

function timeText(entry: TimelineEntry): string {
  const count = entry.count ?? 1;
  const last = asNumber(entry.lastMs);
  return count > 1 && last !== undefined && last !== entry.ms ? `${formatMs(entry.ms)} → ${formatMs(last)}` : formatMs(entry.ms);
}

function row(entry: TimelineEntry): HTMLElement {
  const name = entryName(entry);
  const collapsed = entry.count !== undefined;
  const details =
    !collapsed && asObject(entry.data) && name !== 'ping' && name !== 'content_block_stop' && name !== 'message_stop'
      ? el('details', { class: 'event-data' }, el('summary', null, 'data'), el('pre', { class: 'json' }, prettyJson(entry.data).slice(0, 20_000)))
      : null;
  return el(
    'tr',
    { class: `event event-${name.replace(/[^a-z_]/g, '')}${name === 'error' ? ' event-error' : ''}` },
    el('td', { class: 'event-time' }, timeText(entry)),
    el('td', { class: 'event-name' }, el('code', null, name)),
    el('td', { class: 'event-summary' }, summary(entry), details),
  );
}

export class TimelineView {
  private body: HTMLElement | undefined;
  private rendered = 0;
  private countLine: HTMLElement | undefined;

  constructor(readonly panel: HTMLElement) {}

  /** Renders all entries (on first show, or for a finished record). */
  render(entries: readonly TimelineEntry[], streamed: boolean, eventCount: number): void {
    if (!streamed) {
      this.body = undefined;
      this.panel.replaceChildren(emptyState('Not a streamed call: there are no events. Set "stream": true to see them.'));
      return;
    }
    this.body = el('tbody');
    this.countLine = el('span');
    this.rendered = 0;
    this.panel.replaceChildren(
      toolbar(this.countLine),
      el(
        'table',
        { class: 'timeline' },
        el('thead', null, el('tr', null, el('th', null, 'since start'), el('th', null, 'event'), el('th', null, 'details'))),
        this.body,
      ),
    );
    this.update(entries, 0, eventCount);
  }

  /** Entries from `firstChanged` on changed or are new; earlier rows stay as they are. */
  update(entries: readonly TimelineEntry[], firstChanged: number, eventCount: number): void {
    const body = this.body;
    if (!body) {
      return;
    }
    for (let i = Math.min(firstChanged, this.rendered); i < entries.length; i++) {
      const node = row(entries[i]);
      if (i < this.rendered) {
        body.children[i]?.replaceWith(node);
      } else {
        body.append(node);
        this.rendered++;
      }
    }
    if (this.countLine) {
      this.countLine.textContent = `${plural(eventCount, 'event')} in ${plural(entries.length, 'row')} (consecutive deltas of a block are one row)`;
    }
  }
}
