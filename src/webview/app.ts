// The panel program: which call is shown, what each host message changes, and in what order. The views and what
// they are drawn from are in views/ (the list: views/viewList.ts), which are out of date in shown/viewSwitch.ts,
// what a reload keeps in shown/stateKeeping.ts, the record updates in live/.
import type { CallRecord, TimelineEvent } from '../shared/callRecord';
import type { HostMessage, PanelState } from '../shared/protocol';
import { el } from './dom/elements';
import { applyAttempt, applyResponse } from './live/callProgress';
import { MessageAccumulator } from './live/messageAccumulator';
import { normalizeRecord, normalizeRefusal } from './host/record';
import { requestFlush, type Flushable } from './dom/schedule';
import { Announcer } from './views/announce';
import { normalizeComparison, renderCompareView, type ShownComparison } from './views/compareView';
import { renderCacheNote } from './views/cacheNote';
import { RefusedNote } from './views/refusedNote';
import { ResponseView } from './views/responseView';
import { Tabs } from './views/tabs';
import { TimelineView } from './views/timelineView';
import { codeView, conversationView, VIEWS } from './views/viewList';
import { HeaderSlot } from './shown/headerSlot';
import { finishedCall, keepBody, runningCall, type ShownCall } from './shown/shownCall';
import { panelState } from './shown/stateKeeping';
import { ViewSwitch } from './shown/viewSwitch';
import type { Host } from './host/vscodeApi';

export class App implements Flushable {
  private shown: ShownCall | undefined;
  /** The last finished record, which is what a reload brings back. */
  private finished: CallRecord | undefined;
  /** Calls replaced by a newer one: their late messages are dropped. */
  private readonly superseded = new Set<string>();
  private readonly header: HeaderSlot;
  private readonly tabs: Tabs;
  private readonly response: ResponseView;
  private readonly timeline: TimelineView;
  private readonly views: ViewSwitch;
  private readonly announcer = new Announcer();
  private headerStale = false;
  private footerStale = false;
  /** The last send was refused: the panel says so, and an older call is only shown on request. */
  private readonly refused: RefusedNote;
  /** A call the saved state named and the host was asked for, until it answers. */
  private awaited: string | undefined;
  /** Two calls compared (from history): the Compare view, shown only once there is one. */
  private comparison: ShownComparison | undefined;
  /** Below the answer: what the prompt cache did for the shown call (from the host, when it has breakpoints). */
  private readonly cacheSlot = el('div', { class: 'cache-slot' });

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    this.header = new HeaderSlot(host, () => this.saveState());
    this.tabs = new Tabs(VIEWS, 'response');
    this.response = new ResponseView(this.tabs.panel('response'), host);
    this.timeline = new TimelineView(this.tabs.panel('timeline'));
    this.views = new ViewSwitch(this.tabs, this.timeline, host, () => this.shown);
    codeView.onPick = () => this.saveState();
    this.tabs.onSelect = (id) => {
      this.views.render(id);
      this.saveState();
    };
    const callArea = el(
      'div',
      { class: 'call-area', id: 'call-area' },
      this.header.element,
      this.tabs.list,
      el('div', { class: 'panels' }, ...this.tabs.panels.values()),
    );
    this.refused = new RefusedNote(root, callArea, () => this.shown !== undefined);
    root.replaceChildren(this.refused.element, callArea, this.announcer.element);
    root.classList.add('empty');
    this.header.note(' No call yet. Run ', el('strong', null, 'Claude: Send Request File'), ' or ', el('strong', null, 'Claude: Send Selection'), '.');
    root.addEventListener('click', (event) => this.onCodeCopy(event));
    this.tabs.setAvailable('compare', false);
    this.tabs.panel('response').append(this.cacheSlot);
  }

  /**
   * Brings back what a reload saved: the last record, shown at once when the state holds it, else asked from the
   * host by its id; and the chosen view.
   */
  restore(state: PanelState | undefined): void {
    if (!state) {
      return;
    }
    this.header.detailsOpen = state.detailsOpen === true;
    codeView.language = state.codeLanguage;
    const record = normalizeRecord(state.record);
    if (record) {
      this.showFinished(record, false);
    } else if (typeof state.callId === 'string') {
      this.awaited = state.callId;
      this.header.note(' Bringing back the last call…');
      this.host.post({ type: 'needCall', callId: state.callId, ...(typeof state.historyId === 'string' ? { historyId: state.historyId } : {}) });
    }
    this.showComparison(normalizeComparison(state.comparison), false);
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
      case 'callFinished':
        this.finish(message.record, message.trimmed === true);
        return;
      case 'callGone':
        if (this.awaited === message.callId && !this.shown) {
          this.awaited = undefined;
          this.header.note(' The last call is no longer kept. Run ', el('strong', null, 'Claude: Send Request File'), ' or ', el('strong', null, 'Claude: Send Selection'), '.');
        }
        return;
      case 'callRefused': {
        const refused = normalizeRefusal(message);
        if (refused) {
          this.refused.show(refused);
          this.saveState();
        }
        return;
      }
      case 'codeSnippet':
        codeView.receive(message);
        return;
      case 'conversationCalls':
        conversationView.setCalls(message.callId, message.calls, message.cacheAdvice);
        this.views.markStale('conversation');
        this.views.render(this.tabs.selected);
        return;
      case 'showRecord': {
        // Opened from history: shown even when it is an older call the panel has moved on from.
        const record = normalizeRecord(message.record);
        if (record) {
          this.superseded.delete(record.id);
          this.showFinished(record, false);
          if (this.tabs.selected === 'compare') {
            this.tabs.select('response');
          }
        }
        return;
      }
      case 'compare':
        this.showComparison(normalizeComparison(message), true);
        return;
      case 'cacheExplanation':
        if (this.shown && this.shown.record.id === message.callId) {
          renderCacheNote(this.cacheSlot, message.explanation);
        }
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
        if (this.header.retry && message.attempt.number >= this.header.retry.attempt) {
          // The announced attempt has started: the countdown has done its job.
          this.header.retry = undefined;
        }
        this.views.markStale('request', 'code');
        this.headerStale = true;
        break;
      }
      case 'response': {
        applyResponse(record, message.attempt, message.response);
        this.views.markStale('headers', 'raw');
        this.headerStale = true;
        break;
      }
      case 'events':
        this.onEvents(shown, message.events);
        break;
      case 'retrying': {
        const wait = typeof message.waitMs === 'number' && Number.isFinite(message.waitMs) ? Math.max(0, message.waitMs) : 0;
        const attempt = typeof message.attempt === 'number' ? message.attempt : record.attempts.length + 1;
        this.header.retry = { callId: record.id, text: String(message.text ?? 'Retrying'), at: Date.now() + wait, attempt };
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
    this.awaited = undefined;
    this.header.retry = undefined;
    renderCacheNote(this.cacheSlot, undefined);
    this.refused.clear();
    this.shown = runningCall(record);
    this.root.classList.remove('empty');
    this.root.classList.add('running');
    this.response.waiting(record);
    this.tabs.setAvailable('timeline', record.streamed);
    this.timeline.render(this.shown.timeline.entries, record.streamed, this.shown.timeline.eventCount);
    this.views.markAllStale();
    this.renderHeader();
    // A new call opens on its answer, whichever view the last one was left on.
    this.tabs.select('response');
    this.views.render(this.tabs.selected);
    this.saveState();
  }

  private finish(raw: CallRecord, trimmed: boolean): void {
    const record = normalizeRecord(raw);
    if (!record || this.superseded.has(record.id)) {
      return;
    }
    const shown = this.shown;
    if (shown && shown.running && shown.record.id !== record.id) {
      return;
    }
    if (trimmed && shown?.record.id === record.id) {
      // The body came once, with the attempt: the host left it out of the final record.
      keepBody(record, shown.record);
    }
    if (this.awaited === record.id) {
      this.awaited = undefined;
    }
    this.showFinished(record, shown?.running === true && shown.record.id === record.id);
  }

  private onEvents(shown: ShownCall, events: readonly TimelineEvent[]): void {
    const { firstChanged } = shown.timeline.add(events);
    if (this.tabs.selected === 'timeline') {
      this.timeline.update(shown.timeline.entries, firstChanged, shown.timeline.eventCount);
    } else {
      this.views.markStale('timeline');
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
    this.views.markStale('raw');
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
    if (selected !== 'response' && selected !== 'timeline' && this.views.isStale(selected) && !(selected === 'raw' && shown.running)) {
      this.views.render(selected);
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
      renderCacheNote(this.cacheSlot, undefined);
    }
    if (live || previous?.record.id !== record.id) {
      // A call that finished after the refusal is newer than it.
      this.header.retry = undefined;
      this.refused.clear();
    }
    this.shown = finishedCall(record);
    this.finished = record;
    this.root.classList.remove('empty', 'running');
    this.response.finish(record, live);
    this.tabs.setAvailable('timeline', record.streamed);
    this.timeline.render(this.shown.timeline.entries, record.streamed, this.shown.timeline.eventCount);
    this.views.markAllStale();
    this.headerStale = false;
    this.footerStale = false;
    this.renderHeader();
    this.views.render(this.tabs.selected);
    if (live) {
      const outcome =
        record.error?.kind === 'cancelled'
          ? 'cancelled'
          : record.error
            ? `failed: ${record.error.message}`
            : `finished, ${record.response?.status ?? ''} ${record.response?.statusText ?? ''}`;
      this.announcer.say(`Call ${outcome}`, false);
    }
    // After the first paint, not before it.
    setTimeout(() => this.saveState(), 0);
  }

  /** The Compare view works without a shown call: it is filled here, not through the stale views. */
  private showComparison(comparison: ShownComparison | undefined, select: boolean): void {
    if (!comparison) {
      return;
    }
    this.comparison = comparison;
    this.root.classList.remove('empty');
    this.tabs.setAvailable('compare', true);
    renderCompareView(this.tabs.panel('compare'), comparison);
    if (select) {
      this.tabs.select('compare');
      this.saveState();
    }
  }

  private renderHeader(): void {
    if (this.shown) {
      this.header.render(this.shown);
    }
  }

  private saveState(): void {
    const state = panelState({ view: this.tabs.selected, detailsOpen: this.header.detailsOpen, finished: this.finished, refused: this.refused.current });
    if (codeView.language) {
      state.codeLanguage = codeView.language;
    }
    if (!this.finished && this.awaited) {
      // Still waiting for the host's answer: a reload meanwhile asks again.
      state.callId = this.awaited;
    }
    if (this.comparison) {
      state.comparison = this.comparison;
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
