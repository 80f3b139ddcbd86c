// "Send · Count tokens · Copy as curl · Compare" above the first line of every request file, with the last token count.
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { formatCount } from '../../shared/format';
import { shortTokenCountText } from '../../shared/tokenCountText';
import type { TokenCounts } from './tokenCounts';

export class RequestCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly counts: TokenCounts) {
    this.onDidChangeCodeLenses = counts.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const count = this.counts.get(document);
    let countTitle = '$(symbol-numeric) Count tokens';
    let countTooltip = 'Count the input tokens with /v1/messages/count_tokens';
    if (count && this.counts.isCurrent(document, count)) {
      countTitle = `$(symbol-numeric) ${shortTokenCountText(count.inputTokens, count.contextWindow, count.estimate)}`;
      countTooltip = `${count.model}: counted with /v1/messages/count_tokens. Click to count again.`;
    } else if (count) {
      // The file or the settings changed since: the old model's window and price would be wrong, so they go.
      countTitle = `$(symbol-numeric) count is for the old text (${formatCount(count.inputTokens)} tokens) — click to recount`;
      countTooltip = `Counted for ${count.model} before the last change of the file or the settings.`;
    }
    return [
      new vscode.CodeLens(top, { title: '$(send) Send', command: Commands.sendRequestFile, arguments: [document.uri], tooltip: 'Send this request (Ctrl+Alt+Enter)' }),
      new vscode.CodeLens(top, { title: countTitle, command: Commands.countTokens, arguments: [document.uri], tooltip: countTooltip }),
      new vscode.CodeLens(top, { title: '$(terminal) Copy as curl', command: Commands.copyCurl, arguments: [document.uri], tooltip: 'Copy an equivalent curl command' }),
      new vscode.CodeLens(top, { title: '$(versions) Compare', command: Commands.compareModels, arguments: [document.uri], tooltip: 'Compare models on this request, several runs each' }),
    ];
  }
}
