// Finds the request file a command is about (the explorer's or editor title's URI, else the active editor) and
// reads it as it is in the editor, saved or not. Problems are shown with their line and column, and can be jumped to.
import * as vscode from 'vscode';
import type { JsonObject } from './core/callRecord';
import { formatProblem, parseRequestFile, RequestFileProblem } from './core/requestFile';

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

async function revealProblem(document: vscode.TextDocument, problem: RequestFileProblem): Promise<void> {
  const start = document.positionAt(problem.offset);
  const end = document.positionAt(problem.offset + Math.max(problem.length, 1));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
