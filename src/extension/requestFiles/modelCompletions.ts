// Model ids from the cached models list as completions for "model" in request files (the schema adds its own
// examples; this list is what the API at the configured base URL really offers).
import { getLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { resolveBaseUrl } from '../../core/client';
import { describeModel } from '../../shared/modelText';
import type { ModelsCache } from '../modelsCache';
import { readSettings } from '../settings';

/** Beyond this size, a file's text is not read for a completion unless the line says it is a model's value. */
const BIG_FILE = 256 * 1024;
const MODEL_VALUE = /"model"\s*:\s*"[^"]*$/;

export class ModelCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly models: ModelsCache) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const cached = this.models.get(resolveBaseUrl(readSettings(document.uri).baseUrl));
    if (!cached) {
      return [];
    }
    // A quote typed in a big file (a stray one in a 5 MB string) would have the whole text read and scanned on the
    // extension host's thread: there, only a value after "model": on the same line is looked at.
    if (document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > BIG_FILE && !MODEL_VALUE.test(document.lineAt(position.line).text.slice(Math.max(0, position.character - 300), position.character))) {
      return [];
    }
    const offset = document.offsetAt(position);
    const location = getLocation(document.getText(), offset);
    if (location.isAtPropertyKey || location.path.length !== 1 || location.path[0] !== 'model') {
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
