// The last token count of each request file, for the CodeLens to show, and whether the file changed since.
import * as vscode from 'vscode';
import type { Estimate } from '../core/cost';

export interface TokenCountEntry {
  inputTokens: number;
  contextWindow?: number;
  estimate: Estimate;
  /** The document version that was counted: a later version shows the count as stale. */
  version: number;
}

export class TokenCounts implements vscode.Disposable {
  private readonly counts = new Map<string, TokenCountEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get(document: vscode.TextDocument): TokenCountEntry | undefined {
    return this.counts.get(document.uri.toString());
  }

  set(document: vscode.TextDocument, entry: TokenCountEntry): void {
    this.counts.set(document.uri.toString(), entry);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
