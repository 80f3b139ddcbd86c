// The "Claude Response" webview panel, host side: creates or revives it, feeds it a call as it happens, and carries
// out what the webview asks (copy, open a link, cancel). One panel is reused for every call, like a preview.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse, TimelineEvent } from '../core/callRecord';
import type { HostMessage, WebviewMessage } from '../shared/protocol';
import { panelHtml } from './panelHtml';

export const RESPONSE_VIEW_TYPE = 'claudeInspector.response';

/** How often batched stream events are posted: often enough to look live, rarely enough to stay cheap. */
const EVENT_FLUSH_MS = 40;

export interface PanelActions {
  cancel(callId: string): void;
  setApiKey(): void;
}

export class ResponsePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readonly pending: HostMessage[] = [];
  /** The running call, replayed to a webview that reloads while it runs (hidden and shown again). */
  private running: { record: CallRecord; events: TimelineEvent[] } | undefined;
  private batch: TimelineEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
  ) {}

  /** Restores a panel VS Code kept across a window reload; the webview restores its own content from its state. */
  revive(panel: vscode.WebviewPanel): void {
    this.attach(panel);
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the panel beside the editor (or reveals it) and shows the start of a call. */
  callStarted(record: CallRecord): void {
    this.show();
    this.flushEvents();
    this.running = { record, events: [] };
    this.post({ type: 'callStarted', record });
  }

  attempt(callId: string, attempt: Attempt, request: CapturedRequest): void {
    this.flushEvents();
    this.post({ type: 'attempt', callId, attempt, request });
  }

  response(callId: string, attempt: Attempt, response: CapturedResponse): void {
    this.post({ type: 'response', callId, attempt, response });
  }

  /** Queues one server-sent event; events go to the webview in batches. */
  event(event: TimelineEvent): void {
    this.running?.events.push(event);
    this.batch.push(event);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flushEvents(), EVENT_FLUSH_MS);
    }
  }

  callFinished(record: CallRecord): void {
    this.flushEvents();
    this.running = undefined;
    this.post({ type: 'callFinished', record });
  }

  private flushEvents(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.batch.length === 0 || !this.running) {
      this.batch = [];
      return;
    }
    const events = this.batch;
    this.batch = [];
    this.post({ type: 'events', callId: this.running.record.id, events });
  }

  private show(): void {
    if (this.panel) {
      if (!this.panel.visible) {
        this.panel.reveal(undefined, true);
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESPONSE_VIEW_TYPE,
      'Claude Response',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.pending.length = 0;
      }),
    );
  }

  private html(webview: vscode.Webview): string {
    const asUri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...parts)).toString();
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asUri('dist', 'webview.js'),
      styleUri: asUri('media', 'panel.css'),
      codiconsUri: asUri('dist', 'codicons', 'codicon.css'),
      title: 'Claude Response',
    });
  }

  private post(message: HostMessage): void {
    if (!this.panel || !this.ready) {
      // Events of the running call are replayed from `running` when the webview is ready; queuing them as well
      // would show them twice.
      if (message.type !== 'events') {
        this.pending.push(message);
      }
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        // The webview just loaded: for the first time, or again after being hidden. It gets what was queued, and a
        // call still running is replayed from its start, so that nothing streamed meanwhile is missing.
        const queued = this.pending.splice(0);
        const running = this.running;
        if (running && !queued.some((m) => m.type === 'callStarted' && m.record.id === running.record.id)) {
          queued.unshift({ type: 'callStarted', record: running.record });
        }
        queued.forEach((m) => this.post(m));
        if (running && running.events.length) {
          this.post({ type: 'events', callId: running.record.id, events: running.events.slice() });
        }
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'done', what: `Copied ${message.what}` });
        return;
      case 'openLink': {
        const uri = vscode.Uri.parse(message.url, true);
        // Only web links leave the panel: never file:, command: or other schemes named in model output.
        if (uri.scheme === 'http' || uri.scheme === 'https') {
          await vscode.env.openExternal(uri);
        }
        return;
      }
      case 'cancel':
        this.actions.cancel(message.callId);
        return;
      case 'setApiKey':
        this.actions.setApiKey();
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
    }
  }
}
