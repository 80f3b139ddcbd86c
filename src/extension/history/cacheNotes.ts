// The cache, explained in the panel: for a call with cache_control breakpoints, once it is in the history (or when
// it is opened from there), the earlier calls of its model are compared with it (core's explainCacheFromHistory)
// and the panel shows the result below the answer. Off the streaming path, like the recording.
import * as vscode from 'vscode';
import { explainCacheFromHistory, hasCacheBreakpoints } from '../../core/history/cacheFromHistory';
import type { CallRecord } from '../../shared/callRecord';
import type { HostMessage } from '../../shared/protocol';
import type { HistoryService } from './historyService';
import { type ShowsHistoryFacts, tellPanelInHistory } from './previousRun';

export interface ShowsCacheExplanations {
  showCacheExplanation(message: Extract<HostMessage, { type: 'cacheExplanation' }>): void;
}

export async function explainCacheInPanel(history: HistoryService, panel: ShowsCacheExplanations, record: CallRecord, historyId: string): Promise<void> {
  try {
    const explanation = await explainCacheFromHistory(record, history.store, { excludeId: historyId });
    if (explanation) {
      panel.showCacheExplanation({ type: 'cacheExplanation', callId: record.id, explanation });
    }
  } catch (error) {
    // An explanation that cannot be made is no reason to disturb the call: it is said in the log only.
    console.warn(`Claude history: no cache explanation for ${historyId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Explains each call as soon as the history has it (and says whether it has a previous run to compare with), from
 * the record in memory: a big call's file is not read back. Only a call with cache breakpoints is explained, against
 * its stored (masked) form, as the earlier calls it is compared with are.
 */
export function explainRecordedCalls(history: HistoryService, panel: ShowsCacheExplanations & ShowsHistoryFacts): vscode.Disposable {
  return history.onDidRecord(async ({ historyId, entry, record }) => {
    const explain = async () => {
      if (hasCacheBreakpoints(record)) {
        const stored = await history.store.get(historyId);
        if (stored) {
          await explainCacheInPanel(history, panel, stored.record, historyId);
        }
      }
    };
    await Promise.all([explain(), tellPanelInHistory(history, panel, { entry, record })]);
  });
}
