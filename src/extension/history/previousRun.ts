// A call's previous run: the newest earlier call of the same request file (by its path, or an untitled one by its
// title; a selection has none). Compare with Previous Run diffs the two; the panel offers its Compare button for a
// call that has one.
import type { HistoryEntry, StoredCall } from '../../shared/history';
import type { HostMessage } from '../../shared/protocol';
import type { HistoryService } from './historyService';

export interface ShowsHistoryFacts {
  showInHistory(message: Extract<HostMessage, { type: 'inHistory' }>): void;
}

/** The calls of one request file (by its path, or an untitled one by its title), newest first. */
export async function runsOf(history: HistoryService, filePath: string | undefined, title: string | undefined): Promise<HistoryEntry[]> {
  const key = filePath ?? title;
  if (!key) {
    return [];
  }
  const entries = await history.store.list({ filter: { file: key } });
  return entries.filter((entry) => (filePath ? entry.source.path === filePath : entry.source.title === title) && entry.source.kind !== 'selection');
}

/** The run of the same request just before `stored`, if the history has one. */
export async function previousRunOf(history: HistoryService, stored: Pick<StoredCall, 'entry'>): Promise<HistoryEntry | undefined> {
  const source = stored.entry.source;
  if (source.kind === 'selection') {
    // A selection is no request file: it has no runs (and the history is not read for it).
    return undefined;
  }
  const runs = await runsOf(history, source.path, source.title);
  return runs.find((entry) => entry.id < stored.entry.id);
}

/**
 * Tells the panel that the call it shows has a run to compare with (its Compare button). Nothing is said of a call
 * without one: the panel has nothing to show for it, and a message that changes nothing is not worth posting to a
 * panel that may still be laying out a big answer (a 2 MB stream's render was seen to fall behind when it was).
 */
export async function tellPanelInHistory(history: HistoryService, panel: ShowsHistoryFacts, stored: Pick<StoredCall, 'entry' | 'record'>): Promise<void> {
  try {
    if (await previousRunOf(history, stored)) {
      panel.showInHistory({ type: 'inHistory', callId: stored.record.id, historyId: stored.entry.id, previousRun: true });
    }
  } catch (error) {
    // Without it the panel only lacks its Compare button (the command still works): said in the log only.
    console.warn(`Claude history: no previous run looked up for ${stored.entry.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
