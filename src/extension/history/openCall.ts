// Open a call from history: in the response panel as it was (every view), as a new untitled request file, or as
// its curl on the clipboard.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallRecord } from '../../shared/callRecord';
import type { StoredCall } from '../../shared/history';
import type { HistoryService } from './historyService';
import { storedCall } from './historyCalls';

export interface ShowsRecords {
  showRecord(record: CallRecord): void;
}

export async function openCall(history: HistoryService, panel: ShowsRecords, id: string | undefined): Promise<StoredCall | undefined> {
  const stored = await storedCall(history, id);
  if (stored) {
    panel.showRecord(stored.record);
  }
  return stored;
}

/** A new untitled `<name>.claude.json` holding the request body that went out, ready to edit and send again. */
export async function openRequestAsFile(history: HistoryService, id: string | undefined): Promise<vscode.TextEditor | undefined> {
  const stored = await storedCall(history, id);
  if (!stored) {
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd());
  const base = requestName(stored.record);
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  let uri: vscode.Uri;
  for (let i = 1; ; i++) {
    uri = vscode.Uri.joinPath(folder, `${base}${i === 1 ? '' : `-${i}`}.claude.json`).with({ scheme: 'untitled' });
    if (!open.has(uri.path)) {
      break;
    }
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const text = `// The request of the call of ${stored.entry.startedAt} (${stored.entry.id}), from Claude history.\n${JSON.stringify(stored.record.effectiveRequest, null, 2)}\n`;
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  return editor;
}

export async function copyCallCurl(history: HistoryService, id: string | undefined): Promise<void> {
  const stored = await storedCall(history, id);
  if (!stored) {
    return;
  }
  if (!stored.record.curl) {
    void vscode.window.showWarningMessage('Claude: this call has no curl (nothing was sent).');
    return;
  }
  await vscode.env.clipboard.writeText(stored.record.curl);
  void vscode.window.showInformationMessage(
    stored.record.curlBodyMasked ? 'Claude: copied the curl (text shaped like a secret in the body is masked).' : 'Claude: copied the curl; it reads the key from $ANTHROPIC_API_KEY.',
  );
}

/** "triage" for a call of triage.claude.json; "request" for a selection. */
function requestName(record: CallRecord): string {
  const source = record.source;
  const file = source.kind === 'selection' ? undefined : (source.path ?? source.title);
  const name = file ? path.basename(file).replace(/\.claude\.json$/i, '').replace(/\.[^.]*$/, '') : '';
  return `${name || 'request'}-rerun`;
}
