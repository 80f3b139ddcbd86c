// Finds the request file a command is about (the explorer's or editor title's URI, else the active editor) and
// reads it as it is in the editor, saved or not. Problems are shown with their line and column, and can be jumped to.
import * as vscode from 'vscode';
import type { JsonObject } from './core/callRecord';
import type { RequestDiagnostic } from './core/diagnostics';
import { formatProblem, parseRequestFile, positionAt } from './core/requestFile';

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

/** The request body of a document, or undefined after telling the user what is wrong and where. */
export async function readRequestBody(document: vscode.TextDocument): Promise<JsonObject | undefined> {
  const parsed = parseRequestFile(document.getText());
  if (parsed.ok) {
    return parsed.body;
  }
  const first = parsed.problems[0];
  const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
  const name = vscode.workspace.asRelativePath(document.uri);
  const choice = await vscode.window.showErrorMessage(
    `Claude: nothing was sent. ${formatProblem(first, name)}${more}`,
    'Go to Problem',
  );
  if (choice) {
    await revealProblem(document, first);
  }
  return undefined;
}

/**
 * True, after telling the user, when the file has an error that the API would refuse: nothing is sent then.
 * The message points at the first error; warnings and notes never block.
 */
export function refuseIfErrors(document: vscode.TextDocument, diagnostics: RequestDiagnostic[]): boolean {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    return false;
  }
  const first = errors[0];
  const { line, column } = positionAt(document.getText(), first.offset);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more in the Problems panel)` : '';
  const name = vscode.workspace.asRelativePath(document.uri);
  void vscode.window
    .showErrorMessage(`Claude: nothing was sent. ${name}:${line}:${column}: ${first.message}${more}`, 'Go to Problem')
    .then((choice) => choice && revealProblem(document, first));
  return true;
}

async function revealProblem(document: vscode.TextDocument, problem: { offset: number; length: number }): Promise<void> {
  const start = document.positionAt(problem.offset);
  const end = document.positionAt(problem.offset + Math.max(problem.length, 1));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
