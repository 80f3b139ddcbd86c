// One activation of the built extension outside VS Code, in this (fresh) process, printed as JSON for
// bench/largeInputs.ts: dist/extension.js loaded with a `vscode` whose every member is a no-op, then activate().
// Waits a moment before it exits, so that the loader can write its code cache as it does in VS Code.
//
//   node out/bench/lib/activation.js
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');
/** Where the stand-in `vscode`'s URIs point: activation creates nothing there (the history writes on the first call). */
const STORAGE = path.join(os.tmpdir(), 'claude-inspector-bench-storage');

// A function target (not an arrow): `new vscode.EventEmitter()` must work too.
const member = (): object => new Proxy(function () {}, handler);
const handler: ProxyHandler<() => void> = {
  // A path-like member is a path (the history's folder is joined from globalStorageUri.fsPath at activation).
  get: (_target, property) => (property === 'then' ? undefined : property === 'fsPath' || property === 'path' ? STORAGE : member()),
  apply: () => member(),
  construct: () => member(),
};
const stub = member();
const vscode: Record<string, unknown> = { __esModule: true };
for (const name of ['commands', 'window', 'workspace', 'languages', 'env', 'extensions', 'Uri', 'EventEmitter', 'Range', 'Position', 'Diagnostic', 'DiagnosticSeverity', 'CodeLens', 'ViewColumn', 'ConfigurationTarget', 'CompletionItem', 'CompletionItemKind', 'ProgressLocation', 'StatusBarAlignment', 'ThemeColor', 'ThemeIcon', 'MarkdownString', 'Selection', 'WorkspaceEdit', 'TextEdit', 'CancellationTokenSource', 'Disposable']) {
  vscode[name] = stub;
}
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const start = performance.now();
const extension = require(path.join(DIST, 'extension.js')) as { activate(context: unknown): unknown };
const loaded = performance.now();
extension.activate({ subscriptions: [], extensionUri: stub, secrets: stub, globalState: { get: () => undefined, update: async () => undefined }, globalStorageUri: stub });
const activated = performance.now();
if (Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}sdk.js`))) {
  throw new Error('activation loaded the SDK');
}
process.stdout.write(JSON.stringify({ loadMs: loaded - start, activateMs: activated - loaded }));
setTimeout(() => undefined, 500);
