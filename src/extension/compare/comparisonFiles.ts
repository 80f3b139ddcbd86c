// Saving a comparison to a file and opening it again, and its exports (a Markdown table, the JSON the CLI prints) as
// new untitled documents the user can read, copy or save.
import * as vscode from 'vscode';
import { summarizeError } from '../../core/callError';
import type { Comparison, ComparisonRun } from '../../shared/modelCompare/comparison';
import { COMPARISON_FILE_SUFFIX, comparisonFileText, readComparisonFile } from '../../shared/modelCompare/comparisonFile';
import { comparisonJson, comparisonMarkdown } from '../../shared/modelCompare/exports';

const describeError = (run: ComparisonRun) => (run.record?.error ? summarizeError(run.record.error) : 'cancelled before it was sent');

/** Asks where (beside the request, named after it) and writes the comparison; the file's URI, or undefined. */
export async function saveComparison(comparison: Comparison, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: defaultFile(comparison), filters: { 'Claude comparison': ['json'] }, title: 'Save the comparison' }));
  if (!uri) {
    return undefined;
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(comparisonFileText(comparison), 'utf8'));
  return uri;
}

function defaultFile(comparison: Comparison): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    return undefined;
  }
  const path = comparison.source.kind === 'selection' ? comparison.source.document : comparison.source.path;
  const base = (path ?? 'request').replace(/\.claude\.json$/, '').replace(/\.[^./\\]+$/, '');
  return vscode.Uri.joinPath(folder, `${base}${COMPARISON_FILE_SUFFIX}`);
}

/** Reads a saved comparison; says what is wrong with a file that is not one. */
export async function openComparisonFile(uri: vscode.Uri): Promise<Comparison | undefined> {
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch (error) {
    void vscode.window.showErrorMessage(`Claude: cannot read ${vscode.workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const read = readComparisonFile(text);
  if (!read.ok) {
    void vscode.window.showErrorMessage(`Claude: ${vscode.workspace.asRelativePath(uri)} cannot be opened as a comparison: ${read.problem}.`);
    return undefined;
  }
  return read.comparison;
}

/** The export as a new untitled document: Markdown (a table) or JSON (what `claude-inspector compare --json` prints). */
export async function exportComparison(comparison: Comparison, format: 'markdown' | 'json'): Promise<vscode.TextDocument> {
  const content = format === 'markdown' ? comparisonMarkdown(comparison, describeError) : `${JSON.stringify(comparisonJson(comparison, describeError), null, 2)}\n`;
  const document = await vscode.workspace.openTextDocument({ language: format, content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
