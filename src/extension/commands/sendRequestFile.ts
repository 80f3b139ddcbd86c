// Claude: Send Request File — sends what is in the editor (saved or not) of a .claude.json file, unless the
// file has an error the API would refuse.
import * as vscode from 'vscode';
import type { CallRunner } from '../callRunner';
import { requestDocument } from '../requestDocument';
import { NO_KEY, resolveCall, type ResolveServices } from '../resolveCall';

export async function sendRequestFile(runner: CallRunner, services: ResolveServices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file to send it (see the examples/ folder).');
    return;
  }
  const resolved = await resolveCall({ kind: 'file', document }, services, { what: 'nothing was sent', key: 'ask', noKey: NO_KEY });
  if (!resolved.ok) {
    if (resolved.refusal) {
      runner.refused(resolved.refusal);
    }
    return;
  }
  await runner.run(resolved.call);
}
