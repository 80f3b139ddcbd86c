// The panel program: which call is shown, what each host message changes, and what is kept for a reload. It is the
// one place that decides the order of those changes (about 370 lines): the views, the refusal note and the record
// updates it calls live in views/ and live/.
import type { CallRecord, TimelineEvent } from '../shared/callRecord';
import type { HostMessage, PanelState } from '../shared/protocol';
import { el, icon } from './dom/elements';
import { applyAttempt, applyResponse } from './live/callProgress';
import { MessageAccumulator } from './live/messageAccumulator';
import { normalizeRecord, normalizeRefusal } from './host/record';
import { requestFlush, type Flushable } from './dom/schedule';
import { TimelineFold } from './live/timelineFold';
import { Announcer } from './views/announce';
import { CodeView } from './views/codeView';
import { renderHeader } from './views/header';
import { renderHeadersView } from './views/headersView';
import { renderRawView } from './views/rawView';
import { RefusedNote } from './views/refusedNote';
import { renderRequestView } from './views/requestView';
import { ResponseView } from './views/responseView';
import { Tabs, type TabSpec } from './views/tabs';
import { TimelineView } from './views/timelineView';
import type { Host } from './host/vscodeApi';

export const VIEWS: readonly TabSpec[] = [
  { id: 'response', label: 'Response', icon: 'comment-discussion' },
  { id: 'raw', label: 'Raw response', icon: 'json' },
  { id: 'request', label: 'Request', icon: 'arrow-up' },
  { id: 'headers', label: 'Headers', icon: 'list-flat' },
  { id: 'timeline', label: 'Timeline', icon: 'pulse' },
  { id: 'code', label: 'Code', icon: 'code' },
];

interface ShownCall {
  record: CallRecord;
  running: boolean;
  accumulator: MessageAccumulator | undefined;
  timeline: TimelineFold;
}

export class App implements Flushable {
  private shown: ShownCall | undefined;
  /** The last finished record, which is what a reload brings back. */
  private finished: CallRecord | undefined;
  /** Calls replaced by a newer one: their late messages are dropped. */
  private readonly superseded = new Set<string>();
  private readonly headerSlot: HTMLElement;
  private readonly tabs: Tabs;
  private readonly response: ResponseView;
  private readonly timeline: TimelineView;
  private readonly announcer = new Announcer();
  /** Secondary views whose content is out of date; rendered when shown. */
  private readonly stale = new Set<string>();
  private headerStale = false;
  private footerStale = false;
  /** The header's details fold: closed by default (a compact header), kept as the user leaves it. */
  private detailsOpen = false;
  /** A retry announced for the running call, until its next attempt starts. */
  private retry: { callId: string; text: string; at: number; attempt: number } | undefined;
  /** The last send was refused: the panel says so, and an older call is only shown on request. */
  private readonly refused: RefusedNote;
  private readonly code: CodeView;

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    this.headerSlot = el('div', { class: 'header-slot' });
    this.tabs = new Tabs(VIEWS, 'response');
    this.response = new ResponseView(this.tabs.panel('response'), host);
    this.timeline = new TimelineView(this.tabs.panel('timeline'));
    this.code = new CodeView(host, () => this.saveState());
    this.tabs.onSelect = (id) => {
      this.renderView(id);
      this.saveState();
    };
    const callArea = el(
      'div',
      { class: 'call-area', id: 'call-area' },
      this.headerSlot,
      this.tabs.list,
      el('div', { class: 'panels' }, ...this.tabs.panels.values()),
    );
    this.refused = new RefusedNote(root, callArea, () => this.shown !== undefined);
    root.replaceChildren(this.refused.element, callArea, this.announcer.element);
    root.classList.add('empty');
    this.headerSlot.append(
      el('div', { class: 'welcome' }, icon('comment-discussion'), ' No call yet. Run ', el('strong', null, 'Claude: Send Request File'), ' or ', el('strong', null, 'Claude: Send Selection'), '.'),
    );
    root.addEventListener('click', (event) => this.onCodeCopy(event));
  }

  /** Brings back what a reload saved: the last record, shown at once, and the chosen view. */
  restore(state: PanelState | undefined): void {
    if (!state) {
      return;
    }
    this.detailsOpen = state.detailsOpen === true;
    this.code.language = state.codeLanguage;
    const record = normalizeRecord(state.record);
    if (record) {
      this.showFinished(record, false);
    }
    if (typeof state.view === 'string') {
      // The curl view grew into the Code view.
      this.tabs.select(state.view === 'curl' ? 'code' : state.view);
    }
    const refused = normalizeRefusal(state.refused);
    if (refused) {
      this.refused.show(refused);
    }
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'callStarted':
        this.start(message.record);
        return;
      case 'callFinished': {
        const record = normalizeRecord(message.record);
        if (!record || this.superseded.has(record.id)) {
          return;
        }
        const shown = this.shown;
        if (shown && shown.running && shown.record.id !== record.id) {
          return;
        }
        this.showFinished(record, shown?.running === true && shown.record.id === record.id);
        return;
      }
      case 'callRefused': {
        const refused = normalizeRefusal(message);
        if (refused) {
          this.refused.show(refused);
          this.saveState();
        }
        return;
      }
      case 'codeSnippet':
        this.code.receive(message);
        return;
      case 'done':
        // The host may send the whole sentence ("Copied curl") or just what was done ("curl").
        this.announcer.say(/^copied\b/i.test(message.what) ? message.what : `Copied ${message.what}`);
        return;
      default:
        break;
    }
    const shown = this.shown;
    if (!shown || !shown.running || message.callId !== shown.record.id) {
      return;
    }
    const record = shown.record;
    switch (message.type) {
      case 'attempt': {
        applyAttempt(record, message.attempt, message.request);
        if (this.retry && message.attempt.number >= this.retry.attempt) {
          // The announced attempt has started: the countdown has done its job.
          this.retry = undefined;
        }
        this.markStale('request', 'code');
        this.headerStale = true;
        break;
      }
      case 'response': {
        applyResponse(record, message.attempt, message.response);
        this.markStale('headers', 'raw');
        this.headerStale = true;
        break;
      }
      case 'events':
        this.onEvents(shown, message.events);
        break;
      case 'retrying': {
        const wait = typeof message.waitMs === 'number' && Number.isFinite(message.waitMs) ? Math.max(0, message.waitMs) : 0;
        const attempt = typeof message.attempt === 'number' ? message.attempt : record.attempts.length + 1;
        this.retry = { callId: record.id, text: String(message.text ?? 'Retrying'), at: Date.now() + wait, attempt };
        this.announcer.say(String(message.text ?? 'Retrying'), false);
        this.headerStale = true;
        break;
      }
    }
    requestFlush(this);
  }

  private start(raw: CallRecord): void {
    const record = normalizeRecord(raw);
    if (!record) {
      return;
    }
    if (this.shown && this.shown.record.id !== record.id) {
      this.superseded.add(this.shown.record.id);
    }
    this.superseded.delete(record.id);
    this.retry = undefined;
    this.refused.clear();
    this.shown = {
      record,
      running: true,
      accumulator: record.streamed ? new MessageAccumulator() : undefined,
      timeline: new TimelineFold(record.timeline ?? []),
    };
    this.root.classList.remove('empty');
    this.root.classList.add('running');
    this.response.waiting(record);
    this.tabs.setAvailable('timeline', record.streamed);
    this.timeline.render(this.shown.timeline.entries, record.streamed, this.shown.timeline.eventCount);
    this.markStale('raw', 'request', 'headers', 'code');
    this.renderHeader();
    // A new call opens on its answer, whichever view the last one was left on.
    this.tabs.select('response');
    this.renderView(this.tabs.selected);
    this.saveState();
  }

  private onEvents(shown: ShownCall, events: readonly TimelineEvent[]): void {
    const { firstChanged } = shown.timeline.add(events);
    if (this.tabs.selected === 'timeline') {
      this.timeline.update(shown.timeline.entries, firstChanged, shown.timeline.eventCount);
    } else {
      this.stale.add('timeline');
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
      this.response.apply(change);
    }
    shown.record.message ??= accumulator.message;
    this.stale.add('raw');
  }

  /**
   * Per frame: the header and footer when they changed, and a secondary view on screen that went stale. The raw
   * view is not redone while a stream runs (it may be megabytes): it has a Refresh button instead.
   */
  flush(): void {
    const shown = this.shown;
    if (!shown) {
      return;
    }
    if (this.headerStale) {
      this.headerStale = false;
      this.renderHeader();
    }
    if (this.footerStale) {
      this.footerStale = false;
      this.response.renderFooter(shown.record, shown.running);
    }
    const selected = this.tabs.selected;
    if (selected !== 'response' && selected !== 'timeline' && this.stale.has(selected) && !(selected === 'raw' && shown.running)) {
      this.renderView(selected);
    }
  }

  private showFinished(record: CallRecord, live: boolean): void {
    const previous = this.shown;
    const measured = live ? previous?.accumulator?.firstDeltaMs : undefined;
    if (record.timing.firstTokenMs === undefined && measured !== undefined) {
      // The host's record should have it; if not, what the panel saw arrive is the next best thing.
      record.timing = { ...record.timing, firstTokenMs: measured };
    }
    if (previous && previous.record.id !== record.id) {
      this.superseded.add(previous.record.id);
    }
    if (live || previous?.record.id !== record.id) {
      // A call that finished after the refusal is newer than it.
      this.retry = undefined;
      this.refused.clear();
    }
    this.shown = {
      record,
      running: false,
      accumulator: undefined,
      timeline: new TimelineFold(record.timeline ?? []),
    };
    this.finished = record;
    this.root.classList.remove('empty', 'running');
    this.response.finish(record, live);
    this.tabs.setAvailable('timeline', record.streamed);
    this.timeline.render(this.shown.timeline.entries, record.streamed, this.shown.timeline.eventCount);
    this.markStale('raw', 'request', 'headers', 'code');
    this.headerStale = false;
    this.footerStale = false;
    this.renderHeader();
    this.renderView(this.tabs.selected);
    if (live) {
      const outcome =
        record.error?.kind === 'cancelled'
          ? 'cancelled'
          : record.error
            ? `failed: ${record.error.message}`
            : `finished, ${record.response?.status ?? ''} ${record.response?.statusText ?? ''}`;
      this.announcer.say(`Call ${outcome}`, false);
    }
    // Saving serializes the whole record (it may be megabytes): after the first paint, not before it.
    setTimeout(() => this.saveState(), 0);
  }

  private markStale(...views: string[]): void {
    for (const view of views) {
      this.stale.add(view);
    }
  }

  private renderHeader(): void {
    const shown = this.shown;
    if (!shown) {
      return;
    }
    const retry = this.retry && this.retry.callId === shown.record.id ? this.retry : undefined;
    this.headerSlot.replaceChildren(
      renderHeader(
        shown.record,
        {
          running: shown.running,
          detailsOpen: this.detailsOpen,
          onDetailsToggle: (open) => {
            if (open !== this.detailsOpen) {
              this.detailsOpen = open;
              this.saveState();
            }
          },
          retry,
        },
        this.host,
      ),
    );
  }

  private renderView(id: string): void {
    const shown = this.shown;
    if (!shown || !this.stale.has(id)) {
      return;
    }
    this.stale.delete(id);
    const panel = this.tabs.panel(id);
    const record = shown.record;
    switch (id) {
      case 'raw':
        renderRawView(panel, record, shown.running, this.host, () => {
          this.stale.add('raw');
          this.renderView('raw');
        });
        break;
      case 'request':
        renderRequestView(panel, record, this.host);
        break;
      case 'headers':
        renderHeadersView(panel, record, this.host);
        break;
      case 'timeline':
        this.timeline.render(shown.timeline.entries, record.streamed, shown.timeline.eventCount);
        break;
      case 'code':
        this.code.render(panel, record);
        break;
      default:
        break;
    }
  }

  private saveState(): void {
    const state: PanelState = { view: this.tabs.selected, detailsOpen: this.detailsOpen };
    if (this.code.language) {
      state.codeLanguage = this.code.language;
    }
    if (this.finished) {
      state.record = this.finished;
    }
    if (this.refused.current) {
      state.refused = this.refused.current;
    }
    this.host.setState(state);
  }

  /** Copy buttons inside rendered markdown code blocks (their HTML comes from markdown/render.ts). */
  private onCodeCopy(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest('.md-copy-code') : null;
    const code = target?.closest('.md-code')?.querySelector('pre code');
    if (target && code) {
      this.host.post({ type: 'copy', what: 'block', text: code.textContent ?? '' });
    }
  }
}
