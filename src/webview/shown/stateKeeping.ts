// What the panel keeps with setState for a window reload, and what it brings back. VS Code holds the state in memory
// and writes it out at every change, so it stays small: the view, the header fold, a refusal, the last call's id and
// what the history said about it (its Compare button, its cache note, its "from history" mark); the record itself
// only when it is small. A big record is asked from the host again after a reload (it keeps recent calls), never
// written into the state; a big answer's first screen is (its first 12 K characters, firstScreen.ts), so that a
// reload paints it from the state at once, before the host (still starting, after Reload Window) answers.
import type { CallRecord } from '../../shared/callRecord';
import type { CodeLanguage } from '../../shared/codeLanguages';
import type { PanelState } from '../../shared/protocol';
import { firstScreenOf, needsFirstScreen, withoutRequestBody } from '../../shared/firstScreen';
import { fitsIn, STATE_RECORD_LIMIT } from '../../shared/size';
import type { Refusal } from '../views/refusedNote';
import type { KeptHistoryFacts } from './fromHistory';

export interface KeptFacts {
  view: string;
  detailsOpen: boolean;
  finished: CallRecord | undefined;
  /** Whether the finished record lacks the body the host withheld: then only its id is kept (a reload asks again). */
  bodyWithheld?: boolean;
  /** A call the saved state named, asked from the host and not back yet. */
  awaited?: string;
  /** The awaited call's first screen, shown meanwhile. */
  firstScreen?: CallRecord;
  refused: Refusal | undefined;
  codeLanguage?: CodeLanguage;
  comparison?: PanelState['comparison'];
  /** What the history said about the call the state names. */
  fromHistory?: (callId: string | undefined) => KeptHistoryFacts;
}

export function panelState(facts: KeptFacts): PanelState {
  const state: PanelState = { view: facts.view, detailsOpen: facts.detailsOpen };
  if (facts.finished) {
    state.callId = facts.finished.id;
    if (!facts.bodyWithheld && fitsIn(facts.finished, STATE_RECORD_LIMIT)) {
      state.record = facts.finished;
    } else if (needsFirstScreen(facts.finished)) {
      keepFirstScreen(state, firstScreenFor(facts.finished));
    }
  } else if (facts.awaited) {
    // Still waiting for the host's answer: a reload meanwhile asks again.
    state.callId = facts.awaited;
    if (facts.firstScreen?.id === facts.awaited) {
      keepFirstScreen(state, facts.firstScreen);
    }
  }
  if (facts.refused) {
    state.refused = facts.refused;
  }
  if (facts.codeLanguage) {
    state.codeLanguage = facts.codeLanguage;
  }
  Object.assign(state, facts.fromHistory?.(state.callId));
  if (facts.comparison) {
    state.comparison = facts.comparison;
  }
  return state;
}

/** A first screen is about 13 K characters of JSON; one far bigger (a huge tool input before the text) is not kept. */
const FIRST_SCREEN_STATE_LIMIT = 64 * 1024;

function keepFirstScreen(state: PanelState, first: CallRecord): void {
  if (fitsIn(first, FIRST_SCREEN_STATE_LIMIT)) {
    state.firstScreen = first;
    return;
  }
  // A long request (not big enough to be withheld) as well: left out, as a withheld one is; its views ask the host.
  const slim = withoutRequestBody(first);
  if (fitsIn(slim, FIRST_SCREEN_STATE_LIMIT)) {
    state.firstScreen = slim;
  }
}

/** The state is saved at every view switch: a big record's first screen is cut once. */
const firstScreens = new WeakMap<CallRecord, CallRecord>();

function firstScreenFor(record: CallRecord): CallRecord {
  let first = firstScreens.get(record);
  if (!first) {
    first = firstScreenOf(record);
    firstScreens.set(record, first);
  }
  return first;
}
