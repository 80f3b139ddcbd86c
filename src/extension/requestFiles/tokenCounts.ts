// The last token count of each request file, for the CodeLens to show, and whether it still holds: an edit of the
// file or a change of the settings (default model, prices, base URL) makes it a count of something else.
import * as vscode from 'vscode';
import type { Estimate } from '../../shared/cost';
import { Disposable } from '../dispose';

export interface TokenCountEntry {
  inputTokens: number;
  /** The model that was counted, whose window and price the entry holds. */
  model: string;
  contextWindow?: number;
  estimate: Estimate;
  /** The document version that was counted: a later version makes the count stale. */
  version: number;
  /** The settings generation it was counted under: a settings change makes it stale too. */
  settings?: number;
}

export class TokenCounts extends Disposable {
  private readonly counts = new Map<string, TokenCountEntry>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  private generation = 0;
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('claudeInspector')) {
          this.generation += 1;
          this.changed.fire();
        }
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.counts.delete(d.uri.toString())));
  }

  get(document: vscode.TextDocument): TokenCountEntry | undefined {
    return this.counts.get(document.uri.toString());
  }

  /** True when the count was made of this very text, under the settings in force. */
  isCurrent(document: vscode.TextDocument, entry: TokenCountEntry): boolean {
    return entry.version === document.version && entry.settings === this.generation;
  }

  set(document: vscode.TextDocument, entry: Omit<TokenCountEntry, 'settings'>): void {
    this.counts.set(document.uri.toString(), { ...entry, settings: this.generation });
    this.changed.fire();
  }
}
