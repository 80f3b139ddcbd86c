// Problems of open request files in the Problems panel, updated as the user types (debounced), from the pure
// checks in core/diagnostics, made in a worker thread (checkThread.ts): a big file never blocks the extension host,
// and a check made stale by the next keystroke is stopped rather than waited for; the worker keeps a copy of each file
// and gets the edits of each change event (logged here, per document) rather than the whole text again. Sending
// checks at once, here, and
// refuses a file with an error, pointing at the first one. Syntax errors are left to VS Code's JSON language server
// when it checks the file (it reports the same ones, from the same parser): one problem, one line. The CLI, which
// has no such server, prints ours.
import * as vscode from 'vscode';
import type { JsonObject } from '../../shared/callRecord';
import { checkRequest, type DiagnosticContext, RequestDiagnostic } from '../../core/requestFiles/diagnostics';
import type { ThinkingOrigins } from '../../core/conversation/conversationChecks';
import { resolveBaseUrl } from '../../core/client';
import { Disposable } from '../dispose';
import type { ModelsCache } from '../modelsCache';
import { isRequestFile } from '../requestDocument';
import { DEFAULTS_FROM, readSettings } from '../settings';
import { EditLog } from '../../core/requestFiles/textEdits';
import { CHECK_DEBOUNCE_MS, type CheckDocument, CheckThread } from './checkThread';


const SEVERITY: Record<RequestDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class RequestDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('claude-request'));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly thread = new CheckThread();
  /** The change events of each open request file since the version the worker was last sent. */
  private readonly edits = new Map<string, EditLog>();
  /** Checks started, per document (background and Send's), for the tests: what re-checks what. */
  private readonly checks = new Map<string, number>();
  private readonly cleared = this._register(new vscode.EventEmitter<vscode.TextDocument>());
  /** Fires when a check finds no error left in a document. */
  readonly onDidClear = this.cleared.event;
  /** Where each message of a document starts, as its last check in the worker found (see messageOffsets). */
  private readonly outlines = new Map<string, { version: number; offsets: number[] }>();
  private readonly outlined = this._register(new vscode.EventEmitter<void>());
  /** Fires when a check in the worker told where a document's messages start. */
  readonly onDidOutline = this.outlined.event;

  /** thinkingOrigins: what this session's calls say the file's thinking blocks were made after (binding warnings). */
  constructor(private readonly models: ModelsCache, private readonly thinkingOrigins?: (document: vscode.TextDocument) => ThinkingOrigins | undefined) {
    super();
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this._register(this.thread);
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.logEdits(e);
        this.schedule(e.document, CHECK_DEBOUNCE_MS);
      }),
    );
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
    this.count(document);
    const result = checkRequest(document.getText(), this.contextFor(document));
    this.show(document, result.diagnostics);
    return result;
  }

  /** Checks these documents again, in the worker (what they are checked against changed, not their text). */
  recheck(documents: readonly vscode.TextDocument[]): void {
    documents.forEach((d) => this.schedule(d, 0));
  }

  /**
   * Where each message of the document starts, from the last check in the worker that could tell, and the version it
   * was of (older than the document's while a check is under way, or while a big file does not parse).
   */
  messageOffsets(document: vscode.TextDocument): { version: number; offsets: readonly number[] } | undefined {
    return this.outlines.get(document.uri.toString());
  }

  /** How many checks of the document were started so far (for the tests). */
  checksOf(uri: vscode.Uri): number {
    return this.checks.get(uri.toString()) ?? 0;
  }

  /** Diagnoses in the worker; a result that a newer edit made stale is dropped. */
  private async checkInBackground(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    this.count(document);
    const log = this.edits.get(key);
    const source: CheckDocument = {
      getText: () => document.getText(),
      // Read when the check is posted (now, or again later): the document's version then, and the edits up to it.
      get version() {
        return document.version;
      },
      editsSince: (held) => log?.since(held, document.version),
    };
    const asked = this.thread.checkAndOutline(key, source, this.contextFor(document));
    // Posted: the worker has this version now (or will get the whole text), the edits up to it are not needed again.
    log?.trim(document.version);
    const result = await asked;
    if (result && !document.isClosed && document.version === version) {
      this.show(document, result.diagnostics);
      if (result.messages) {
        this.outlines.set(key, { version, offsets: result.messages });
        this.outlined.fire();
      }
    }
  }

  private contextFor(document: vscode.TextDocument): DiagnosticContext {
    const settings = readSettings(document.uri);
    const known = this.models.get(resolveBaseUrl(settings.baseUrl))?.models.map((m) => m.id);
    return {
      defaultMaxTokens: settings.defaultMaxTokens,
      defaultModel: settings.defaultModel,
      defaultsFrom: DEFAULTS_FROM,
      knownModels: known,
      thinkingOrigins: this.thinkingOrigins?.(document),
      // VS Code's JSON server shows the syntax errors (ours are not shown): whether there is one is enough.
      syntaxErrors: jsonServerChecks(document) ? 1 : undefined,
    };
  }

  private show(document: vscode.TextDocument, diagnostics: RequestDiagnostic[]): void {
    const shown = jsonServerChecks(document) ? diagnostics.filter((d) => !isSyntaxError(d)) : diagnostics;
    this.collection.set(document.uri, shown.map((d) => this.toVscode(document, d)));
    if (!diagnostics.some((d) => d.severity === 'error')) {
      this.cleared.fire(document);
    }
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
    if (!this.edits.has(key)) {
      this.edits.set(key, new EditLog(document.version));
    }
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) {
          void this.checkInBackground(document);
        }
      }, delay),
    );
  }

  private count(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.checks.set(key, (this.checks.get(key) ?? 0) + 1);
  }

  /** Logs a change event of a request file, as offsets and inserted text, for the worker's copy. */
  private logEdits(e: vscode.TextDocumentChangeEvent): void {
    if (!isRequestFile(e.document)) {
      return;
    }
    const key = e.document.uri.toString();
    const log = this.edits.get(key);
    if (!log) {
      // First seen now: its edits start here.
      this.edits.set(key, new EditLog(e.document.version));
      return;
    }
    log.record(e.document.version, e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })));
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.edits.delete(key);
    this.outlines.delete(key);
    this.thread.forget(key);
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
