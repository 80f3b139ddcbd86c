// Activation: build the services in order (each is handed what it uses, nothing names one before it exists),
// register every command, provider and the panel serializer, and hand every disposable to VS Code. Nothing is sent
// or read from the network here. Calls flow one way: commands → call runner → its events → the panel.
import * as vscode from 'vscode';
import { ApiKeyStore, KeySource } from './apiKey';
import { CallRunner } from './callRunner';
import { clearApiKey, setApiKey } from './commands/apiKeyCommands';
import { Commands } from './commandIds';
import { copyCurl } from './commands/copyCurl';
import { copyAsCode } from './commands/copyAsCode';
import type { CodeLanguage } from '../shared/codeLanguages';
import { compareModels, type CompareArgs } from './commands/compareModels';
import { countTokens } from './commands/countTokens';
import { continueConversation, type ContinueArgs } from './commands/continueConversation';
import { forkConversation } from './commands/forkConversation';
import { FileCalls } from './conversation/fileCalls';
import { isRequestFile } from './requestDocument';
import { readSettings } from './settings';
import { ConversationCodeLens } from './requestFiles/conversationCodeLens';
import { listModels } from './commands/listModels';
import { newRequestFile } from './commands/newRequestFile';
import { sendRequestFile } from './commands/sendRequestFile';
import { sendSelection } from './commands/sendSelection';
import type { CallRecord } from '../shared/callRecord';
import { type HistoryApi, registerHistory } from './history';
import { type CompareApi, registerCompare } from './compare';
import { ModelsCache } from './modelsCache';
import { RESPONSE_VIEW_TYPE, ResponsePanel } from './panel/responsePanel';
import { watchPriceSetting } from './priceSettingCheck';
import { ModelCompletions } from './requestFiles/modelCompletions';
import { RequestCodeLens } from './requestFiles/requestCodeLens';
import { FileNotices, type NoticeShown } from './requestFiles/fileNotices';
import { RequestDiagnostics } from './requestFiles/requestDiagnostics';
import type { DomView, HostMessage } from '../shared/protocol';
import { TokenCounts } from './requestFiles/tokenCounts';

/** What the extension offers to its tests and to other extensions. */
export interface InspectorApi {
  lastCall(): CallRecord | undefined;
  onDidStartCall: vscode.Event<CallRecord>;
  onDidFinishCall: vscode.Event<CallRecord>;
  /** What the panel's Cancel button does. */
  cancelCall(callId: string): void;
  keySource(): Promise<KeySource>;
  isPanelOpen(): boolean;
  /** Whether the response panel or the compare view is shown and still loading (see ResponsePanel.isLoading). */
  webviewsLoading(): boolean;
  /** What the panel's webview shows, view by view, and its markup (undefined when it is closed or does not answer). */
  inspectPanel(): Promise<{ views: DomView[]; html: string } | undefined>;
  /** Presses the panel's shown button with this label, as a person would, then reads the panel as inspectPanel does. */
  clickInPanel(label: string): Promise<{ views: DomView[]; html: string } | undefined>;
  /** The messages the host posted to the panel lately, oldest first. */
  panelMessages(): readonly HostMessage[];
  /** Stream events posted to the panel so far, and in how many messages. */
  panelEventsPosted(): { messages: number; events: number };
  /** The notice open about a file (a refused send, count or curl), if any. */
  fileNotice(uri: vscode.Uri): string | undefined;
  /** Where the notice about a file was said (the panel or an error message), and how many messages so far. */
  fileNoticeShown(uri: vscode.Uri): NoticeShown | undefined;
  /** How many checks of a request file were started so far (in the worker or for Send): what re-checks what. */
  checksOf(uri: vscode.Uri): number;
  /** How long `activate` took, in milliseconds (the bundle's load is not in it: the integration suite times that). */
  activationMs: number;
  /** The call history: where it is kept, what the History view lists. */
  history: HistoryApi;
  /** Compare Models: the compare view and what it shows. */
  compare: CompareApi;
}

const REQUEST_FILES: vscode.DocumentSelector = [{ pattern: '**/*.claude.json' }];

export function activate(context: vscode.ExtensionContext): InspectorApi {
  const started = performance.now();
  const keys = new ApiKeyStore(context.secrets);
  const models = new ModelsCache(context.globalState);
  const counts = new TokenCounts();
  const diagnostics = new RequestDiagnostics(models, (document) => fileCalls.thinkingOrigins(document));
  const notices = new FileNotices(diagnostics.onDidClear, () => panel.inView);
  // What turns a file or a selection plus the settings into a request and its connection (resolveCall).
  const resolving = { keys, diagnostics, notices };
  const calls = new CallRunner();
  const fileCalls = new FileCalls(calls);
  // The panel follows the runner's calls (the runner knows nothing of it); its Cancel goes back to the runner.
  const panel = new ResponsePanel(
    context.extensionUri,
    calls,
    () => void vscode.commands.executeCommand(Commands.setApiKey),
    context.globalStorageUri,
    (record) => fileCalls.conversationOf(record, readSettings().prices),
  );
  const history = registerHistory(context, { calls, keys, panel });
  const { api: compare, panel: comparePanel } = registerCompare(context, { ...resolving, calls, models, panel });

  context.subscriptions.push(
    models,
    counts,
    diagnostics,
    notices,
    calls,
    panel,
    vscode.commands.registerCommand(Commands.sendSelection, () => sendSelection(calls, resolving)),
    vscode.commands.registerCommand(Commands.sendRequestFile, (uri?: vscode.Uri) => sendRequestFile(calls, resolving, uri)),
    vscode.commands.registerCommand(Commands.setApiKey, (key?: unknown) => setApiKey(keys, key)),
    vscode.commands.registerCommand(Commands.clearApiKey, () => clearApiKey(keys)),
    vscode.commands.registerCommand(Commands.copyCurl, (uri?: vscode.Uri) => copyCurl(calls, resolving, uri)),
    vscode.commands.registerCommand(Commands.copyAsCode, (uri?: vscode.Uri, language?: CodeLanguage) => copyAsCode(calls, resolving, uri, language)),
    vscode.commands.registerCommand(Commands.newRequestFile, () => newRequestFile()),
    vscode.commands.registerCommand(Commands.listModels, () => listModels(keys, models)),
    vscode.commands.registerCommand(Commands.countTokens, (uri?: vscode.Uri) => countTokens({ ...resolving, models, counts }, uri)),
    vscode.commands.registerCommand(Commands.compareModels, (uri?: unknown, args?: CompareArgs) =>
      compareModels({ ...resolving, calls, models, panel: comparePanel, state: context.globalState }, uri instanceof vscode.Uri ? uri : undefined, typeof args === 'object' && args !== null ? args : {}),
    ),
    fileCalls,
    fileCalls.onDidChangeOrigins((key) => diagnostics.recheck(vscode.workspace.textDocuments.filter((d) => isRequestFile(d) && fileCalls.keyOf(d) === key))),
    vscode.commands.registerCommand(Commands.continueConversation, (arg?: vscode.Uri | ContinueArgs) => continueConversation(fileCalls, calls, arg)),
    vscode.commands.registerCommand(Commands.forkConversation, (uri?: vscode.Uri, index?: unknown) => forkConversation(uri, index)),
    vscode.languages.registerCodeLensProvider(REQUEST_FILES, new ConversationCodeLens(fileCalls, diagnostics)),
    watchPriceSetting(),
    vscode.languages.registerCodeLensProvider(REQUEST_FILES, new RequestCodeLens(counts)),
    vscode.languages.registerCompletionItemProvider(REQUEST_FILES, new ModelCompletions(models), '"'),
    vscode.window.registerWebviewPanelSerializer(RESPONSE_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => panel.revive(webviewPanel),
    }),
  );

  const activationMs = performance.now() - started;
  return {
    activationMs,
    lastCall: () => calls.lastCall,
    onDidStartCall: calls.onDidStart,
    onDidFinishCall: calls.onDidFinish,
    cancelCall: (callId) => calls.cancel(callId),
    keySource: async () => (await keys.current()).source,
    isPanelOpen: () => panel.isOpen,
    webviewsLoading: () => panel.isLoading || compare.isLoading(),
    inspectPanel: () => panel.inspectDom(),
    clickInPanel: (label) => panel.inspectDom(5000, label),
    panelMessages: () => panel.recentMessages(),
    panelEventsPosted: () => panel.postedEvents(),
    fileNotice: (uri) => notices.current(uri),
    fileNoticeShown: (uri) => notices.shown(uri),
    checksOf: (uri) => diagnostics.checksOf(uri),
    history,
    compare,
  };
}

export function deactivate(): void {}
