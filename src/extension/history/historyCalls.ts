// What the history commands act on: the calls picked in the History view (a click, a context menu on one or on a
// selection, or an id from a test or another command), read from the store.
import * as vscode from 'vscode';
import type { HistoryEntry, StoredCall } from '../../shared/history';
import type { HistoryService } from './historyService';
import type { HistoryNode } from './historyTree';

/** A command's arguments as VS Code passes them from the view (the node, then every selected node) or as an id. */
export function pickedIds(first: unknown, all: unknown): string[] {
  const ids: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') {
      ids.push(value);
    } else if (isNode(value) && value.kind === 'call') {
      ids.push(value.entry.id);
    } else if (isNode(value) && value.kind === 'day') {
      ids.push(...value.entries.map((entry: HistoryEntry) => entry.id));
    }
  };
  if (Array.isArray(all) && all.length > 0) {
    all.forEach(add);
  } else if (Array.isArray(first)) {
    first.forEach(add);
  } else {
    add(first);
  }
  return [...new Set(ids)];
}

/** The stored call, or a message saying it is gone. */
export async function storedCall(history: HistoryService, id: string | undefined): Promise<StoredCall | undefined> {
  if (!id) {
    void vscode.window.showInformationMessage('Claude: pick a call in the History view first.');
    return undefined;
  }
  const stored = await history.store.get(id);
  if (!stored) {
    void vscode.window.showWarningMessage(`Claude: the call ${id} is no longer in the history.`);
  }
  return stored;
}

function isNode(value: unknown): value is HistoryNode {
  return typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'call' || value.kind === 'day');
}
