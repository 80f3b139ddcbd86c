// What a refusal lists: the file's problems as the Problems panel shows them, so that the panel's "Not sent" box and
// the Problems panel count the same things. There, VS Code's JSON server reports the syntax errors and duplicate
// keys (ours are hidden then, see requestDiagnostics.ts) and our checks the rest.
import * as vscode from 'vscode';

export interface FileProblems {
  /** `file:line:column: message`, in the order of the file: the errors, which refuse a send. */
  errors: string[];
  /** How many warnings the Problems panel lists besides. */
  warnings: number;
}

/**
 * The Problems panel's errors and warnings of `document`, named `name`; `ours` (our own errors, already in that
 * form) when it lists no error yet: the JSON server may not have reported a file opened a moment ago.
 */
export function problemsOf(document: vscode.TextDocument, name: string, ours: string[]): FileProblems {
  const listed = vscode.languages.getDiagnostics(document.uri);
  const errors = listed
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => `${name}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  const warnings = listed.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  return { errors: errors.length > 0 ? errors : ours, warnings };
}
