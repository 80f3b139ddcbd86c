// Activation: build the services, register every command and the panel serializer, and hand every disposable to
// VS Code. Nothing is sent or read from the network here.
import * as vscode from 'vscode';
import { ApiKeyStore, KeySource } from './apiKey';
import { CallRunner } from './callRunner';
import { clearApiKey, setApiKey } from './commands/apiKeyCommands';
import { Commands } from './commands/commandIds';
import { copyCurl } from './commands/copyCurl';
import { sendRequestFile } from './commands/sendRequestFile';
import { sendSelection } from './commands/sendSelection';
import type { CallRecord } from './core/callRecord';
import { RESPONSE_VIEW_TYPE, ResponsePanel } from './panel/responsePanel';

/** What the extension offers to its tests and to other extensions. */
export interface InspectorApi {
  lastCall(): CallRecord | undefined;
  onDidFinishCall: vscode.Event<CallRecord>;
  keySource(): Promise<KeySource>;
  isPanelOpen(): boolean;
}

export function activate(context: vscode.ExtensionContext): InspectorApi {
  const keys = new ApiKeyStore(context.secrets);
  let runner: CallRunner | undefined;
  const panel = new ResponsePanel(context.extensionUri, {
    cancel: (callId) => runner?.cancel(callId),
    setApiKey: () => void vscode.commands.executeCommand(Commands.setApiKey),
  });
  runner = new CallRunner(keys, panel);
  const calls = runner;

  context.subscriptions.push(
    panel,
    calls,
    vscode.commands.registerCommand(Commands.sendSelection, () => sendSelection(calls)),
    vscode.commands.registerCommand(Commands.sendRequestFile, (uri?: vscode.Uri) => sendRequestFile(calls, uri)),
    vscode.commands.registerCommand(Commands.setApiKey, (key?: unknown) => setApiKey(keys, key)),
    vscode.commands.registerCommand(Commands.clearApiKey, () => clearApiKey(keys)),
    vscode.commands.registerCommand(Commands.copyCurl, (uri?: vscode.Uri) => copyCurl(keys, calls, uri)),
    vscode.window.registerWebviewPanelSerializer(RESPONSE_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => panel.revive(webviewPanel),
    }),
  );

  return {
    lastCall: () => calls.lastCall,
    onDidFinishCall: calls.onDidFinish,
    keySource: async () => (await keys.current()).source,
    isPanelOpen: () => panel.isOpen,
  };
}

export function deactivate(): void {}
