// Claude: Copy as curl — the curl of the request file at hand, else of the last call. Built from the request the
// SDK would send (or did send), with the key written as $ANTHROPIC_API_KEY.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';
import type { CallRunner } from '../callRunner';
import { captureWithoutSending } from '../../core/client';
import { toCurl } from '../../core/curl';
import { effectiveRequest } from '../../core/effectiveRequest';
import type { FileNotices } from '../requestFiles/fileNotices';
import { documentName, isRequestFile, readRequestBody, requestDocument } from '../requestDocument';
import { connectionOrTell, readSettings, requestDefaults } from '../settings';

/** The curl for a request file, or undefined after telling the user why not. */
export async function curlForDocument(document: vscode.TextDocument, keys: ApiKeyStore, notices: FileNotices): Promise<string | undefined> {
  const body = readRequestBody(document, notices, 'no curl was made');
  if (!body) {
    return undefined;
  }
  const settings = readSettings(document.uri);
  const request = effectiveRequest(body, requestDefaults(settings));
  const connection = connectionOrTell(settings, 'no curl was made');
  if (!connection) {
    return undefined;
  }
  const { key } = await keys.current();
  try {
    const captured = await captureWithoutSending(request, {
      apiKey: key,
      ...connection,
    });
    return toCurl(captured, { streamed: request.streamed });
  } catch (error) {
    void vscode.window.showErrorMessage(`Claude: cannot build the request: ${(error as Error).message}`);
    return undefined;
  }
}

export async function copyCurl(keys: ApiKeyStore, runner: CallRunner, notices: FileNotices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  let curl: string | undefined;
  let what: string;
  if (document && (uri || isRequestFile(document))) {
    curl = await curlForDocument(document, keys, notices);
    what = documentName(document);
    if (!curl) {
      return;
    }
  } else if (runner.lastCall?.curl) {
    curl = runner.lastCall.curl;
    what = 'the last call';
  } else {
    void vscode.window.showWarningMessage('Claude: nothing to copy yet. Open a .claude.json request file, or send something first.');
    return;
  }
  await vscode.env.clipboard.writeText(curl);
  void vscode.window.showInformationMessage(`Claude: curl for ${what} copied. It reads the key from $ANTHROPIC_API_KEY.`);
}
