// Where a Continue shows the request file it edits. It is often pressed in the panel, and a click in a webview makes
// the panel's editor group the active one: showing the file in the active group would open it a second time, over
// the panel, and hide the answer the person just continued from. So the file stays in the group that shows it.
import * as vscode from 'vscode';

/** True when the group's front tab is a webview (the response panel, or another extension's). */
function showsWebview(group: vscode.TabGroup): boolean {
  return group.activeTab?.input instanceof vscode.TabInputWebview;
}

/**
 * The column to show `document` in: the group where it is shown, else where it has a tab, else (a new or closed
 * file) the active group unless a webview is in front there, then the first group with a text editor in front.
 */
export function columnFor(document: vscode.TextDocument): vscode.ViewColumn | undefined {
  const uri = document.uri.toString();
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
  if (visible?.viewColumn !== undefined) {
    return visible.viewColumn;
  }
  const groups = vscode.window.tabGroups;
  const tabbed = groups.all.find((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri));
  if (tabbed) {
    return tabbed.viewColumn;
  }
  if (!showsWebview(groups.activeTabGroup)) {
    return undefined;
  }
  return groups.all.find((group) => !showsWebview(group))?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** Shows the request file, pinned, in its own group (see columnFor), with the focus. */
export function showRequestFile(document: vscode.TextDocument): Thenable<vscode.TextEditor> {
  return vscode.window.showTextDocument(document, { preview: false, viewColumn: columnFor(document) });
}
