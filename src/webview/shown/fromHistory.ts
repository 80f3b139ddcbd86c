// What the history says about the shown call, under its answer: that it has an earlier run to compare with (the
// Compare button) and what the prompt cache did (the cache note); and whether it was opened from the History view (the
// header's "from history" mark). All come from the host, and are kept in the saved state with the call's id (they
// are small), so that a reload shows them again; a fact about any other call than the one shown is dropped.
import type { CacheExplanation } from '../../shared/cacheExplain';
import type { PanelState } from '../../shared/protocol';
import { fitsIn } from '../../shared/size';
import { el } from '../dom/elements';
import { asObject } from '../values/json';
import type { Host } from '../host/vscodeApi';
import { renderCacheNote } from '../views/cacheNote';
import { renderPreviousRunButton } from '../views/previousRunButton';

/** A cache explanation is a few facts and two excerpts; one far bigger is not kept in the state. */
const STATE_EXPLANATION_LIMIT = 64 * 1024;

interface Facts {
  callId: string;
  historyId?: string;
  previousRun?: boolean;
  cacheExplanation?: CacheExplanation;
}

export type KeptHistoryFacts = Pick<PanelState, 'historyId' | 'previousRun' | 'cacheExplanation' | 'fromHistory'>;

export class FromHistory {
  private readonly compareSlot = el('div', { class: 'previous-run-slot' });
  private readonly cacheSlot = el('div', { class: 'cache-slot' });
  readonly element = el('div', { class: 'from-history' }, this.compareSlot, this.cacheSlot);
  private facts: Facts | undefined;
  /** What the slots show now. */
  private readonly drawn: { button: string; cache: CacheExplanation | undefined } = { button: '', cache: undefined };
  /** The call shown now (finished or running), or none. */
  private shownId: string | undefined;
  /** The shown call was opened from the History view (it may be older than the last call). */
  private openedId: string | undefined;

  constructor(private readonly host: Host) {}

  /** The shown call is now `callId` (none: nothing is shown): its facts are drawn, any other call's dropped. */
  show(callId: string | undefined): void {
    this.shownId = callId;
    if (this.openedId !== callId) {
      this.openedId = undefined;
    }
    if (this.facts && this.facts.callId !== callId) {
      this.facts = undefined;
    }
    this.draw();
  }

  /** The call `callId` is being opened from the History view: its header says so, until another call is shown. */
  opened(callId: string): void {
    this.openedId = callId;
  }

  /** Whether the shown call `callId` was opened from the History view. */
  isOpened(callId: string): boolean {
    return this.openedId === callId;
  }

  /** The call is in the history as `historyId`, with or without a previous run. False when it is not the shown call. */
  inHistory(callId: string, historyId: string, previousRun: boolean): boolean {
    return this.learn(callId, { historyId, previousRun: previousRun === true });
  }

  /** What the cache did for the call. False when it is not the shown call. */
  cacheExplained(callId: string, explanation: CacheExplanation): boolean {
    return this.learn(callId, { cacheExplanation: explanation });
  }

  /** What the saved state keeps of the facts about `callId` (the call the state names). */
  keptFor(callId: string | undefined): KeptHistoryFacts {
    const kept: KeptHistoryFacts = callId !== undefined && this.openedId === callId ? { fromHistory: true } : {};
    const facts = this.facts;
    if (!facts || facts.callId !== callId) {
      return kept;
    }
    if (typeof facts.historyId === 'string') {
      kept.historyId = facts.historyId;
    }
    if (facts.previousRun) {
      kept.previousRun = true;
    }
    if (facts.cacheExplanation && fitsIn(facts.cacheExplanation, STATE_EXPLANATION_LIMIT)) {
      kept.cacheExplanation = facts.cacheExplanation;
    }
    return kept;
  }

  /**
   * Brings back the facts a saved state kept about its call `callId`: drawn now if that call is shown, else when it
   * is (after a reload, a big call comes from the host a moment later). Called before the call is shown, so that its
   * header is drawn with the "from history" mark the first time.
   */
  restore(callId: string | undefined, state: PanelState): void {
    if (typeof callId !== 'string') {
      return;
    }
    if (state.fromHistory === true) {
      this.openedId = callId;
    }
    const facts: Facts = { callId };
    if (typeof state.historyId === 'string') {
      facts.historyId = state.historyId;
    }
    if (state.previousRun === true) {
      facts.previousRun = true;
    }
    const explanation = asObject(state.cacheExplanation);
    if (explanation) {
      facts.cacheExplanation = explanation as unknown as CacheExplanation;
    }
    this.facts = facts;
    this.draw();
  }

  private learn(callId: string, more: Omit<Facts, 'callId'>): boolean {
    if (callId !== this.shownId) {
      return false;
    }
    this.facts = { ...(this.facts?.callId === callId ? this.facts : { callId }), ...more };
    this.draw();
    return true;
  }

  /** Redraws a slot only when what it shows changed: the answer above it may be megabytes being laid out. */
  private draw(): void {
    const facts = this.facts && this.facts.callId === this.shownId ? this.facts : undefined;
    const button = facts?.previousRun ? { callId: facts.callId, historyId: facts.historyId } : undefined;
    const buttonKey = button ? JSON.stringify(button) : '';
    if (buttonKey !== this.drawn.button) {
      this.drawn.button = buttonKey;
      renderPreviousRunButton(this.compareSlot, button, this.host);
    }
    if (facts?.cacheExplanation !== this.drawn.cache) {
      this.drawn.cache = facts?.cacheExplanation;
      renderCacheNote(this.cacheSlot, facts?.cacheExplanation);
    }
  }
}
