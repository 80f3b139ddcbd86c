// Delete calls, clear the whole history (after a modal confirmation), and set the History view's filter.
import * as vscode from 'vscode';
import type { HistoryService } from './historyService';
import type { HistoryTree } from './historyTree';
import { filterText, parseFilter } from './filterText';

export async function deleteCalls(history: HistoryService, ids: string[]): Promise<void> {
  if (ids.length === 0) {
    void vscode.window.showInformationMessage('Claude: pick a call in the History view first.');
    return;
  }
  for (const id of ids) {
    await history.store.delete(id);
  }
  history.notifyChanged();
}

/** `confirmed` is for tests (a modal dialog cannot be answered from one). */
export async function clearHistory(history: HistoryService, confirmed = false): Promise<boolean> {
  if (!confirmed) {
    const choice = await vscode.window.showWarningMessage(
      'Delete every call in the Claude history?',
      { modal: true, detail: 'The calls are removed from this machine\'s history folder. Pinned files in the workspace stay.' },
      'Clear History',
    );
    if (choice !== 'Clear History') {
      return false;
    }
  }
  await history.store.clear();
  history.notifyChanged();
  return true;
}

/** An input box with the filter as it is; `text` (from a test, or another command) sets it without asking. */
export async function filterHistory(tree: HistoryTree, text?: string): Promise<void> {
  const input =
    typeof text === 'string'
      ? text
      : await vscode.window.showInputBox({
          title: 'Filter the Claude history',
          value: filterText(tree.currentFilter),
          prompt: 'Words in the request or the answer, and model:, file:, status: (ok, error, 429, overloaded…). Empty shows every call.',
          placeHolder: 'outage model:haiku file:triage status:error',
        });
  if (input !== undefined) {
    tree.setFilter(parseFilter(input));
  }
}
