// Claude: Send Request File — sends what is in the editor (saved or not) of a .claude.json file, unless the
// file has an error the API would refuse.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import type { CallSource } from '../../shared/callRecord';
import { effectiveRequest } from '../../core/effectiveRequest';
import type { FileNotices } from '../requestFiles/fileNotices';
import type { RequestDiagnostics } from '../requestFiles/requestDiagnostics';
import { documentTitle, refuseIfErrors, requestDocument } from '../requestDocument';
import { readSettings, requestDefaults } from '../settings';

export async function sendRequestFile(runner: CallRunner, diagnostics: RequestDiagnostics, notices: FileNotices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file to send it (see the examples/ folder).');
    return;
  }
  const checked = diagnostics.check(document);
  const refusal = refuseIfErrors(notices, document, checked.diagnostics);
  if (refusal) {
    runner.refused(refusal);
    return;
  }
  // A file that does not parse always has an error, so a body is there whenever nothing is refused.
  if (!checked.body) {
    return;
  }
  const settings = readSettings(document.uri);
  const request = effectiveRequest(checked.body, requestDefaults(settings));
  await runner.run(request, fileSource(document), settings, document);
}

/** A file on disk by its path in the workspace; an untitled one by its title ("Untitled-1"), as its tab shows it. */
export function fileSource(document: vscode.TextDocument): CallSource {
  return document.uri.scheme === 'untitled'
    ? { kind: 'file', title: documentTitle(document) }
    : { kind: 'file', path: vscode.workspace.asRelativePath(document.uri) };
}
