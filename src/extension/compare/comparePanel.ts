// The compare view's panel, host side: its own webview panel beside the request, apart from the response panel (a
// comparison is many calls at once, and the response panel shows one; a run opens there in one click). It shows a
// comparison as it runs, replays it to a webview that reloads, and carries out what the view asks: Cancel, open a
// run, save, export.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CallRecord, TimelineEvent } from '../../shared/callRecord';
import type { DomView, InspectDom } from '../../shared/protocol';
import type { Comparison, ComparisonRun } from '../../shared/modelCompare/comparison';
import type { CompareHostMessage, CompareWebviewMessage } from '../../shared/modelCompare/protocol';
import { Disposable, disposeAll } from '../dispose';
import { panelHtml } from '../panel/panelHtml';
import { redactForPanel } from '../panel/panelRedaction';
import { exportComparison, saveComparison } from './comparisonFiles';

export const COMPARE_VIEW_TYPE = 'claudeInspector.compare';

const EVENT_FLUSH_MS = 40;

export interface ComparePanelDeps {
  /** Shows a run's call in the response panel. */
  showRecord(record: CallRecord): void;
}

export class ComparePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private comparison: Comparison | undefined;
  private running = false;
  private cancelRunning: (() => void) | undefined;
  /** Events of the runs still running, replayed to a webview that reloads. */
  private readonly liveEvents = new Map<number, TimelineEvent[]>();
  private batch = new Map<number, TimelineEvent[]>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly listeners: vscode.Disposable[] = [];
  private readonly inspections = new Map<string, (dom: { views: DomView[]; html: string }) => void>();
  /** What was posted lately (not events), for the integration tests. */
  private readonly recent: CompareHostMessage[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly deps: ComparePanelDeps) {
    super();
    this._register({
      dispose: () => {
        disposeAll(this.listeners);
        this.panel?.dispose();
        if (this.flushTimer) {
          clearTimeout(this.flushTimer);
        }
      },
    });
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /**
   * Shown and not loaded yet. A webview closed while it loads leaves VS Code's webview service worker waiting (up to
   * 30 s) for resources nobody will deliver, and the next webview to load waits as long: the tests let a panel
   * finish loading before they close it.
   */
  get isLoading(): boolean {
    return this.panel !== undefined && this.panel.visible && !this.ready;
  }

  get current(): Comparison | undefined {
    return this.comparison;
  }

  /** A comparison begins (or a saved one is opened, `cancel` undefined): shown whole, every run as it stands. */
  show(comparison: Comparison, cancel?: () => void): void {
    this.flushEvents();
    this.comparison = comparison;
    this.running = cancel !== undefined;
    this.cancelRunning = cancel;
    this.liveEvents.clear();
    this.open();
    this.post({ type: 'comparison', comparison, running: this.running });
  }

  runChanged(run: ComparisonRun): void {
    const index = this.comparison?.runs.indexOf(run) ?? -1;
    if (index < 0) {
      return;
    }
    this.flushEvents();
    if (run.status === 'running') {
      this.liveEvents.set(index, this.liveEvents.get(index) ?? []);
    } else {
      this.liveEvents.delete(index);
    }
    this.post({ type: 'run', index, run });
  }

  runEvent(run: ComparisonRun, event: TimelineEvent): void {
    const index = this.comparison?.runs.indexOf(run) ?? -1;
    if (index < 0) {
      return;
    }
    this.liveEvents.get(index)?.push(event);
    const batch = this.batch.get(index) ?? [];
    batch.push(event);
    this.batch.set(index, batch);
    this.flushTimer ??= setTimeout(() => this.flushEvents(), EVENT_FLUSH_MS);
  }

  runRetrying(run: ComparisonRun, text: string): void {
    const index = this.comparison?.runs.indexOf(run) ?? -1;
    if (index >= 0) {
      this.flushEvents();
      this.post({ type: 'runRetrying', index, text });
    }
  }

  finished(comparison: Comparison): void {
    if (comparison !== this.comparison) {
      return;
    }
    this.flushEvents();
    this.running = false;
    this.cancelRunning = undefined;
    this.post({ type: 'finished', finishedAt: comparison.finishedAt ?? new Date().toISOString() });
  }

  /** Cancel, as the view's button does it. */
  cancel(): void {
    this.cancelRunning?.();
  }

  recentMessages(): readonly CompareHostMessage[] {
    return this.recent;
  }

  /** What the view shows and its markup; undefined when it is closed or does not answer. */
  async inspectDom(timeoutMs = 5000): Promise<{ views: DomView[]; html: string } | undefined> {
    const panel = this.panel;
    if (!panel) {
      return undefined;
    }
    const requestId = `dom-${randomBytes(6).toString('hex')}`;
    const answered = new Promise<{ views: DomView[]; html: string }>((resolve) => this.inspections.set(requestId, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const message: InspectDom = { type: 'inspectDom', requestId };
    void panel.webview.postMessage(message);
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
      this.inspections.delete(requestId);
    }
  }

  /** Restores a compare panel VS Code kept across a window reload; the view restores its comparison from its state. */
  revive(panel: vscode.WebviewPanel): void {
    this.attach(panel);
  }

  private flushEvents(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const batch = this.batch;
    this.batch = new Map();
    for (const [index, events] of batch) {
      this.post({ type: 'runEvents', index, events });
    }
  }

  private open(): void {
    if (this.panel) {
      if (!this.panel.visible) {
        this.panel.reveal(undefined, true);
      }
      return;
    }
    const column = vscode.window.activeTextEditor?.viewColumn;
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      'Claude Compare',
      { viewColumn: column !== undefined ? ((column + 1) as vscode.ViewColumn) : vscode.ViewColumn.Beside, preserveFocus: true },
      this.options(),
    );
    this.attach(panel);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    disposeAll(this.listeners);
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.options = this.options();
    const asUri = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...parts)).toString();
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asUri('dist', 'compare.js'),
      styleUri: asUri('media', 'panel.css'),
      moreStyleUris: [asUri('media', 'compare.css')],
      codiconsUri: asUri('dist', 'codicons', 'codicon.css'),
      title: 'Claude Compare',
    });
    this.listeners.push(
      panel.webview.onDidReceiveMessage((message: CompareWebviewMessage) => this.panel === panel && this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (this.panel === panel && !panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
          disposeAll(this.listeners);
        }
      }),
    );
  }

  private post(original: CompareHostMessage): void {
    // The records never hold the key; this gate masks any other secret in play, as the response panel's does.
    const message = redactForPanel(original);
    if (message.type !== 'runEvents') {
      this.recent.push(message);
      this.recent.splice(0, Math.max(0, this.recent.length - 50));
    }
    if (this.panel && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private async onMessage(message: CompareWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // Loaded (again): the comparison as it stands, then what the running runs streamed so far.
        if (this.comparison) {
          this.post({ type: 'comparison', comparison: this.comparison, running: this.running });
          for (const [index, events] of this.liveEvents) {
            if (events.length) {
              this.post({ type: 'runEvents', index, events: events.slice() });
            }
          }
        }
        return;
      case 'cancel':
        this.cancel();
        return;
      case 'openRun': {
        const record = this.comparison?.runs[message.index]?.record;
        if (record) {
          this.deps.showRecord(record);
        }
        return;
      }
      case 'save':
        if (this.comparison) {
          const saved = await saveComparison(this.comparison);
          if (saved) {
            this.post({ type: 'done', what: `Saved ${vscode.workspace.asRelativePath(saved)}` });
          }
        }
        return;
      case 'export':
        if (this.comparison) {
          await exportComparison(this.comparison, message.format);
        }
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'done', what: `Copied ${message.what}` });
        return;
      case 'openLink': {
        const uri = vscode.Uri.parse(message.url, true);
        if (uri.scheme === 'http' || uri.scheme === 'https') {
          await vscode.env.openExternal(uri);
        }
        return;
      }
      case 'dom':
        this.inspections.get(message.requestId)?.({ views: message.views, html: message.html });
        return;
    }
  }
}
