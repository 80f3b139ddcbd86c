// Claude: Fork Conversation Here — a new untitled request file with the turns up to the message under the cursor
// (or the one a CodeLens names), and the rest of the file (model, system, tools, comments) as it was.
import * as vscode from 'vscode';
import { forkAt, messageIndexAt, messageSummaries } from '../../core/conversation/fork';
import { documentName, requestDocument } from '../requestDocument';
import { freeName } from './newRequestFile';

/**
 * `index`: the message to fork at; 'pick' to choose it from the file's messages (a conversation too long for a lens
 * on each); none: the message under the cursor, or, when the file is not the active editor (the explorer's context
 * menu, which passes the selected files as the second argument), a choice from its messages.
 */
export async function forkConversation(uri?: vscode.Uri, given?: unknown): Promise<vscode.TextEditor | undefined> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file and put the cursor in a message to fork the conversation there.');
    return undefined;
  }
  const text = document.getText();
  const editor = vscode.window.activeTextEditor;
  let index = typeof given === 'number' ? given : undefined;
  if (index === undefined && (given === 'pick' || editor?.document !== document)) {
    const messages = messageSummaries(text);
    if (messages.length === 0) {
      void vscode.window.showWarningMessage(`Claude: cannot fork ${documentName(document)}: it has no messages to fork at.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      messages.map((m) => ({ label: `messages[${m.index}]`, description: m.role, detail: m.words, index: m.index })),
      { title: `Fork ${documentName(document)} at a message`, placeHolder: 'The new request file keeps the messages up to this one', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) {
      return undefined;
    }
    index = picked.index;
  }
  const at = index ?? (editor?.document === document ? messageIndexAt(text, document.offsetAt(editor.selection.active)) : undefined);
  if (at === undefined) {
    void vscode.window.showWarningMessage(`Claude: the cursor is in no message of ${documentName(document)}: put it in the turn to fork at.`);
    return undefined;
  }
  const fork = forkAt(text, at);
  if (!fork.ok) {
    void vscode.window.showWarningMessage(`Claude: cannot fork ${documentName(document)}: ${fork.reason}.`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  const forked = await vscode.workspace.openTextDocument(freeName(folder?.uri));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(forked.uri, new vscode.Position(0, 0), fork.text);
  await vscode.workspace.applyEdit(edit);
  const shown = await vscode.window.showTextDocument(forked, { preview: false });
  void vscode.window.setStatusBarMessage(`Claude: forked ${documentName(document)} at messages[${at}] (${fork.kept} kept, ${fork.dropped} left out).`, 5000);
  return shown;
}
