// The compare view's panel, host side: its own webview panel beside the request, apart from the response panel (a
// comparison is many calls at once, and the response panel shows one; a run opens there in one click). It shows a
// comparison as it runs, replays it to a webview that reloads, and carries out what the view asks: Cancel, open a
// run, save, export. The webview itself (its page, the ready handshake, the listeners) is panel/panelHost.ts's.
import * as vscode from 'vscode';
import type { CallRecord, TimelineEvent } from '../../shared/callRecord';
import type { Comparison, ComparisonRun } from '../../shared/modelCompare/comparison';
import type { CompareHostMessage, CompareWebviewMessage } from '../../shared/modelCompare/protocol';
import { answerBlockAsk, PanelHost } from '../panel/panelHost';
import { redactForPanel } from '../panel/panelRedaction';
import { exportComparison, saveComparison } from './comparisonFiles';

export const COMPARE_VIEW_TYPE = 'claudeInspector.compare';

const EVENT_FLUSH_MS = 40;

export interface ComparePanelDeps {
  /** Shows a run's call in the response panel. */
  showRecord(record: CallRecord): void;
}

export class ComparePanel extends PanelHost<CompareHostMessage, CompareWebviewMessage> {
  private comparison: Comparison | undefined;
  private running = false;
  private cancelRunning: (() => void) | undefined;
  /** Events of the runs still running, replayed to a webview that reloads. */
  private readonly liveEvents = new Map<number, TimelineEvent[]>();
  private batch = new Map<number, TimelineEvent[]>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** What was posted lately (not events), for the integration tests. */
  private readonly recent: CompareHostMessage[] = [];

  constructor(extensionUri: vscode.Uri, private readonly deps: ComparePanelDeps) {
    super(extensionUri, { viewType: COMPARE_VIEW_TYPE, title: 'Claude Compare', script: 'compare.js', moreStyles: ['compare.css'] });
    this._register({ dispose: () => clearTimeout(this.flushTimer) });
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
    if (this.isOpen) {
      if (!this.isVisible) {
        this.reveal(undefined);
      }
      return;
    }
    const column = vscode.window.activeTextEditor?.viewColumn;
    this.create(column !== undefined ? ((column + 1) as vscode.ViewColumn) : vscode.ViewColumn.Beside);
  }

  private post(original: CompareHostMessage): void {
    // The records never hold the key; this gate masks any other secret in play, as the response panel's does.
    const message = redactForPanel(original);
    if (message.type !== 'runEvents') {
      this.recent.push(message);
      this.recent.splice(0, Math.max(0, this.recent.length - 50));
    }
    if (this.isReady) {
      this.postToWebview(message);
    }
  }

  /** Loaded (again): the comparison as it stands, then what the running runs streamed so far. */
  protected onReady(): void {
    if (this.comparison) {
      this.post({ type: 'comparison', comparison: this.comparison, running: this.running });
      for (const [index, events] of this.liveEvents) {
        if (events.length) {
          this.post({ type: 'runEvents', index, events: events.slice() });
        }
      }
    }
  }

  protected async onMessage(message: Exclude<CompareWebviewMessage, { type: 'ready' | 'dom' }>): Promise<void> {
    switch (message.type) {
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
      case 'openLink':
        await answerBlockAsk(message, (what) => this.post({ type: 'done', what }));
        return;
    }
  }
}
