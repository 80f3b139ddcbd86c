// Applies an append (core/conversation/fileEdits) to a document as one WorkspaceEdit, so that one Undo takes it
// back; the file is not saved. With slots, the edit is a snippet: the cursor lands in the next user turn's text,
// or on the first tool_result placeholder, and Tab goes to the next one.
import * as vscode from 'vscode';
import type { AppendResult, PlacedSlot } from '../../core/conversation/fileEdits';
import { showRequestFile } from './showRequestFile';

/** Snippet syntax treats $, } and \ as special: everything the file gets is escaped, slots aside. */
function escaped(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** The inserted text as a snippet, each slot a tab stop (a placeholder with its text, or an empty stop). */
export function snippetOf(content: string, slots: readonly PlacedSlot[], offset: number): vscode.SnippetString {
  let value = '';
  let at = 0;
  slots.forEach((slot, i) => {
    const start = slot.offset - offset;
    value += escaped(content.slice(at, start));
    const text = content.slice(start, start + slot.length);
    value += text === '' ? `\${${i + 1}}` : `\${${i + 1}:${escaped(text)}}`;
    at = start + slot.length;
  });
  value += escaped(content.slice(at));
  return new vscode.SnippetString(value);
}

/** Shows the document and applies the append: a snippet when it has slots to fill, plain text otherwise. */
export async function applyAppend(document: vscode.TextDocument, result: Extract<AppendResult, { ok: true }>): Promise<vscode.TextEditor> {
  const editor = await showRequestFile(document);
  const position = document.positionAt(result.edit.offset);
  const range = new vscode.Range(position, document.positionAt(result.edit.offset + result.edit.length));
  const edit = new vscode.WorkspaceEdit();
  if (result.slots.length > 0) {
    const snippet = new vscode.SnippetTextEdit(range, snippetOf(result.edit.content, result.slots, result.edit.offset));
    // The file's own indentation, not the editor's idea of it.
    snippet.keepWhitespace = true;
    edit.set(document.uri, [snippet]);
  } else {
    edit.replace(document.uri, range, result.edit.content);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error('the editor did not take the edit (is the file read-only?)');
  }
  if (result.slots.length > 0 && editor.document.getText() !== result.text) {
    return editor;
  }
  if (result.slots.length > 0 && !editor.selection.active.isAfter(position)) {
    // Snippet mode is only entered in the active editor; elsewhere, the cursor is put in the first slot by hand.
    const first = result.slots[0];
    editor.selection = new vscode.Selection(document.positionAt(first.offset), document.positionAt(first.offset + first.length));
  }
  return editor;
}
