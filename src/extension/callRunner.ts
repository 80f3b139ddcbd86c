// Runs one call from the editor: progress with Cancel, every step told as a call event (the panel follows them),
// errors told in a notification as well, and the finished record kept for "Copy as curl".
import * as vscode from 'vscode';
import { rememberSecretsInPlay } from '../core/secrets/secretsInPlay';
import { summarizeError } from '../core/callError';
import type { CallRecord } from '../shared/callRecord';
import { wordHint } from '../shared/hints';
import { sendMessage } from '../core/client';
import { describeRetry } from '../core/capture/retry';
import type { CallEvent, CallFeed } from './callEvents';
import { Commands } from './commandIds';
import { Disposable } from './dispose';
import type { ResolvedCall } from './resolveCall';
import { HINT_KNOBS } from './settings';

/** How often the notification says how far a stream got: often enough to look alive, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 250;

export class CallRunner extends Disposable implements CallFeed {
  private readonly running = new Map<string, AbortController>();
  private last: CallRecord | undefined;
  private readonly callEvents = this._register(new vscode.EventEmitter<CallEvent>());
  private readonly startedEmitter = this._register(new vscode.EventEmitter<CallRecord>());
  private readonly finishedEmitter = this._register(new vscode.EventEmitter<CallRecord>());
  /** Everything about every call, as it happens: the one source the panel follows. */
  readonly onDidCallEvent = this.callEvents.event;
  /** Fires when a call starts, before anything is sent. */
  readonly onDidStart = this.startedEmitter.event;
  /** Fires when a call is over, successfully or not. */
  readonly onDidFinish = this.finishedEmitter.event;

  constructor() {
    super();
    // Calls still running when the extension goes are cancelled, not left to finish into disposed emitters.
    this._register({ dispose: () => this.running.forEach((controller) => controller.abort()) });
  }

  get lastCall(): CallRecord | undefined {
    return this.last;
  }

  /** A send was refused before anything went out: the panel stops presenting the last answer as the reply. */
  refused(refusal: { title: string; reasons: string[]; warnings?: number }): void {
    this.callEvents.fire({ type: 'refused', title: refusal.title, reasons: refusal.reasons, warnings: refusal.warnings ?? 0 });
  }

  /**
   * A call made elsewhere (a run of a comparison) starts or ends: told to onDidStart / onDidFinish (the history
   * records it), not to the call events the response panel follows (a comparison has its own view).
   */
  sideCallStarted(record: CallRecord): void {
    this.startedEmitter.fire(record);
  }

  sideCallFinished(record: CallRecord): void {
    this.finishedEmitter.fire(record);
  }

  /** Cancels a running call (from the panel's Cancel button). */
  cancel(callId: string): void {
    this.running.get(callId)?.abort();
  }

  /** Sends a resolved call (see resolveCall) and tells every step of it; API and network failures end in `error`. */
  async run(call: ResolvedCall): Promise<CallRecord> {
    const { request, source, settings, connection, apiKey, document: from } = call;
    // The panel's gate and the record mask every secret in play, the key and gateway tokens and URL credentials:
    // remembered here, before any event of the call is told.
    rememberSecretsInPlay({ apiKey });
    const controller = new AbortController();
    // The panel opens beside the editor the call came from, never over it.
    const editorColumn = editorColumnOf(from);
    let callId = '';
    const { baseUrl } = connection;
    const record = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Claude: ${String(request.body.model)}`,
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        progress.report({ message: `sending to ${baseUrl}…` });
        let deltas = 0;
        let reportedAt = 0;
        return sendMessage(request, {
          apiKey,
          ...connection,
          signal: controller.signal,
          source,
          prices: settings.prices,
          onStart: (started) => {
            callId = started.id;
            this.running.set(callId, controller);
            this.callEvents.fire({ type: 'started', record: started, editorColumn });
            this.startedEmitter.fire(started);
          },
          onRetry: (notice) => {
            // Said before the wait starts, in both places a user looks: the notification and the panel.
            const text = describeRetry(notice);
            progress.report({ message: `${text}…` });
            this.callEvents.fire({ type: 'retrying', callId, notice: { text, waitMs: notice.waitMs, attempt: notice.nextAttempt, of: notice.totalAttempts } });
          },
          onAttempt: (attempt, sent) => {
            if (attempt.number > 1) {
              progress.report({ message: `sending attempt ${attempt.number} of ${connection.maxRetries + 1}…` });
            }
            this.callEvents.fire({ type: 'attempt', callId, attempt, request: sent });
          },
          onResponse: (attempt, response) => {
            if (response.status < 400) {
              progress.report({ message: request.streamed ? 'streaming…' : 'receiving…' });
            }
            this.callEvents.fire({ type: 'response', callId, attempt, response });
          },
          onEvent: (event) => {
            this.callEvents.fire({ type: 'event', event });
            // At most a few reports a second: a fast stream's every 50th delta was thousands of messages to the workbench.
            if (event.event === 'content_block_delta' && ++deltas % 50 === 0 && Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
              reportedAt = Date.now();
              progress.report({ message: `streaming… ${deltas} deltas` });
            }
          },
        });
      },
    );
    this.running.delete(callId);
    markCancelled(record, controller.signal);
    if (record.error) {
      // The hint names the setting to change, in the panel and the notification alike.
      record.error = wordHint(record.error, HINT_KNOBS);
    }
    this.last = record;
    this.callEvents.fire({ type: 'finished', record });
    this.finishedEmitter.fire(record);
    this.tell(record);
    return record;
  }

  /** A notification for failures, so they are seen even when the panel is behind another editor. */
  private tell(record: CallRecord): void {
    const error = record.error;
    if (!error) {
      return;
    }
    if (error.kind === 'cancelled') {
      void vscode.window.showInformationMessage(record.incomplete ? 'Claude: cancelled; the panel keeps what arrived.' : 'Claude: cancelled.');
      return;
    }
    const summary = `Claude: ${summarizeError(error)}`;
    if (error.status === 401 || error.type === 'authentication_error') {
      void vscode.window
        .showErrorMessage(`${summary}. Run "Claude: Set API Key" to set a valid key.`, 'Set API Key')
        .then((choice) => choice && vscode.commands.executeCommand(Commands.setApiKey));
      return;
    }
    void vscode.window.showErrorMessage(error.hint ? `${summary}. ${error.hint}` : summary);
  }

}

/** The column of the editor showing `document` (the active one first), else the active editor's. */
function editorColumnOf(document: vscode.TextDocument | undefined): vscode.ViewColumn | undefined {
  const active = vscode.window.activeTextEditor;
  if (!document || active?.document === document) {
    return active?.viewColumn;
  }
  return vscode.window.visibleTextEditors.find((editor) => editor.document === document)?.viewColumn ?? active?.viewColumn;
}

/**
 * A call the user cancelled is recorded as cancelled, whatever the abort surfaced as on its way up (an abort while
 * the body is read can come out of fetch as a network error); what arrived stays in the record.
 */
function markCancelled(record: CallRecord, signal: AbortSignal): void {
  if (!signal.aborted || !record.error || record.error.kind === 'cancelled') {
    return;
  }
  record.error = {
    kind: 'cancelled',
    message: record.incomplete || record.response
      ? 'Cancelled: the request was aborted before the answer was complete; what arrived is kept.'
      : 'Cancelled: the request was aborted before an answer arrived.',
  };
}
