// Claude: Send Selection — the selected text goes out as one user message; model and max_tokens from settings.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import { NO_KEY, resolveCall, type ResolveServices, selectedText } from '../resolveCall';

export async function sendSelection(runner: CallRunner, services: ResolveServices): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Claude: open a file and select the text to send first.');
    return;
  }
  // Several selections are sent together, in document order, as one message.
  const text = selectedText(editor);
  if (text.trim() === '') {
    void vscode.window.showWarningMessage('Claude: the selection is empty. Select the text to send as the user message; nothing was sent.');
    return;
  }
  const resolved = await resolveCall({ kind: 'selection', document: editor.document, text }, services, { what: 'nothing was sent', key: 'ask', noKey: NO_KEY });
  if (resolved.ok) {
    await runner.run(resolved.call);
  }
}
