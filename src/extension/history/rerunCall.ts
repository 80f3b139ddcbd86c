// Re-run: the same request body again, with today's settings for where it goes (base URL, timeout, retries) and
// the key from SecretStorage; shown in the panel and recorded like any call.
import * as vscode from 'vscode';
import type { CallRecord } from '../../shared/callRecord';
import type { ApiKeyStore } from '../apiKey';
import { NO_KEY, type ResolvedCall } from '../resolveCall';
import { connectionOrTell, readSettings } from '../settings';
import type { HistoryService } from './historyService';
import { storedCall } from './historyCalls';

export interface RunsCalls {
  run(call: ResolvedCall): Promise<CallRecord>;
}

export async function rerunCall(history: HistoryService, calls: RunsCalls, keys: ApiKeyStore, id: string | undefined): Promise<CallRecord | undefined> {
  const stored = await storedCall(history, id);
  if (!stored) {
    return undefined;
  }
  const { record } = stored;
  const settings = readSettings();
  const connection = connectionOrTell(settings, 'nothing was sent');
  if (!connection) {
    return undefined;
  }
  const apiKey = await keys.getOrAsk();
  if (apiKey === undefined) {
    void vscode.window.showWarningMessage(NO_KEY);
    return undefined;
  }
  const request = { body: record.effectiveRequest, defaultsApplied: record.defaultsApplied, streamed: record.streamed };
  return calls.run({ settings, request, source: record.source, connection, apiKey });
}
