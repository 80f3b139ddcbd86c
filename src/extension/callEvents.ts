// What the call runner tells about a call as it happens: one stream of events, from the runner (their one source)
// to whoever follows calls (the panel). Nothing in it reaches back to the runner.
import type * as vscode from 'vscode';
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse, TimelineEvent } from '../shared/callRecord';

/** The call waits before a retry: said in the panel as well as in the progress notification. */
export interface RetryingNotice {
  text: string;
  waitMs: number;
  attempt: number;
  of: number;
}

export type CallEvent =
  /** Before anything is sent; `editorColumn` is the column of the editor the call came from. */
  | { type: 'started'; record: CallRecord; editorColumn?: vscode.ViewColumn }
  | { type: 'attempt'; callId: string; attempt: Attempt; request: CapturedRequest }
  | { type: 'response'; callId: string; attempt: Attempt; response: CapturedResponse }
  /** One server-sent event of the running call. */
  | { type: 'event'; event: TimelineEvent }
  | { type: 'retrying'; callId: string; notice: RetryingNotice }
  /** Over, successfully or not. */
  | { type: 'finished'; record: CallRecord }
  /** A send was refused before anything went out (a file with errors): `reasons` are `file:line:column: message`. */
  | { type: 'refused'; title: string; reasons: string[]; warnings?: number };

/** What follows calls needs of the runner: its events, and Cancel. */
export interface CallFeed {
  readonly onDidCallEvent: vscode.Event<CallEvent>;
  cancel(callId: string): void;
}
