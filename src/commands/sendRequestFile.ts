// Claude: Send Request File — sends what is in the editor (saved or not) of a .claude.json file, unless the
// file has an error the API would refuse.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import { effectiveRequest } from '../core/effectiveRequest';
import type { RequestDiagnostics } from '../requestFiles/requestDiagnostics';
import { refuseIfErrors, requestDocument } from '../requestDocument';
import { readSettings, requestDefaults } from '../settings';

export async function sendRequestFile(runner: CallRunner, diagnostics: RequestDiagnostics, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file to send it (see the examples/ folder).');
    return;
  }
  const checked = diagnostics.check(document);
  // A file that does not parse always has an error, so a body is there whenever nothing is refused.
  if (refuseIfErrors(document, checked.diagnostics) || !checked.body) {
    return;
  }
  const settings = readSettings(document.uri);
  const request = effectiveRequest(checked.body, requestDefaults(settings));
  await runner.run(request, { kind: 'file', path: vscode.workspace.asRelativePath(document.uri) }, settings);
}
