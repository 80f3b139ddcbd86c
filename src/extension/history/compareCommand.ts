// Compare two calls: VS Code's diff editor on their requests (normalised JSON) and on their answers (markdown), and
// the panel's Compare view (metrics side by side with deltas, the content diff). The calls come from a selection of
// two in the History view, or are a call and the previous run of the same request.
import * as vscode from 'vscode';
import { compareCalls } from '../../shared/compare';
import type { StoredCall } from '../../shared/history';
import { timeOfDayText } from '../../shared/format';
import type { HostMessage } from '../../shared/protocol';
import { RESPONSE_VIEW_TYPE } from '../panel/responsePanel';
import { isRequestFile } from '../requestDocument';
import { answerUri, requestUri } from './compareDocuments';
import type { HistoryService } from './historyService';
import { sourceText } from './historyTree';
import { previousRunOf, runsOf } from './previousRun';

export interface ShowsComparisons {
  showComparison(message: Extract<HostMessage, { type: 'compare' }>): void;
}

/** Two picked calls, the older as A; one picked call against the previous run of its request. */
export async function compareHistoryCalls(history: HistoryService, panel: ShowsComparisons, ids: string[]): Promise<boolean> {
  if (ids.length === 1) {
    return compareWithPreviousCall(history, panel, ids[0]);
  }
  if (ids.length !== 2) {
    void vscode.window.showInformationMessage('Claude: select two calls in the History view to compare them (Ctrl+click the second).');
    return false;
  }
  const [a, b] = [...ids].sort();
  return showComparison(history, panel, a, b);
}

/**
 * Compare with Previous Run: for a request file (the one given, or the active editor's), its last two calls; for
 * a call (the panel's), that call and the one before it from the same source.
 */
export async function compareWithPrevious(
  history: HistoryService,
  panel: ShowsComparisons,
  target: { uri?: vscode.Uri; historyId?: string },
  shownInPanel: () => string | undefined,
): Promise<boolean> {
  await history.settled();
  const uri = target.uri ?? (target.historyId ? undefined : activeRequestFile());
  // From the panel (its button, or the editor title while it is active): the call it shows.
  const id = target.historyId ?? (uri ? undefined : shownInPanel());
  if (id) {
    return compareWithPreviousCall(history, panel, id);
  }
  if (!uri) {
    void vscode.window.showInformationMessage('Claude: open a request file (.claude.json), or a call in the panel, to compare it with its previous run.');
    return false;
  }
  const runs = await runsOf(history, vscode.workspace.asRelativePath(uri), uri.scheme === 'untitled' ? uri.path.split('/').pop() : undefined);
  if (runs.length < 2) {
    void vscode.window.showInformationMessage(`Claude: ${vscode.workspace.asRelativePath(uri)} has ${runs.length === 0 ? 'no run' : 'one run'} in the history: send it again to compare.`);
    return false;
  }
  return showComparison(history, panel, runs[1].id, runs[0].id);
}

async function compareWithPreviousCall(history: HistoryService, panel: ShowsComparisons, id: string): Promise<boolean> {
  const stored = await history.store.get(id);
  if (!stored) {
    void vscode.window.showWarningMessage(`Claude: the call ${id} is not in the history.`);
    return false;
  }
  const previous = await previousRunOf(history, stored);
  if (!previous) {
    void vscode.window.showInformationMessage(`Claude: no earlier run of ${sourceText(stored.entry)} in the history to compare with.`);
    return false;
  }
  return showComparison(history, panel, previous.id, id);
}

async function showComparison(history: HistoryService, panel: ShowsComparisons, idA: string, idB: string): Promise<boolean> {
  const [a, b] = await Promise.all([history.store.get(idA), history.store.get(idB)]);
  if (!a || !b) {
    void vscode.window.showWarningMessage('Claude: one of the two calls is no longer in the history.');
    return false;
  }
  const labels = { a: `A: ${label(a)}`, b: `B: ${label(b)}` };
  const short = (s: StoredCall) => `${time(s)} ${s.entry.model}`;
  const options: vscode.TextDocumentShowOptions = { preview: false, viewColumn: diffColumn() };
  await vscode.commands.executeCommand('vscode.diff', requestUri(idA, labels.a), requestUri(idB, labels.b), `Request: ${short(a)} ↔ ${short(b)}`, options);
  await vscode.commands.executeCommand('vscode.diff', answerUri(idA, labels.a), answerUri(idB, labels.b), `Answer: ${short(a)} ↔ ${short(b)}`, options);
  panel.showComparison({ type: 'compare', comparison: compareCalls(a.record, b.record), labels });
  return true;
}

/**
 * Where the diff editors open: beside the panel, never in its group. Opened over it (the panel's button leaves its
 * group active), they hid the panel, which then loaded anew for the Compare view, blank for seconds, while the diff
 * editors sat behind it, out of sight. The active group when it is not the panel's, else another one, else a new
 * group beside.
 */
function diffColumn(): vscode.ViewColumn {
  const groups = vscode.window.tabGroups;
  const isPanel = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(RESPONSE_VIEW_TYPE);
  const panelGroup = groups.all.find((group) => group.tabs.some(isPanel));
  if (!panelGroup || groups.activeTabGroup !== panelGroup) {
    return groups.activeTabGroup.viewColumn;
  }
  return groups.all.find((group) => group !== panelGroup)?.viewColumn ?? vscode.ViewColumn.Beside;
}

function label(stored: StoredCall): string {
  return `${time(stored)} ${stored.entry.model} (${sourceText(stored.entry)})`;
}

function time(stored: StoredCall): string {
  return timeOfDayText(stored.entry.startedAt);
}

function activeRequestFile(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isRequestFile(document) ? document.uri : undefined;
}
