// Says so when the claudeInspector.prices setting has an entry that cannot be used, instead of silently pricing
// the model from the built-in table (or not at all).
import * as vscode from 'vscode';
import { readPriceOverrides } from '../shared/prices';
import { SECTION } from './settings';

export function watchPriceSetting(): vscode.Disposable {
  let lastReported = '';
  const check = () => {
    const { problems } = readPriceOverrides(vscode.workspace.getConfiguration(SECTION).get('prices'));
    const text = problems.join('; ');
    if (text && text !== lastReported) {
      void vscode.window
        .showWarningMessage(`Claude: ${text}. Those entries are ignored.`, 'Open Settings')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'claudeInspector.prices'));
    }
    lastReported = text;
  };
  // After activation, not in it: activation stays light, and the warning is no less visible a moment later.
  const first = setTimeout(check, 0);
  const watching = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.prices`)) {
      check();
    }
  });
  return { dispose: () => (clearTimeout(first), watching.dispose()) };
}
