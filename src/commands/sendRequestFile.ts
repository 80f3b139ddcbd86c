// Claude: Send Request File — sends what is in the editor (saved or not) of a .claude.json file, unless the
// file has an error the API would refuse.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import { effectiveRequest } from '../core/effectiveRequest';
import { parseRequestFile } from '../core/requestFile';
import type { RequestDiagnostics } from '../requestFiles/requestDiagnostics';
import { refuseIfErrors, requestDocument } from '../requestDocument';
import { readSettings, requestDefaults } from '../settings';

export async function sendRequestFile(runner: CallRunner, diagnostics: RequestDiagnostics, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file to send it (see the examples/ folder).');
    return;
  }
  if (refuseIfErrors(document, diagnostics.check(document))) {
    return;
  }
  const parsed = parseRequestFile(document.getText());
  if (!parsed.ok) {
    return; // diagnostics reported it: a file that does not parse always has an error
  }
  const settings = readSettings(document.uri);
  const request = effectiveRequest(parsed.body, requestDefaults(settings));
  await runner.run(request, { kind: 'file', path: vscode.workspace.asRelativePath(document.uri) }, settings);
}
