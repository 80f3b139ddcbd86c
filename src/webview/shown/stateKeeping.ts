// What the panel keeps with setState for a window reload, and what it brings back. VS Code holds the state in memory
// and writes it out at every change, so it stays small: the view, the header fold, a refusal, the last call's id and
// what the history said about it (its Compare button, its cache note, its "from history" mark); the record itself
// only when it is small. A big record is asked from the host again after a reload (it keeps recent calls), never
// written into the state.
import type { CallRecord } from '../../shared/callRecord';
import type { CodeLanguage } from '../../shared/codeLanguages';
import type { PanelState } from '../../shared/protocol';
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
    }
  } else if (facts.awaited) {
    // Still waiting for the host's answer: a reload meanwhile asks again.
    state.callId = facts.awaited;
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
