// Model ids from the cached models list as completions for "model" in request files (the schema adds its own
// examples; this list is what the API at the configured base URL really offers).
import { getLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { resolveBaseUrl } from '../../core/client';
import { describeModel } from '../../shared/modelText';
import type { ModelsCache } from '../modelsCache';
import { readSettings } from '../settings';

export class ModelCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly models: ModelsCache) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const offset = document.offsetAt(position);
    const location = getLocation(document.getText(), offset);
    if (location.isAtPropertyKey || location.path.length !== 1 || location.path[0] !== 'model') {
      return [];
    }
    const cached = this.models.get(resolveBaseUrl(readSettings(document.uri).baseUrl));
    if (!cached) {
      return [];
    }
    // Replace the whole string value, quotes included, whatever part of it is typed.
    const node = location.previousNode;
    const range =
      node && node.type === 'string'
        ? new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length))
        : undefined;
    return cached.models.map((model, i) => {
      const item = new vscode.CompletionItem(JSON.stringify(model.id), vscode.CompletionItemKind.Value);
      item.filterText = JSON.stringify(model.id);
      item.detail = model.displayName;
      item.documentation = describeModel(model);
      item.sortText = String(i).padStart(4, '0');
      item.range = range;
      return item;
    });
  }
}
