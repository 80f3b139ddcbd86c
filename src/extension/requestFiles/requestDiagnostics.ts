// Problems of open request files in the Problems panel, updated as the user types (debounced), from the pure
// checks in core/diagnostics. Sending refuses a file with an error and points at the first one. Syntax errors are
// left to VS Code's JSON language server when it checks the file (it reports the same ones): one problem, one line.
import * as vscode from 'vscode';
import type { JsonObject } from '../../shared/callRecord';
import { checkRequest, RequestDiagnostic } from '../../core/diagnostics';
import type { ThinkingOrigins } from '../../core/conversation/conversationChecks';
import { resolveBaseUrl } from '../../core/client';
import { Disposable } from '../dispose';
import type { ModelsCache } from '../modelsCache';
import { isRequestFile } from '../requestDocument';
import { readSettings } from '../settings';

const DEBOUNCE_MS = 250;

const SEVERITY: Record<RequestDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class RequestDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('claude-request'));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cleared = this._register(new vscode.EventEmitter<vscode.TextDocument>());
  /** Fires when a check finds no error left in a document. */
  readonly onDidClear = this.cleared.event;

  /** thinkingOrigins: what this session's calls say the file's thinking blocks were made after (binding warnings). */
  constructor(private readonly models: ModelsCache, private readonly thinkingOrigins?: (document: vscode.TextDocument) => ThinkingOrigins | undefined) {
    super();
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('claudeInspector')) {
          this.refreshAll();
        }
      }),
    );
    this._register(models.onDidChange(() => this.refreshAll()));
    this.refreshAll();
  }

  /** Diagnoses now (no debounce): Send decides on the diagnostics and sends the body from the same parse. */
  check(document: vscode.TextDocument): { diagnostics: RequestDiagnostic[]; body?: JsonObject } {
    const settings = readSettings(document.uri);
    const known = this.models.get(resolveBaseUrl(settings.baseUrl))?.models.map((m) => m.id);
    const result = checkRequest(document.getText(), {
      defaultMaxTokens: settings.defaultMaxTokens,
      defaultModel: settings.defaultModel,
      knownModels: known,
      thinkingOrigins: this.thinkingOrigins?.(document),
    });
    const shown = jsonServerChecks(document) ? result.diagnostics.filter((d) => !isSyntaxError(d)) : result.diagnostics;
    this.collection.set(document.uri, shown.map((d) => this.toVscode(document, d)));
    if (!result.diagnostics.some((d) => d.severity === 'error')) {
      this.cleared.fire(document);
    }
    return result;
  }

  private toVscode(document: vscode.TextDocument, d: RequestDiagnostic): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(d.offset), document.positionAt(d.offset + d.length));
    const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
    diagnostic.source = 'Claude Inspector';
    diagnostic.code = d.code;
    return diagnostic;
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isRequestFile(document)) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) {
          this.check(document);
        }
      }, delay),
    );
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }

  private refreshAll(): void {
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }
}

/**
 * True when VS Code's JSON language server validates this document: it is there (built in, unless disabled) and
 * `json.validate.enable` is on. It parses with the same parser as ours, so it reports the same syntax errors.
 */
function jsonServerChecks(document: vscode.TextDocument): boolean {
  const server = vscode.extensions.getExtension('vscode.json-language-features');
  const languageOk = document.languageId === 'json' || document.languageId === 'jsonc';
  return server !== undefined && languageOk && vscode.workspace.getConfiguration('json', document).get<boolean>('validate.enable', true);
}

/** A JSON syntax error (as opposed to what the API would refuse in valid JSON). */
function isSyntaxError(diagnostic: RequestDiagnostic): boolean {
  return diagnostic.code === 'json' && diagnostic.message.startsWith('invalid JSON');
}
