// Claude: New Request File — a new untitled .claude.json, from the selection if there is one (it becomes the user
// message), else from a template; opened ready to send.
import * as vscode from 'vscode';
import { readSettings } from '../settings';

export function requestFileText(userText: string, model: string, maxTokens: number): string {
  const body = {
    model,
    max_tokens: maxTokens,
    messages: [{ role: 'user', content: userText }],
  };
  return `// A Claude Messages API request body. Send it with Ctrl+Alt+Enter (Cmd+Alt+Enter on macOS) or the ▷ button.\n${JSON.stringify(body, null, 2)}\n`;
}

export function freeName(folder: vscode.Uri | undefined): vscode.Uri {
  const base = folder ?? vscode.Uri.file(process.cwd());
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'request.claude.json' : `request-${i}.claude.json`;
    const uri = vscode.Uri.joinPath(base, name).with({ scheme: 'untitled' });
    if (!open.has(uri.path)) {
      return uri;
    }
  }
}

export async function newRequestFile(): Promise<vscode.TextEditor> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const settings = readSettings(editor?.document.uri);
  const folder = (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  // An untitled document with a .claude.json name gets the request-file language, checks and CodeLens at once.
  const uri = freeName(folder?.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const opened = await vscode.window.showTextDocument(document);
  const text = requestFileText(selected || 'Write your message here.', settings.defaultModel, settings.defaultMaxTokens);
  await opened.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  if (!selected) {
    // Select the placeholder so that typing replaces it.
    const index = text.indexOf('Write your message here.');
    opened.selection = new vscode.Selection(document.positionAt(index), document.positionAt(index + 'Write your message here.'.length));
  }
  return opened;
}
