// The history in VS Code, registered in one call from activate(): the recorder, the History view in the Claude view
// container, the virtual documents of the diff editor, and the history commands.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';
import { Commands } from '../commandIds';
import { explainCacheInPanel, explainRecordedCalls, type ShowsCacheExplanations } from './cacheNotes';
import { CallDocuments, HISTORY_SCHEME } from './compareDocuments';
import { compareHistoryCalls, compareWithPrevious, type ShowsComparisons } from './compareCommand';
import { pickedIds } from './historyCalls';
import { type CallsToRecord, HistoryService } from './historyService';
import { type HistoryNode, HistoryTree } from './historyTree';
import { clearHistory, deleteCalls, filterHistory } from './manageHistory';
import { copyCallCurl, openCall, openRequestAsFile, type ShowsRecords } from './openCall';
import { pinCall } from './pinCall';
import { type ShowsHistoryFacts, tellPanelInHistory } from './previousRun';
import { rerunCall, type RunsCalls } from './rerunCall';

// Not under claudeInspector.: VS Code registers <view id>.focus and the like, which are not our commands.
export const HISTORY_VIEW_ID = 'claudeHistory';

export interface HistoryDeps {
  calls: CallsToRecord & RunsCalls;
  keys: ApiKeyStore;
  panel: ShowsRecords & ShowsComparisons & ShowsCacheExplanations & ShowsHistoryFacts;
}

/** What the extension offers its tests about the history. */
export interface HistoryApi {
  readonly folder: string;
  readonly onDidRecord: vscode.Event<{ callId: string; historyId: string }>;
  /** Every call written so far is on disk. */
  settled(): Promise<void>;
  /** What the History view lists now (its last listing), newest first. */
  shownIds(): string[];
  /** The line the History view shows above its list (a filter named, an empty state), if any. */
  viewMessage(): string | undefined;
  historyIdOf(callId: string): string | undefined;
}

export function registerHistory(context: vscode.ExtensionContext, deps: HistoryDeps): HistoryApi {
  const history = HistoryService.forContext(context, deps.calls);
  const tree = new HistoryTree(history);
  const view = vscode.window.createTreeView<HistoryNode>(HISTORY_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  tree.attach(view);
  const ids = (first: unknown, all: unknown) => pickedIds(first, all);
  // The history id of the call the panel shows, and of each call it showed from history, by call id.
  const shownFromHistory = new Map<string, string>();
  let shownInPanel: string | undefined;
  const historyIdOf = (callId: string) => history.historyIdOf(callId) ?? shownFromHistory.get(callId);
  context.subscriptions.push(history.onDidRecord(({ historyId }) => (shownInPanel = historyId)));
  const open = async (id: string | undefined) => {
    const stored = await openCall(history, deps.panel, id);
    if (stored) {
      shownFromHistory.set(stored.record.id, stored.entry.id);
      shownInPanel = stored.entry.id;
      await Promise.all([explainCacheInPanel(history, deps.panel, stored.record, stored.entry.id), tellPanelInHistory(history, deps.panel, stored)]);
    }
  };
  const one = (first: unknown, all: unknown) => ids(first, all)[0] ?? (view.selection[0]?.kind === 'call' ? view.selection[0].entry.id : undefined);
  context.subscriptions.push(
    history,
    tree,
    view,
    explainRecordedCalls(history, deps.panel),
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, new CallDocuments(history)),
    vscode.commands.registerCommand(Commands.historyOpen, (first?: unknown, all?: unknown) => open(one(first, all))),
    vscode.commands.registerCommand(Commands.historyRerun, (first?: unknown, all?: unknown) => rerunCall(history, deps.calls, deps.keys, one(first, all))),
    vscode.commands.registerCommand(Commands.historyOpenAsFile, (first?: unknown, all?: unknown) => openRequestAsFile(history, one(first, all))),
    vscode.commands.registerCommand(Commands.historyCopyCurl, (first?: unknown, all?: unknown) => copyCallCurl(history, one(first, all))),
    vscode.commands.registerCommand(Commands.historyPin, (first?: unknown, all?: unknown) => pinCall(history, one(first, all))),
    vscode.commands.registerCommand(Commands.historyDelete, (first?: unknown, all?: unknown) => deleteCalls(history, ids(first, all))),
    vscode.commands.registerCommand(Commands.historyClear, (confirmed?: unknown) => clearHistory(history, confirmed === true)),
    vscode.commands.registerCommand(Commands.historyFilter, (text?: unknown) => filterHistory(tree, typeof text === 'string' ? text : undefined)),
    vscode.commands.registerCommand(Commands.historyClearFilter, () => filterHistory(tree, '')),
    vscode.commands.registerCommand(Commands.historyRefresh, () => tree.refresh()),
    vscode.commands.registerCommand(Commands.historyCompare, (first?: unknown, all?: unknown) => {
      const picked = ids(first, all);
      const selected = view.selection.filter((node) => node.kind === 'call').map((node) => (node.kind === 'call' ? node.entry.id : ''));
      return compareHistoryCalls(history, deps.panel, picked.length >= 2 || selected.length < 2 ? picked : selected);
    }),
    vscode.commands.registerCommand(Commands.compareWithPrevious, (target?: unknown) => {
      // A request file's URI (editor title, explorer), or the call id of the panel's call (its button).
      const given = target instanceof vscode.Uri ? { uri: target } : typeof target === 'string' ? { historyId: historyIdOf(target) ?? target } : {};
      return compareWithPrevious(history, deps.panel, given, () => shownInPanel);
    }),
  );
  return {
    folder: history.folder,
    onDidRecord: history.onDidRecord,
    settled: () => history.settled(),
    shownIds: () => tree.entries.map((entry) => entry.id),
    viewMessage: () => tree.message,
    historyIdOf,
  };
}
