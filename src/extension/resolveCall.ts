// The one way from what a command is about (a request file, or the selected text) plus the settings to what it
// sends: the effective request, where it came from, and the connection (checked by core, as the CLI's flags are),
// with the key last. Send Request File, Send Selection, Count Tokens and Copy as curl all go through here, so a file
// with an error is refused the same way by each, and a base URL one of them refuses, all of them refuse.
import * as vscode from 'vscode';
import type { CallSource } from '../shared/callRecord';
import type { Connection } from '../core/connection';
import { effectiveRequest, type EffectiveRequest, selectionRequest } from '../core/effectiveRequest';
import type { ApiKeyStore } from './apiKey';
import type { FileNotices } from './requestFiles/fileNotices';
import type { RequestDiagnostics } from './requestFiles/requestDiagnostics';
import { documentTitle, type Refusal, refuseIfErrors } from './requestDocument';
import { connectionOrTell, readSettings, requestDefaults, type Settings } from './settings';

/** What a command is about: a request file as it is in the editor, or text selected in a document. */
export type CallTarget = { kind: 'file'; document: vscode.TextDocument } | { kind: 'selection'; document: vscode.TextDocument; text: string };

export interface ResolvedCall {
  /** Absent for a call from history (Re-run): it comes from no open document. */
  document?: vscode.TextDocument;
  /** The settings of the document's scope, read now: a change applies to the next command at once. */
  settings: Settings;
  request: EffectiveRequest;
  source: CallSource;
  connection: Connection;
  /** The key to send with; empty only when `key: 'current'` found none (a curl names $ANTHROPIC_API_KEY anyway). */
  apiKey: string;
}

export interface ResolveServices {
  keys: ApiKeyStore;
  diagnostics: RequestDiagnostics;
  notices: FileNotices;
}

/** What a send says when the user declines to give a key. */
export const NO_KEY = 'Nothing was sent: an API key is needed. Run "Claude: Set API Key" to set one.';

export interface ResolveOptions {
  /** What the user is told was not done: "nothing was sent", "nothing was counted", "no curl was made". */
  what: string;
  /** 'ask' asks for a key when none is set (a call needs one); 'current' takes what there is, maybe none. */
  key: 'ask' | 'current';
  /** Said when the user declines to give a key. */
  noKey?: string;
}

export type Resolution = { ok: true; call: ResolvedCall } | { ok: false; refusal?: Refusal };

/**
 * The request and the connection for `target`, or nothing after telling the user why: a file with an error (one
 * notice per file, line and column; the refusal is returned for the panel), settings that cannot be used (with a
 * button to them), no key given.
 */
export async function resolveCall(target: CallTarget, services: ResolveServices, options: ResolveOptions): Promise<Resolution> {
  const { document } = target;
  const settings = readSettings(document.uri);
  let body;
  if (target.kind === 'file') {
    const checked = services.diagnostics.check(document);
    const refusal = refuseIfErrors(services.notices, document, checked.diagnostics, options.what);
    // A file that does not parse always has an error, so a body is there whenever nothing is refused.
    if (refusal || !checked.body) {
      return { ok: false, refusal };
    }
    body = checked.body;
  } else {
    body = selectionRequest(target.text);
  }
  const request = effectiveRequest(body, requestDefaults(settings));
  const connection = connectionOrTell(settings, options.what);
  if (!connection) {
    return { ok: false };
  }
  const apiKey = options.key === 'ask' ? await services.keys.getOrAsk() : (await services.keys.current()).key;
  if (apiKey === undefined) {
    if (options.noKey) {
      void vscode.window.showWarningMessage(options.noKey);
    }
    return { ok: false };
  }
  return { ok: true, call: { document, settings, request, source: sourceOf(target), connection, apiKey } };
}

/** The text of every selection of the editor, in document order, as one message; empty when nothing is selected. */
export function selectedText(editor: vscode.TextEditor): string {
  return [...editor.selections]
    .sort((a, b) => a.start.compareTo(b.start))
    .map((selection) => editor.document.getText(selection))
    .filter((part) => part.trim() !== '')
    .join('\n\n');
}

/** A file on disk by its path in the workspace; an untitled one by its title ("Untitled-1"), as its tab shows it. */
function sourceOf(target: CallTarget): CallSource {
  const { document } = target;
  const untitled = document.uri.scheme === 'untitled';
  if (target.kind === 'file') {
    return untitled ? { kind: 'file', title: documentTitle(document) } : { kind: 'file', path: vscode.workspace.asRelativePath(document.uri) };
  }
  return untitled ? { kind: 'selection', title: documentTitle(document) } : { kind: 'selection', document: vscode.workspace.asRelativePath(document.uri) };
}
