// What the panel keeps with setState for a window reload, and what it brings back. VS Code holds the state in memory
// and writes it out at every change, so it stays small: the view, the header fold, a refusal, and the last call's id;
// the record itself only when it is small. A big record is asked from the host again after a reload (it keeps
// recent calls), never written into the state.
import type { CallRecord } from '../../shared/callRecord';
import type { PanelState } from '../../shared/protocol';
import { fitsIn, STATE_RECORD_LIMIT } from '../../shared/size';
import type { Refusal } from '../views/refusedNote';

export interface KeptFacts {
  view: string;
  detailsOpen: boolean;
  finished: CallRecord | undefined;
  refused: Refusal | undefined;
}

export function panelState(facts: KeptFacts): PanelState {
  const state: PanelState = { view: facts.view, detailsOpen: facts.detailsOpen };
  if (facts.finished) {
    state.callId = facts.finished.id;
    if (fitsIn(facts.finished, STATE_RECORD_LIMIT)) {
      state.record = facts.finished;
    }
  }
  if (facts.refused) {
    state.refused = facts.refused;
  }
  return state;
}
