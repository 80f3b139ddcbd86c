// The "Claude Response" webview panel, host side: creates or revives it, feeds it a call as it happens, and carries
// out what the webview asks (copy, open a link, cancel). One panel is reused for every call, like a preview. The
// webview itself (its page, the ready handshake, the listeners) is panelHost.ts's.
import * as vscode from 'vscode';
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse } from '../../shared/callRecord';
import type { HostMessage, WebviewMessage } from '../../shared/protocol';
import type { CallEvent, CallFeed, RetryingNotice } from '../callEvents';
import { Commands } from '../commandIds';
import { bringsBody, slimForPanel } from './bodyOnce';
import { CodeSnippets } from './codeSnippets';
import { answerBlockAsk, PanelHost } from './panelHost';
import { redactForPanel } from './panelRedaction';
import { RecentCalls } from './recentCalls';
import { RunningCall } from './runningCall';
import { withoutStreamedText } from '../../shared/streamedAnswer';
import { firstScreenOf, needsFirstScreen } from '../../shared/firstScreen';

export const RESPONSE_VIEW_TYPE = 'claudeInspector.response';

export class ResponsePanel extends PanelHost<HostMessage, WebviewMessage> {
  private readonly pending: HostMessage[] = [];
  /** The running call's events: batched, and replayed to a webview that reloads while it runs. */
  private readonly running = new RunningCall((callId, events) => this.post({ type: 'events', callId, events }));
  /** What was posted, newest last (a few): the integration tests check what the host told the webview. */
  private readonly recent: HostMessage[] = [];
  /** Stream events posted to a webview, and in how many messages: the integration tests check a fast stream's stay few. */
  private readonly eventsPosted = { messages: 0, events: 0 };
  /** Calls whose request body the webview there now has (an attempt brought it): their final record goes without. */
  private readonly bodySent = new Set<string>();
  /** Finished calls, for a webview that comes back from a reload with only a call's id. */
  private readonly calls: RecentCalls;
  /** The Code view's snippets, from the requests of recent calls. */
  private readonly code = new CodeSnippets();
  /**
   * Follows the calls of `feed` (their one source) and shows them; the webview's Cancel goes back to it, and its
   * "Set API Key" to `setApiKey`. `storage`: a folder where the last call is kept across window reloads.
   */
  constructor(
    extensionUri: vscode.Uri,
    private readonly feed: CallFeed,
    private readonly setApiKey: () => void,
    storage?: vscode.Uri,
    /** The file's calls so far, for the conversation view (see FileCalls). */
    private readonly conversationOf?: (record: CallRecord) => Omit<Extract<HostMessage, { type: 'conversationCalls' }>, 'type' | 'callId'> | undefined,
  ) {
    super(extensionUri, { viewType: RESPONSE_VIEW_TYPE, title: 'Claude Response', script: 'webview.js' });
    this.calls = this._register(new RecentCalls(storage?.fsPath));
    this._register(feed.onDidCallEvent((event) => this.follow(event)));
    this._register(this.running);
  }

  private follow(event: CallEvent): void {
    switch (event.type) {
      case 'started':
        return this.callStarted(event.record, event.editorColumn);
      case 'attempt':
        return this.attempt(event.callId, event.attempt, event.request);
      case 'response':
        return this.response(event.callId, event.attempt, event.response);
      case 'event':
        return this.running.push(event.event);
      case 'retrying':
        return this.retrying(event.callId, event.notice);
      case 'finished':
        return this.callFinished(event.record);
      case 'refused':
        return this.callRefused(event.title, event.reasons, event.warnings ?? 0);
    }
  }

  /**
   * Opens the panel beside the editor the call came from (or reveals it) and shows the start of a call.
   * `editorColumn` is that editor's column: the panel never covers it.
   */
  private callStarted(record: CallRecord, editorColumn?: vscode.ViewColumn): void {
    this.show(editorColumn);
    this.running.started(record);
    this.post({ type: 'callStarted', record });
  }

  private attempt(callId: string, attempt: Attempt, request: CapturedRequest): void {
    this.code.remember(callId, request);
    this.running.flush();
    this.post({ type: 'attempt', callId, attempt, request });
  }

  private response(callId: string, attempt: Attempt, response: CapturedResponse): void {
    this.post({ type: 'response', callId, attempt, response });
  }

  private callFinished(record: CallRecord): void {
    this.code.rememberRecord(record);
    // A webview there now had every event (replayed at `ready` if it loaded again): the answer's text is not sent twice.
    const followed = this.isReady && this.running.record?.id === record.id;
    this.running.finished();
    this.calls.remember(record);
    // A big answer that was not streamed: its whole record takes seconds to cross, its first screen (if any) goes ahead.
    const first = this.isReady && !record.streamed && needsFirstScreen(record) ? firstScreenOf(record) : undefined;
    if (first && Array.isArray(first.message?.content) && first.message.content.length > 0) this.post({ type: 'callFinished', record: first, firstScreen: true, ahead: true });
    this.post(followed ? { type: 'callFinished', ...withoutStreamedText(record) } : { type: 'callFinished', record });
    const conversation = this.conversationOf?.(record);
    if (conversation) {
      this.post({ type: 'conversationCalls', callId: record.id, ...conversation });
    }
  }

  /** The call waits before a retry: said in the panel as well as in the progress notification. */
  private retrying(callId: string, notice: RetryingNotice): void {
    this.running.flush();
    this.post({ type: 'retrying', callId, ...notice });
  }

  /**
   * A send was refused before anything went out. An open panel says so, rather than go on showing the last answer
   * as if it were the reply; a closed one is not opened for it (the notification and the Problems panel say it).
   */
  private callRefused(title: string, reasons: string[], warnings: number): void {
    if (!this.isOpen) {
      return;
    }
    this.post({ type: 'callRefused', title, reasons, warnings });
  }

  /** The panel is open and in view: a refused send's "Not sent" box there is seen. */
  get inView(): boolean {
    return this.isVisible;
  }

  /** Shows a finished call that is not the runner's (one from history), exactly as it was recorded. */
  showRecord(record: CallRecord): void {
    this.show(undefined);
    // Kept like a finished call: its big curl and raw body are asked for when their view opens, and a reload asks for it.
    this.code.rememberRecord(record);
    this.calls.remember(record);
    this.post({ type: 'showRecord', record });
  }

  /** Shows two calls compared, in the panel's Compare view. */
  showComparison(message: Extract<HostMessage, { type: 'compare' }>): void {
    this.show(undefined);
    this.post(message);
  }

  /** What the prompt cache did for a shown call; an open panel only (it is a note below the answer). */
  showCacheExplanation(message: Extract<HostMessage, { type: 'cacheExplanation' }>): void {
    if (this.isOpen) {
      this.post(message);
    }
  }

  /** The shown call is in the history (and whether it has a previous run, for the Compare button); an open panel only. */
  showInHistory(message: Extract<HostMessage, { type: 'inHistory' }>): void {
    if (this.isOpen) {
      this.post(message);
    }
  }

  /** How many stream events were posted to a webview so far, and in how many messages. */
  postedEvents(): { messages: number; events: number } {
    return { ...this.eventsPosted };
  }

  /** The messages posted lately, oldest first. */
  recentMessages(): readonly HostMessage[] {
    return this.recent;
  }

  /**
   * Shows the panel without taking the focus: in its own column when it has one that is not the editor's, else
   * beside the editor (the column to its right, made if there is none). A panel in the editor's own column would
   * hide the file being edited, so it moves beside it.
   */
  private show(editorColumn: vscode.ViewColumn | undefined): void {
    const beside = editorColumn !== undefined && editorColumn > 0 ? ((editorColumn + 1) as vscode.ViewColumn) : vscode.ViewColumn.Beside;
    if (this.isOpen) {
      const column = this.column;
      if (editorColumn !== undefined && column === editorColumn) {
        this.reveal(beside);
      } else if (!this.isVisible) {
        this.reveal(column);
      }
      return;
    }
    this.create(beside);
  }

  protected override onWebviewGone(): void {
    this.bodySent.clear();
  }

  protected override onClosed(): void {
    this.pending.length = 0;
    this.bodySent.clear();
  }

  /** Posts (or queues, while the webview is not ready) a message; what the workbench's postMessage returned, if posted. */
  private post(original: HostMessage, replay = false): Thenable<boolean> | undefined {
    // Replays too: the running call is kept as it came, and masked on every way out. Queued messages are slimmed
    // as they are queued: they reach the next webview in order, so an attempt queued before them brings it the body
    // (the page that had it before is gone: a page loads again with nothing).
    const hasBody = this.isReady
      ? (id: string) => this.bodySent.has(id)
      : (id: string) => this.pending.some((queued) => bringsBody(queued) === id);
    const message = redactForPanel(slimForPanel(original, hasBody));
    if (message.type !== 'events' && !replay) {
      this.recent.push(message);
      this.recent.splice(0, Math.max(0, this.recent.length - 20));
    }
    const brought = bringsBody(message);
    if (brought !== undefined) {
      this.bodySent.add(brought);
    }
    if (!this.isReady) {
      // Events of the running call are replayed from `running` at `ready`; queued as well, they would show twice.
      if (message.type !== 'events') {
        this.pending.push(message);
      }
      return undefined;
    }
    if (message.type === 'events') {
      this.eventsPosted.messages++;
      this.eventsPosted.events += message.events.length;
    }
    return this.postToWebview(message);
  }

  /**
   * The webview just loaded: for the first time, or again after being hidden. It gets what was queued, and a call
   * still running is replayed from its start, so that nothing streamed meanwhile is missing.
   */
  protected onReady(): void {
    // A page that loaded (again) holds no body yet: the queued attempts bring it theirs as they are replayed.
    this.bodySent.clear();
    const queued = this.pending.splice(0);
    const running = this.running.replay();
    if (running && !queued.some((m) => m.type === 'callStarted' && m.record.id === running.record.id)) {
      queued.unshift({ type: 'callStarted', record: running.record });
    }
    queued.forEach((m) => this.post(m, true));
    if (running && running.events.length) {
      this.post({ type: 'events', callId: running.record.id, events: running.events }, true);
    }
  }

  protected async onMessage(message: Exclude<WebviewMessage, { type: 'ready' | 'dom' }>): Promise<void> {
    switch (message.type) {
      case 'copy':
      case 'openLink':
        await answerBlockAsk(message, (what) => this.post({ type: 'done', what }));
        return;
      case 'cancel':
        this.feed.cancel(message.callId);
        return;
      case 'needCall': {
        // A big answer comes back in two steps (firstScreen.ts): its beginning, then, asked with `whole`, all of it;
        // not while another call runs (the page was given that one at `ready`, and would drop the old one's record).
        if (message.whole && (this.running.record?.id ?? message.callId) !== message.callId) {
          return;
        }
        const first = message.whole ? undefined : await this.calls.firstScreen(message.callId);
        const record = first ? undefined : await this.calls.find(message.callId);
        const withheld = first?.request?.body === '' ? { bodyWithheld: true as const } : {};
        this.post(first ? { type: 'callFinished', record: first, firstScreen: true, ...withheld } : record ? { type: 'callFinished', record } : { type: 'callGone', callId: message.callId });
        return;
      }
      case 'setApiKey':
        this.setApiKey();
        return;
      case 'conversation':
        void vscode.commands.executeCommand(Commands.continueConversation, { callId: message.callId, action: message.action });
        return;
      case 'code':
        if (!this.code.has(message.callId)) {
          // After a window reload: the call may still be kept (the last big one on disk), with its curl.
          const record = await this.calls.find(message.callId);
          if (record) {
            this.code.rememberRecord(record);
          }
        }
        this.post(this.code.answer(message));
        return;
      case 'requestBody': {
        // A running call's request is kept from its attempt, a finished one's with its record (on disk after a reload).
        const body = this.code.bodyOf(message.callId) ?? (await this.calls.find(message.callId))?.request?.body;
        this.post(body ? { type: 'requestBody', callId: message.callId, body } : { type: 'requestBody', callId: message.callId, gone: true });
        return;
      }
      case 'rawBody': {
        const body = (await this.calls.find(message.callId))?.response?.body;
        this.post(body !== undefined ? { type: 'rawBody', callId: message.callId, body } : { type: 'rawBody', callId: message.callId, gone: true });
        return;
      }
      case 'compareWithPrevious':
        // The command finds the call in the history by the id the panel was told, else by the call's id.
        void vscode.commands.executeCommand(Commands.compareWithPrevious, message.historyId ?? message.callId);
        return;
    }
  }
}
