// Claude: List Models — every model from GET /v1/models (all pages) in a quick pick; the choice becomes the active
// request file's "model" (one undoable edit) or the default model setting.
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';
import { summarizeError } from '../../core/callError';
import { listModels as fetchModels, ModelSummary } from '../../core/models';
import { describeModel } from '../../shared/modelText';
import type { ModelsCache } from '../modelsCache';
import { isRequestFile } from '../requestDocument';
import { connectionOrTell, readSettings, SECTION } from '../settings';

interface ModelItem extends vscode.QuickPickItem {
  model: ModelSummary;
}

/** Fetches the list (with progress) and caches it; falls back to the cached list with a warning on failure. */
export async function refreshModels(keys: ApiKeyStore, cache: ModelsCache, scope?: vscode.Uri): Promise<ModelSummary[] | undefined> {
  const settings = readSettings(scope);
  const connection = connectionOrTell(settings, 'no models were listed');
  if (!connection) {
    return undefined;
  }
  const { baseUrl } = connection;
  const apiKey = await keys.getOrAsk();
  if (!apiKey) {
    return cache.get(baseUrl)?.models;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Claude: listing models at ${baseUrl}…`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return fetchModels({ apiKey, ...connection, signal: controller.signal });
    },
  );
  if (result.ok) {
    await cache.set(baseUrl, result.models);
    return result.models;
  }
  const cached = cache.get(baseUrl);
  void vscode.window.showErrorMessage(
    `Claude: could not list models: ${summarizeError(result.error)}${cached ? ` Showing the list from ${cached.fetchedAt.slice(0, 16).replace('T', ' ')}.` : ''}`,
  );
  return cached?.models;
}

export async function listModels(keys: ApiKeyStore, cache: ModelsCache): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const target = editor && isRequestFile(editor.document) ? editor : undefined;
  const models = await refreshModels(keys, cache, target?.document.uri);
  if (!models) {
    return;
  }
  const current = target ? currentModel(target.document) : readSettings().defaultModel;
  const items: ModelItem[] = models.map((model) => ({
    label: model.displayName,
    description: model.id === current ? `${model.id} (current)` : model.id,
    detail: describeModel(model),
    model,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Claude: ${models.length} models`,
    placeHolder: target ? `Set "model" in ${vscode.workspace.asRelativePath(target.document.uri)}` : 'Set the default model (claudeInspector.defaultModel)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) {
    return;
  }
  if (target) {
    await setModelInFile(target.document, picked.model.id);
  } else {
    await vscode.workspace.getConfiguration(SECTION).update('defaultModel', picked.model.id, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(`Claude: default model is now ${picked.model.id}.`);
  }
}

function currentModel(document: vscode.TextDocument): string | undefined {
  const root = parseTree(document.getText());
  const node = root && findNodeAtLocation(root, ['model']);
  return typeof node?.value === 'string' ? node.value : undefined;
}

/** Sets "model" with one workspace edit, keeping comments and formatting: Undo takes it back in one step. */
export async function setModelInFile(document: vscode.TextDocument, model: string): Promise<boolean> {
  const text = document.getText();
  const edits = modify(text, ['model'], model, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  if (edits.length === 0) {
    return true;
  }
  // One replacement covering all the edits, so that the change is a single undo stop.
  const start = Math.min(...edits.map((e) => e.offset));
  const end = Math.max(...edits.map((e) => e.offset + e.length));
  const updated = applyEdits(text, edits);
  const replacement = updated.slice(start, updated.length - (text.length - end));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), replacement);
  return vscode.workspace.applyEdit(edit);
}
