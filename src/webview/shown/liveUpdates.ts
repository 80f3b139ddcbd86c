// What the messages of the running call change as they come: an attempt (the request sent), its response headers,
// server-sent events (the answer as it grows, the timeline) and a retry's countdown. They only mark what is out of
// date; once a frame, `flush` redraws the header, the footer and a secondary view on screen that went stale.
import type { TimelineEvent } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import { applyAttempt, applyResponse } from '../live/callProgress';
import { MessageAccumulator } from '../live/messageAccumulator';
import type { Announcer } from '../views/announce';
import type { ResponseView } from '../views/responseView';
import type { Tabs } from '../views/tabs';
import type { TimelineView } from '../views/timelineView';
import type { HeaderSlot } from './headerSlot';
import type { ShownCall } from './shownCall';
import type { ViewSwitch } from './viewSwitch';

/** The messages about the running call, once the app knows they are about the one it shows. */
export type LiveMessage = Extract<HostMessage, { type: 'attempt' | 'response' | 'events' | 'retrying' }>;

export interface LiveParts {
  header: HeaderSlot;
  tabs: Tabs;
  response: ResponseView;
  timeline: TimelineView;
  views: ViewSwitch;
  announcer: Announcer;
}

export class LiveUpdates {
  private headerStale = false;
  private footerStale = false;

  constructor(private readonly parts: LiveParts) {}

  apply(shown: ShownCall, message: LiveMessage): void {
    const { header, views, announcer } = this.parts;
    const record = shown.record;
    switch (message.type) {
      case 'attempt': {
        applyAttempt(record, message.attempt, message.request);
        if (header.retry && message.attempt.number >= header.retry.attempt) {
          // The announced attempt has started: the countdown has done its job.
          header.retry = undefined;
        }
        views.markStale('request', 'code');
        this.headerStale = true;
        break;
      }
      case 'response': {
        applyResponse(record, message.attempt, message.response);
        views.markStale('headers', 'raw');
        this.headerStale = true;
        break;
      }
      case 'events':
        this.onEvents(shown, message.events);
        break;
      case 'retrying': {
        const wait = typeof message.waitMs === 'number' && Number.isFinite(message.waitMs) ? Math.max(0, message.waitMs) : 0;
        const attempt = typeof message.attempt === 'number' ? message.attempt : record.attempts.length + 1;
        header.retry = { callId: record.id, text: String(message.text ?? 'Retrying'), at: Date.now() + wait, attempt };
        announcer.say(String(message.text ?? 'Retrying'), false);
        this.headerStale = true;
        break;
      }
    }
  }

  /** The shown call was just drawn whole: nothing is waiting for the next frame. */
  drawn(): void {
    this.headerStale = false;
    this.footerStale = false;
  }

  /**
   * Per frame: the header and footer when they changed, and a secondary view on screen that went stale. The raw
   * view is not redone while a stream runs (it may be megabytes): it has a Refresh button instead.
   */
  flush(shown: ShownCall): void {
    const { header, tabs, response, views } = this.parts;
    if (this.headerStale) {
      this.headerStale = false;
      header.render(shown);
    }
    if (this.footerStale) {
      this.footerStale = false;
      response.renderFooter(shown.record, shown.running);
    }
    const selected = tabs.selected;
    if (selected !== 'response' && selected !== 'timeline' && views.isStale(selected) && !(selected === 'raw' && shown.running)) {
      views.render(selected);
    }
  }

  private onEvents(shown: ShownCall, events: readonly TimelineEvent[]): void {
    const { tabs, timeline, views, response } = this.parts;
    const { firstChanged } = shown.timeline.add(events);
    if (tabs.selected === 'timeline') {
      timeline.update(shown.timeline.entries, firstChanged, shown.timeline.eventCount);
    } else {
      views.markStale('timeline');
    }
    const accumulator = shown.accumulator ?? (shown.accumulator = new MessageAccumulator());
    for (const event of events) {
      const change = accumulator.apply(event.event, event.data, event.ms);
      if (change.kind === 'message' || change.kind === 'messageDelta') {
        shown.record.message = accumulator.message;
        this.headerStale = true;
        this.footerStale = true;
      } else if (change.kind === 'delta' && shown.record.timing.firstTokenMs === undefined && accumulator.firstDeltaMs !== undefined) {
        shown.record.timing = { ...shown.record.timing, firstTokenMs: accumulator.firstDeltaMs };
        this.headerStale = true;
      }
      response.apply(change);
    }
    shown.record.message ??= accumulator.message;
    views.markStale('raw');
  }
}
