// The panel program: which call is shown, what each host message changes, and in what order. The views and what
// they are drawn from are in views/ (the list: views/viewList.ts), which are out of date in shown/viewSwitch.ts,
// what a reload keeps in shown/stateKeeping.ts, what the running call's messages change in shown/liveUpdates.ts
// (the record updates in live/), what the history says about the call in shown/fromHistory.ts.
// Over 300 lines: the order in which a host message changes things is the point of this file; split, it would hide.
import type { CallRecord } from '../shared/callRecord';
import type { HostMessage, PanelState } from '../shared/protocol';
import { el } from './dom/elements';
import { normalizeRecord, normalizeRefusal } from './host/record';
import { fillFromStream, normalizeFromStream } from '../shared/streamedAnswer';
import { requestFlush, type Flushable } from './dom/schedule';
import { copyCodeBlocksOn } from './markdown/codeCopy';
import { Announcer, callOutcome } from './views/announce';
import { normalizeComparison, renderCompareView, type ShownComparison } from './views/compareView';
import { RefusedNote } from './views/refusedNote';
import { ResponseView } from './views/responseView';
import { Tabs } from './views/tabs';
import { TimelineView } from './views/timelineView';
import { receiveRawBody } from './views/rawView';
import { isWithheld, noteWithheld, receiveRequestBody } from './views/requestBody';
import { codeView, conversationView, VIEWS } from './views/viewList';
import { FromHistory } from './shown/fromHistory';
import { ComparisonFreshness } from './shown/comparisonFreshness';
import { HeaderSlot } from './shown/headerSlot';
import { LiveUpdates } from './shown/liveUpdates';
import { finishedCall, keepBody, runningCall, type ShownCall } from './shown/shownCall';
import { panelState } from './shown/stateKeeping';
import { ViewSwitch } from './shown/viewSwitch';
import { holdCutCopies } from './shown/firstScreenGuard';
import type { Host } from './host/vscodeApi';

export class App implements Flushable {
  private shown: ShownCall | undefined;
  /** The last finished record, which is what a reload brings back. */
  private finished: CallRecord | undefined;
  /** The call whose first screen came ahead of its whole record (showAhead), until the whole comes. */
  private ahead: string | undefined;
  /** Calls replaced by a newer one: their late messages are dropped. */
  private readonly superseded = new Set<string>();
  private readonly header: HeaderSlot;
  private readonly tabs: Tabs;
  private readonly response: ResponseView;
  private readonly timeline: TimelineView;
  private readonly views: ViewSwitch;
  private readonly announcer = new Announcer();
  private readonly live: LiveUpdates;
  /** The last send was refused: the panel says so, and an older call is only shown on request. */
  private readonly refused: RefusedNote;
  /** A call the saved state named and the host was asked for, until it answers. */
  private awaited: string | undefined;
  /** Two calls compared (from history): the Compare view, shown only once there is one. */
  private comparison: ShownComparison | undefined;
  /** Below the answer: the Compare button and the cache note, from the history (the host says them after the call). */
  private readonly fromHistory: FromHistory;
  private readonly comparisonFreshness = new ComparisonFreshness();

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    this.header = new HeaderSlot(host, () => this.saveState());
    this.tabs = new Tabs(VIEWS, 'response');
    // The answer's Copy buttons: never the cut text of a first screen as if it were the whole.
    const answerHost = holdCutCopies(host, () => this.shown?.partial === true, (text) => this.announcer.say(text));
    this.response = new ResponseView(this.tabs.panel('response'), answerHost);
    this.timeline = new TimelineView(this.tabs.panel('timeline'));
    this.views = new ViewSwitch(this.tabs, this.timeline, host, () => this.shown);
    this.live = new LiveUpdates({ header: this.header, tabs: this.tabs, response: this.response, timeline: this.timeline, views: this.views, announcer: this.announcer });
    this.fromHistory = new FromHistory(host);
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
    copyCodeBlocksOn(root, answerHost);
    this.tabs.setAvailable('compare', false);
    this.tabs.panel('response').append(this.fromHistory.element);
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
    // The saved call's mark, Compare button and cache note: drawn when it is shown, now or once the host brings it.
    this.fromHistory.restore(record?.id ?? (typeof state.callId === 'string' ? state.callId : undefined), state);
    const first = record ? undefined : normalizeRecord(state.firstScreen);
    if (record) {
      this.showFinished(record, false);
    } else if (typeof state.callId === 'string' && first?.id === state.callId) {
      // A big answer's beginning, kept in the state: painted now (the host may still be starting), the whole asked
      // for once it is.
      this.awaited = state.callId;
      noteWithheld(first.id, first.request?.body === '' || undefined);
      this.showFirstScreen(first);
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
        noteWithheld(String(message.record?.id), message.bodyWithheld);
        if (message.firstScreen === true && message.ahead === true) {
          this.showAhead(message.record);
        } else if (message.firstScreen === true) {
          this.showFirstScreen(message.record);
        } else {
          this.finish(message.record, message.trimmed === true, message.fromStream);
        }
        return;
      case 'callGone':
        // Awaited after a reload: nothing shown yet, or only the first screen of it (its whole record is gone).
        if (this.awaited === message.callId && (!this.shown || (this.finished === undefined && this.shown.record.id === message.callId))) {
          this.awaited = undefined;
          this.shown = undefined;
          this.root.classList.add('empty');
          this.saveState();
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
      case 'rawBody':
        receiveRawBody(message);
        return;
      case 'requestBody':
        if (receiveRequestBody(message, this.shown?.record)) {
          this.views.markStale('request', 'conversation');
          this.views.render(this.tabs.selected);
        }
        return;
      case 'conversationCalls':
        conversationView.setCalls(message.callId, message.calls, message.cacheAdvice);
        this.views.markStale('conversation');
        this.views.render(this.tabs.selected);
        return;
      case 'showRecord': {
        // Opened from history: shown even when it is an older call the panel has moved on from.
        const record = normalizeRecord(message.record);
        noteWithheld(String(record?.id), message.bodyWithheld);
        if (record) {
          this.superseded.delete(record.id);
          this.fromHistory.opened(record.id);
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
        if (this.fromHistory.cacheExplained(message.callId, message.explanation)) {
          this.saveState();
        }
        return;
      case 'inHistory':
        if (typeof message.historyId === 'string' && this.fromHistory.inHistory(message.callId, message.historyId, message.previousRun)) {
          this.saveState();
        }
        return;
      case 'done':
        // The host may send the whole sentence ("Copied curl") or just what was done ("curl").
        this.announcer.say(/^copied\b/i.test(message.what) ? message.what : `Copied ${message.what}`);
        return;
      case 'attempt':
        noteWithheld(message.callId, message.bodyWithheld);
        break;
      default:
        break;
    }
    const shown = this.shown;
    if (!shown || !shown.running || message.callId !== shown.record.id) {
      return;
    }
    this.live.apply(shown, message);
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
    this.fromHistory.show(record.id);
    this.comparisonFreshness.shown(this.tabs.panel('compare'), this.comparison, record.id);
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

  private finish(raw: CallRecord, trimmed: boolean, fromStream: unknown): void {
    const record = normalizeRecord(raw);
    if (!record || this.superseded.has(record.id)) {
      return;
    }
    const shown = this.shown;
    if (shown && shown.running && shown.record.id !== record.id) {
      return;
    }
    if (fromStream !== undefined) {
      // The answer's long text came once, as the stream's events: put back from what this page built of them.
      const fields = normalizeFromStream(fromStream);
      const accumulator = shown?.running && shown.record.id === record.id ? shown.accumulator : undefined;
      if (!fields || !fillFromStream(record, fields, accumulator?.message, (index, field) => accumulator?.ending(index, field))) {
        this.awaited = record.id;
        this.host.post({ type: 'needCall', callId: record.id, whole: true });
        return;
      }
    }
    if (trimmed && shown?.record.id === record.id) {
      // The body came once, with the attempt: the host left it out of the final record.
      keepBody(record, shown.record);
    }
    if (this.awaited === record.id) {
      this.awaited = undefined;
    }
    // The call's end, also when its first screen came ahead of it (then shown already, the call no longer running).
    const ahead = this.ahead === record.id && shown?.partial === true && shown.record.id === record.id;
    this.ahead = undefined;
    this.showFinished(record, ahead || (shown?.running === true && shown.record.id === record.id));
  }

  /**
   * The beginning of a big answer, asked back after a reload: shown at once, never kept as the call (the state goes
   * on naming the awaited call); once it is painted, the whole record is asked for, and replaces it.
   */
  private showFirstScreen(raw: CallRecord): void {
    const record = normalizeRecord(raw);
    if (!record || this.awaited !== record.id || this.shown) {
      return;
    }
    this.showFinished(record, false, true);
    requestAnimationFrame(() =>
      setTimeout(() => {
        // Not if a call started meanwhile (the host replays a running call at `ready`): the old one is not wanted.
        if (this.awaited === record.id && this.shown?.partial && this.shown.record.id === record.id) {
          this.host.post({ type: 'needCall', callId: record.id, whole: true });
        }
      }, 0),
    );
  }

  /**
   * The first screen of a big answer that was not streamed, ahead of its whole record (which follows unasked): shown
   * in place of the running call, as after a reload; the whole replaces it, as the call's end.
   */
  private showAhead(raw: CallRecord): void {
    const record = normalizeRecord(raw);
    const shown = this.shown;
    if (!record || !shown?.running || shown.record.id !== record.id) {
      return;
    }
    keepBody(record, shown.record);
    this.ahead = record.id;
    // Awaited, like a first screen after a reload: a reload before the whole comes keeps the call's id in the state
    // and asks for it (the page that was to get the whole is gone).
    this.awaited = record.id;
    this.showFinished(record, false, true);
  }

  /** Per frame: what the running call's messages left out of date (see LiveUpdates). */
  flush(): void {
    if (this.shown) {
      this.live.flush(this.shown);
    }
  }

  /** `firstScreen`: the beginning of the record only (showFirstScreen): shown, not kept. */
  private showFinished(record: CallRecord, live: boolean, firstScreen = false): void {
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
      this.header.retry = undefined;
      this.refused.clear();
    }
    this.shown = finishedCall(record, firstScreen);
    this.finished = firstScreen ? undefined : record;
    this.fromHistory.show(record.id);
    this.comparisonFreshness.shown(this.tabs.panel('compare'), this.comparison, record.id);
    this.root.classList.remove('empty', 'running');
    this.response.finish(record, live);
    this.tabs.setAvailable('timeline', record.streamed);
    if (firstScreen) {
      // A first screen has no events: the Timeline waits for the whole record.
      this.views.markStale('timeline');
    } else {
      this.timeline.render(this.shown.timeline.entries, record.streamed, this.shown.timeline.eventCount);
      this.views.markFresh('timeline');
    }
    this.views.markAllStale();
    this.live.drawn();
    this.renderHeader();
    this.views.render(this.tabs.selected);
    if (live) {
      this.announcer.say(callOutcome(record), false);
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
    this.comparisonFreshness.compared(this.shown?.record.id ?? this.awaited);
    if (select) {
      this.tabs.select('compare');
      this.saveState();
    }
  }

  private renderHeader(): void {
    if (this.shown) {
      this.header.render(this.shown, this.fromHistory.isOpened(this.shown.record.id));
    }
  }

  private saveState(): void {
    this.host.setState(
      panelState({
        view: this.tabs.selected,
        detailsOpen: this.header.detailsOpen,
        finished: this.finished,
        bodyWithheld: this.finished !== undefined && isWithheld(this.finished.id),
        awaited: this.awaited,
        firstScreen: this.finished === undefined ? this.shown?.record : undefined,
        refused: this.refused.current,
        codeLanguage: codeView.language,
        comparison: this.comparison,
        fromHistory: (callId) => this.fromHistory.keptFor(callId),
      }),
    );
  }
}
