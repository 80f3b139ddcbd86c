// The one message protocol between the extension host and the response webview. Both sides import it with
// `import type`, so it has no runtime code. Every message about a call carries its callId: the webview drops
// messages of a call it is no longer showing.
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse, TimelineEntry } from './callRecord';

export type HostMessage =
  /**
   * A call begins: the record holds the effective request, source and base URL, nothing returned yet. `trimmed`: the
   * body is big, and `effectiveRequest` holds only its small fields (model, max_tokens, ...); the body itself comes
   * once, with the `attempt` message.
   */
  | { type: 'callStarted'; record: CallRecord; trimmed?: boolean }
  /** An HTTP attempt went out (a number above 1 is a retry). */
  | { type: 'attempt'; callId: string; attempt: Attempt; request: CapturedRequest }
  /** Response headers arrived. */
  | { type: 'response'; callId: string; attempt: Attempt; response: CapturedResponse }
  /**
   * Server-sent events, batched (at most one batch per ~40 ms), in arrival order. Consecutive text, thinking and
   * tool-input deltas of one block come joined into one event with `count` (how many deltas) and `lastMs`.
   */
  | { type: 'events'; callId: string; events: TimelineEntry[] }
  /**
   * The call is over, successfully or not: the complete record. `trimmed`: the webview already has the body (an
   * `attempt` of this call brought it), so `request.body` is left out ("") and `effectiveRequest` holds only its small
   * fields; the webview keeps what it has.
   */
  | { type: 'callFinished'; record: CallRecord; trimmed?: boolean }
  /**
   * The shown call will try again: `text` says why and when ("429 rate_limit_error, retrying in 2 s (attempt 2 of
   * 3)"); the next attempt starts about `waitMs` from now, and its `attempt` message replaces this.
   */
  | { type: 'retrying'; callId: string; text: string; waitMs: number; attempt: number; of: number }
  /** A send was refused before anything went out: `title` (the file's name) has errors, one line each in `reasons`. */
  | { type: 'callRefused'; title: string; reasons: string[] }
  /** The host did what the webview asked (copy), for a short confirmation. */
  | { type: 'done'; what: string }
  /** The answer to `needCall` when the host no longer keeps that call. */
  | { type: 'callGone'; callId: string };

/**
 * Asks the webview what it shows. Kept out of HostMessage: it is not about a call, and only the integration tests
 * use it (they read the panel's DOM through it). The answer is the `dom` WebviewMessage.
 */
export type InspectDom = { type: 'inspectDom'; requestId: string };

export type CopyWhat = 'curl' | 'request' | 'response' | 'headers' | 'block' | 'requestId';

export type WebviewMessage =
  /** The webview has loaded and listens: the host may post. */
  | { type: 'ready' }
  /** Put this text on the clipboard (webviews cannot reliably write the clipboard themselves). */
  | { type: 'copy'; what: CopyWhat; text: string }
  /** Open an http(s) link from the answer in the browser, through VS Code. */
  | { type: 'openLink'; url: string }
  /** Cancel the running call. */
  | { type: 'cancel'; callId: string }
  /** Run "Claude: Set API Key" (offered on a 401). */
  | { type: 'setApiKey' }
  /**
   * After a reload, the saved state named a call whose record was too big to keep in it: the host answers with its
   * `callFinished` (the whole record), or `callGone`.
   */
  | { type: 'needCall'; callId: string; historyId?: string }
  /** The answer to `inspectDom`: each view's visible text and the whole document's markup. */
  | { type: 'dom'; requestId: string; views: DomView[]; html: string };

/** One view of the panel as the webview shows it when that view is selected. */
export interface DomView {
  /** The tab's label, or "" for the page before any tab is chosen. */
  label: string;
  /** innerText of the page with this view selected: what a user reads. */
  text: string;
}

/**
 * What the webview keeps with setState, to come back the same after a window reload. It stays small: `record` only
 * when the record is small (see webview/shown/stateKeeping.ts); otherwise the call is asked from the host by its id.
 */
export interface PanelState {
  record?: CallRecord;
  /** The last finished call, whether or not `record` holds it. */
  callId?: string;
  /** Its id in the history, when the history keeps it on disk. */
  historyId?: string;
  view?: string;
  /** The header's details (request-id, attempts, base URL, ...) were left open. */
  detailsOpen?: boolean;
  /** The last send was refused: shown instead of `record`, which stays reachable below it. */
  refused?: { title: string; reasons: string[] };
}
