// Claude: Count Tokens — input tokens of the request file at hand, or of the selection as one user message, from
// /v1/messages/count_tokens; shown with the model's context window and what the call would cost.
import * as vscode from 'vscode';
import { summarizeError } from '../../core/callError';
import { estimateCost } from '../../shared/cost';
import { PRICES_SETTING } from '../../shared/prices';
import { countTokens as count } from '../../core/countTokens';
import { retrieveModel } from '../../core/models';
import { estimateText, tokenCountText } from '../../shared/tokenCountText';
import type { ModelsCache } from '../modelsCache';
import type { TokenCounts } from '../requestFiles/tokenCounts';
import { isRequestFile, requestDocument } from '../requestDocument';
import { type CallTarget, resolveCall, type ResolveServices, selectedText } from '../resolveCall';

export interface CountTokensServices extends ResolveServices {
  models: ModelsCache;
  counts: TokenCounts;
}

export async function countTokens(services: CountTokensServices, uri?: vscode.Uri): Promise<void> {
  const document = await requestDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Claude: open a .claude.json request file, or select text, to count its tokens.');
    return;
  }
  const fromFile = uri !== undefined || isRequestFile(document);
  let target: CallTarget = { kind: 'file', document };
  if (!fromFile) {
    const editor = vscode.window.activeTextEditor;
    const text = editor ? selectedText(editor) : '';
    if (!editor || text.trim() === '') {
      void vscode.window.showWarningMessage('Claude: select the text to count, or open a .claude.json request file.');
      return;
    }
    target = { kind: 'selection', document: editor.document, text };
  }
  // The text counted is the text of now: an edit while the count runs makes it stale at once.
  const countedVersion = document.version;
  const resolved = await resolveCall(target, services, { what: 'nothing was counted', key: 'ask' });
  if (!resolved.ok) {
    return;
  }
  const { request, settings, connection, apiKey } = resolved.call;
  const { body } = request;
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
    services.models.get(connection.baseUrl)?.models.find((m) => m.id === model)?.contextWindow ??
    (await retrieveModel(model, { apiKey, ...connection, maxRetries: 0 }))?.contextWindow;
  const estimate = estimateCost(model, result.inputTokens, maxTokens, settings.prices);
  if (fromFile) {
    services.counts.set(document, { inputTokens: result.inputTokens, model, contextWindow, estimate, version: countedVersion });
  }
  // The same words as the CLI's `count`.
  void vscode.window.showInformationMessage(`Claude: ${tokenCountText(result.inputTokens, model, contextWindow)}. ${estimateText(estimate, PRICES_SETTING)}`);
}
