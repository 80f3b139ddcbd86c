// Finds the request file a command is about (the explorer's or editor title's URI, else the active editor) and
// reads it as it is in the editor, saved or not. Problems are told with their line and column, once per file.
import * as vscode from 'vscode';
import type { RequestDiagnostic } from '../core/diagnostics';
import { positionAt } from '../core/requestFile';
import type { FileNotices } from './requestFiles/fileNotices';

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
  // Every error (core caps each kind): the panel lists them and says how many.
  const reasons = errors.map((error) => {
    const { line, column } = positionAt(text, error.offset);
    return `${name}:${line}:${column}: ${error.message}`;
  });
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more in the Problems panel)` : '';
  notices.show(document.uri, `${what}: ${reasons[0]}${more}`);
  return { title: name, reasons };
}
