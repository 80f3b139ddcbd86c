// Claude: Send Selection — the selected text goes out as one user message; model and max_tokens from settings.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import type { CallSource } from '../../shared/callRecord';
import { effectiveRequest, selectionRequest } from '../../core/effectiveRequest';
import { documentTitle } from '../requestDocument';
import { readSettings, requestDefaults } from '../settings';

export async function sendSelection(runner: CallRunner): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Claude: open a file and select the text to send first.');
    return;
  }
  // Several selections are sent together, in document order, as one message.
  const text = [...editor.selections]
    .sort((a, b) => a.start.compareTo(b.start))
    .map((selection) => editor.document.getText(selection))
    .filter((part) => part.trim() !== '')
    .join('\n\n');
  if (text.trim() === '') {
    void vscode.window.showWarningMessage('Claude: the selection is empty. Select the text to send as the user message; nothing was sent.');
    return;
  }
  const settings = readSettings(editor.document.uri);
  const request = effectiveRequest(selectionRequest(text), requestDefaults(settings));
  const document = editor.document;
  const source: CallSource = document.uri.scheme === 'untitled'
    ? { kind: 'selection', title: documentTitle(document) }
    : { kind: 'selection', document: vscode.workspace.asRelativePath(document.uri) };
  await runner.run(request, source, settings, document);
}
