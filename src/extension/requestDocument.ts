// Finds the request file a command is about (the explorer's or editor title's URI, else the active editor) and
// reads it as it is in the editor, saved or not. Problems are told with their line and column, once per file.
import * as vscode from 'vscode';
import type { RequestDiagnostic } from '../core/requestFiles/diagnostics';
import { positionAt } from '../core/requestFiles/requestFile';
import type { FileNotices } from './requestFiles/fileNotices';
import { problemsOf } from './requestFiles/problemsList';

export function isRequestFile(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith('.claude.json');
}

/** The document for a command: the URI it was given, else the active editor's. */
export async function requestDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) {
    // openTextDocument returns the open document, with its unsaved edits, when there is one.
    return vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

/** What a command says when it refuses a file: the file's name and one line per error, `file:line:column: message`. */
export interface Refusal {
  title: string;
  reasons: string[];
  /** Warnings the Problems panel lists besides the errors (they do not refuse). */
  warnings: number;
}

/** How the file is named to the user: its path in the workspace, or for an unsaved new file its title. */
export function documentName(document: vscode.TextDocument): string {
  return document.uri.scheme === 'untitled' ? documentTitle(document) : vscode.workspace.asRelativePath(document.uri);
}

/** The editor tab's title of an untitled document ("Untitled-1", or the name it was created with). */
export function documentTitle(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || document.uri.path;
}

/**
 * When the file has an error the API would refuse: tells the user (one notice per file, closed when the errors are
 * fixed) and returns what was refused and why; nothing is sent then. Warnings and notes never refuse.
 */
export function refuseIfErrors(
  notices: FileNotices,
  document: vscode.TextDocument,
  diagnostics: RequestDiagnostic[],
  what = 'nothing was sent',
): Refusal | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    return undefined;
  }
  const name = documentName(document);
  const text = document.getText();
  // Ours decide the refusal (core caps each kind); what is said is what the Problems panel lists.
  const ours = errors.map((error) => {
    const { line, column } = positionAt(text, error.offset);
    return `${name}:${line}:${column}: ${error.message}`;
  });
  const { errors: reasons, warnings } = problemsOf(document, name, ours);
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more in the Problems panel)` : '';
  // A refused send reaches the panel ("Not sent"); a refused count or curl does not.
  notices.show(document.uri, `${what}: ${reasons[0]}${more}`, { panelSaysIt: what === 'nothing was sent' });
  return { title: name, reasons, warnings };
}
