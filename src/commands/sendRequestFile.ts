// Claude: Send Request File — sends what is in the editor (saved or not) of a .claude.json file.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import { effectiveRequest } from '../core/effectiveRequest';
import { readRequestBody, requestDocument } from '../requestDocument';
import { readSettings, requestDefaults } from '../settings';

export async function sendRequestFile(runner: CallRunner, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file to send it (see the examples/ folder).');
    return;
  }
  const body = await readRequestBody(document);
  if (!body) {
    return;
  }
  const settings = readSettings(document.uri);
  const request = effectiveRequest(body, requestDefaults(settings));
  await runner.run(request, { kind: 'file', path: vscode.workspace.asRelativePath(document.uri) }, settings);
}
