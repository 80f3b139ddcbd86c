// The extension's history: a HistoryStore in the extension's global storage (never the workspace), fed with every
// finished call of the CallRunner after the call is over (off the streaming path), bounded by the settings
// claudeInspector.history.maxCalls|maxMegabytes, off when claudeInspector.history.enabled is false.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HistoryStore } from '../../core/history/store';
import type { CallRecord } from '../../shared/callRecord';
import { HISTORY_DEFAULT_MAX_CALLS, HISTORY_DEFAULT_MAX_MEGABYTES, type HistoryEntry, type HistorySourceInput } from '../../shared/history';
import { Disposable } from '../dispose';
import { documentTitle } from '../requestDocument';

/** A call the history has just kept: its entry as listed, and the record itself as it was in memory (not read back). */
export interface RecordedCall {
  callId: string;
  historyId: string;
  entry: HistoryEntry;
  record: CallRecord;
}

export interface HistorySettings {
  enabled: boolean;
  maxCalls: number;
  maxMegabytes: number;
}

export function readHistorySettings(): HistorySettings {
  const config = vscode.workspace.getConfiguration('claudeInspector.history');
  return {
    enabled: config.get<boolean>('enabled', true),
    maxCalls: config.get<number>('maxCalls', HISTORY_DEFAULT_MAX_CALLS),
    maxMegabytes: config.get<number>('maxMegabytes', HISTORY_DEFAULT_MAX_MEGABYTES),
  };
}

/** What the history needs of the call runner: when calls start and end. */
export interface CallsToRecord {
  readonly onDidStart: vscode.Event<CallRecord>;
  readonly onDidFinish: vscode.Event<CallRecord>;
}

export class HistoryService extends Disposable {
  private current: HistoryStore;
  /** The request file's text when its call started (what was sent), by call id, until the call is recorded. */
  private readonly sourceTexts = new Map<string, string>();
  /** The history id of each call recorded in this window, by call id: the panel shows calls by their call id. */
  private readonly historyIds = new Map<string, string>();
  /** Recordings one after another, so that the index gets them in the order the calls ended. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  private readonly recorded = this._register(new vscode.EventEmitter<RecordedCall>());
  /** The list changed: a call recorded, deleted, or the history cleared. */
  readonly onDidChange = this.changed.event;
  /** A call was kept (after it finished and was written). */
  readonly onDidRecord = this.recorded.event;

  constructor(readonly folder: string, calls: CallsToRecord) {
    super();
    this.current = this.makeStore();
    this._register(calls.onDidStart((record) => this.remember(record)));
    this._register(calls.onDidFinish((record) => this.scheduleRecord(record)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('claudeInspector.history')) {
          this.current = this.makeStore();
        }
      }),
    );
  }

  static forContext(context: vscode.ExtensionContext, calls: CallsToRecord): HistoryService {
    return new HistoryService(path.join(context.globalStorageUri.fsPath, 'history'), calls);
  }

  get store(): HistoryStore {
    return this.current;
  }

  /** The history id of a call recorded in this window. */
  historyIdOf(callId: string): string | undefined {
    return this.historyIds.get(callId);
  }

  /** Tells the view that the list changed (after a delete or a clear). */
  notifyChanged(): void {
    this.changed.fire();
  }

  /** Waits until every call finished so far is written (for tests and for Compare right after a send). */
  async settled(): Promise<void> {
    await this.queue;
  }

  private makeStore(): HistoryStore {
    const settings = readHistorySettings();
    return new HistoryStore(this.folder, {
      maxCalls: settings.maxCalls,
      maxMegabytes: settings.maxMegabytes,
      onWarning: (message) => void vscode.window.showWarningMessage(`Claude history: ${message}`),
    });
  }

  private remember(record: CallRecord): void {
    if (!readHistorySettings().enabled) {
      return;
    }
    const document = documentOf(record);
    if (document) {
      this.sourceTexts.set(record.id, document.getText());
    }
  }

  private scheduleRecord(record: CallRecord): void {
    const text = this.sourceTexts.get(record.id);
    this.sourceTexts.delete(record.id);
    if (!readHistorySettings().enabled) {
      return;
    }
    const store = this.current;
    // After the panel got the finished call: the write (and its JSON of a maybe large record) waits for a turn of
    // the event loop of its own, never inside the stream's handlers.
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            store
              .keep(record, sourceInput(record, text))
              .then((entry) => {
                this.historyIds.set(record.id, entry.id);
                this.recorded.fire({ callId: record.id, historyId: entry.id, entry, record });
                this.changed.fire();
              })
              .catch((error: unknown) => {
                void vscode.window.showWarningMessage(`Claude history: the call was not kept: ${error instanceof Error ? error.message : String(error)}`);
              })
              .finally(resolve);
          }, 0);
        }),
    );
  }
}

/** The open document a call came from, to keep its text as sent. */
function documentOf(record: CallRecord): vscode.TextDocument | undefined {
  const source = record.source;
  if (source.kind !== 'file') {
    return undefined;
  }
  return vscode.workspace.textDocuments.find((document) =>
    document.uri.scheme === 'untitled' ? source.title !== undefined && documentTitle(document) === source.title : source.path !== undefined && vscode.workspace.asRelativePath(document.uri) === source.path,
  );
}

function sourceInput(record: CallRecord, text: string | undefined): HistorySourceInput {
  const source = record.source;
  switch (source.kind) {
    case 'file':
      return { kind: 'file', path: source.path, title: source.title, ...(text !== undefined ? { text } : {}) };
    case 'selection':
      return { kind: 'selection', title: source.title ?? source.document };
    default:
      return { kind: 'cli', path: source.path };
  }
}
