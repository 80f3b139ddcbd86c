// Claude: Count Tokens — input tokens of the request file at hand, or of the selection as one user message, from
// /v1/messages/count_tokens; shown with the model's context window and what the call would cost.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';
import { summarizeError } from '../../core/callError';
import { estimateCost, formatUsd } from '../../shared/cost';
import { countTokens as count } from '../../core/countTokens';
import { retrieveModel } from '../../core/models';
import { effectiveRequest, selectionRequest } from '../../core/effectiveRequest';
import type { ModelsCache } from '../modelsCache';
import type { FileNotices } from '../requestFiles/fileNotices';
import type { RequestDiagnostics } from '../requestFiles/requestDiagnostics';
import type { TokenCounts } from '../requestFiles/tokenCounts';
import { isRequestFile, refuseIfErrors, requestDocument } from '../requestDocument';
import { connectionOrTell, readSettings, requestDefaults } from '../settings';

export interface CountTokensServices {
  keys: ApiKeyStore;
  models: ModelsCache;
  counts: TokenCounts;
  diagnostics: RequestDiagnostics;
  notices: FileNotices;
}

export async function countTokens(services: CountTokensServices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file, or select text, to count its tokens.');
    return;
  }
  const settings = readSettings(document.uri);
  const fromFile = uri !== undefined || isRequestFile(document);
  let body;
  if (fromFile) {
    const checked = services.diagnostics.check(document);
    if (refuseIfErrors(services.notices, document, checked.diagnostics, 'nothing was counted') || !checked.body) {
      return;
    }
    body = effectiveRequest(checked.body, requestDefaults(settings)).body;
  } else {
    const editor = vscode.window.activeTextEditor;
    const text = editor ? editor.document.getText(editor.selection) : '';
    if (text.trim() === '') {
      void vscode.window.showWarningMessage('Claude: select the text to count, or open a .claude.json request file.');
      return;
    }
    body = effectiveRequest(selectionRequest(text), requestDefaults(settings)).body;
  }
  // The text counted is the text of now: an edit while the count runs makes it stale at once.
  const countedVersion = document.version;
  const connection = connectionOrTell(settings, 'nothing was counted');
  if (!connection) {
    return;
  }
  const apiKey = await services.keys.getOrAsk();
  if (!apiKey) {
    return;
  }
  const { baseUrl } = connection;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Claude: counting tokens…' },
    () => count(body, { apiKey, ...connection }),
  );
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Claude: could not count tokens: ${summarizeError(result.error)}`);
    return;
  }
  const model = String(body.model);
  const maxTokens = Number(body.max_tokens);
  const contextWindow =
    services.models.get(baseUrl)?.models.find((m) => m.id === model)?.contextWindow ??
    (await retrieveModel(model, { apiKey, ...connection, maxRetries: 0 }))?.contextWindow;
  const estimate = estimateCost(model, result.inputTokens, maxTokens, settings.prices);
  if (fromFile) {
    services.counts.set(document, { inputTokens: result.inputTokens, model, contextWindow, estimate, version: countedVersion });
  }
  const share = contextWindow ? ` of ${contextWindow.toLocaleString('en-US')} (${((result.inputTokens / contextWindow) * 100).toFixed(1)}% of ${model}'s context window)` : ` (${model}: the API did not say its context window)`;
  const cost = estimate.known
    ? ` Cost: ${formatUsd(estimate.inputUsd)} input, at most ${formatUsd(estimate.ceilingUsd)} with max_tokens ${maxTokens}.`
    : ` ${estimate.reason}`;
  void vscode.window.showInformationMessage(`Claude: ${result.inputTokens.toLocaleString('en-US')} input tokens${share}.${cost}`);
}
