// Claude: Copy as curl — the curl of the request file at hand, else of the last call. Built from the request the
// SDK would send (or did send), with the key written as $ANTHROPIC_API_KEY. A file with an error is refused as
// Send refuses it.
import * as vscode from 'vscode';
import type { CapturedRequest } from '../../shared/callRecord';
import type { CallRunner } from '../callRunner';
import { captureWithoutSending } from '../../core/client';
import { CURL_BODY_MASKED_NOTE, curlOf } from '../../core/code/curl';
import { documentName, isRequestFile, requestDocument } from '../requestDocument';
import { resolveCall, type ResolveServices } from '../resolveCall';

/**
 * The request the SDK would send for a request file, captured without sending (also for Copy as Code…), or
 * undefined after telling the user why not (`what`: "no curl was made").
 */
export async function captureDocument(
  document: vscode.TextDocument,
  services: ResolveServices,
  what: string,
): Promise<{ captured: CapturedRequest; streamed: boolean } | undefined> {
  const resolved = await resolveCall({ kind: 'file', document }, services, { what, key: 'current' });
  if (!resolved.ok) {
    return undefined;
  }
  const { request, connection, apiKey } = resolved.call;
  try {
    return { captured: await captureWithoutSending(request, { apiKey, ...connection }), streamed: request.streamed };
  } catch (error) {
    void vscode.window.showErrorMessage(`Claude: cannot build the request: ${(error as Error).message}`);
    return undefined;
  }
}

/** The curl for a request file, or undefined after telling the user why not. */
export async function curlForDocument(
  document: vscode.TextDocument,
  services: ResolveServices,
): Promise<{ command: string; bodyMasked: boolean } | undefined> {
  const capture = await captureDocument(document, services, 'no curl was made');
  return capture && curlOf(capture.captured, { streamed: capture.streamed });
}

export async function copyCurl(runner: CallRunner, services: ResolveServices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  let curl: { command: string; bodyMasked: boolean } | undefined;
  let what: string;
  if (document && (uri || isRequestFile(document))) {
    curl = await curlForDocument(document, services);
    what = documentName(document);
    if (!curl) {
      return;
    }
  } else if (runner.lastCall?.curl) {
    curl = { command: runner.lastCall.curl, bodyMasked: runner.lastCall.curlBodyMasked === true };
    what = 'the last call';
  } else {
    void vscode.window.showWarningMessage('Claude: nothing to copy yet. Open a .claude.json request file, or send something first.');
    return;
  }
  await vscode.env.clipboard.writeText(curl.command);
  const copied = `Claude: curl for ${what} copied. It reads the key from $ANTHROPIC_API_KEY.`;
  if (curl.bodyMasked) {
    void vscode.window.showWarningMessage(`${copied} ${CURL_BODY_MASKED_NOTE}`);
  } else {
    void vscode.window.showInformationMessage(copied);
  }
}
