// The one message protocol between the extension host and the response webview. Both sides import it with
// `import type`, so it has no runtime code. Every message about a call carries its callId: the webview drops
// messages of a call it is no longer showing.
import type { Attempt, CallRecord, CapturedRequest, CapturedResponse, TimelineEntry } from './callRecord';
import type { FileCallStat } from './conversationStats';
import type { CacheExplanation } from './cacheExplain';
import type { CallComparison } from './compare';
import type { CodeLanguage } from './codeLanguages';
import type { StreamedField } from './streamedAnswer';

export type HostMessage =
  /**
   * A call begins: the record holds the effective request, source and base URL, nothing returned yet. `trimmed`: the
   * body is big, and `effectiveRequest` holds only its small fields (model, max_tokens, ...); the body itself comes
   * once, with the `attempt` message.
   */
  | { type: 'callStarted'; record: CallRecord; trimmed?: boolean }
  /**
   * An HTTP attempt went out (a number above 1 is a retry). `bodyWithheld`: the body is big and left out
   * (`request.body` is ""): the views that show it ask for it with `requestBody` when opened (bodyOnce.ts).
   */
  | { type: 'attempt'; callId: string; attempt: Attempt; request: CapturedRequest; bodyWithheld?: true }
  /** Response headers arrived. */
  | { type: 'response'; callId: string; attempt: Attempt; response: CapturedResponse }
  /**
   * Server-sent events, batched (at most one batch per ~40 ms), in arrival order. Consecutive text, thinking and
   * tool-input deltas of one block come joined into one event with `count` (how many deltas) and `lastMs`.
   */
  | { type: 'events'; callId: string; events: TimelineEntry[] }
  /**
   * The call is over, successfully or not: the complete record, but for a big curl and a big raw body beside the
   * message, left out (bodyOnce.ts; the Code view asks for the curl with `code`, the Raw view with `rawBody`).
   * `trimmed`: the webview already has the body (it asked for it with `requestBody`), so `request.body` is left out
   * ("") and `effectiveRequest` holds only its small fields; the webview keeps what it has. `bodyWithheld`: the big
   * body is left out and the webview does not have it: the views that show it ask for it when opened.
   * `firstScreen`: the answer to a reload's `needCall` for a big answer, its beginning only (firstScreen.ts): shown,
   * never kept; the webview asks for the whole record (`needCall` with `whole`) once it is painted.
   * `fromStream`: to a webview that followed the stream, the long text and thinking fields of the message are left
   * out ("") and listed here; the webview puts back what it built from the events, or asks for the whole record
   * (`needCall` with `whole`) when its copy differs (streamedAnswer.ts). `ahead`: with `firstScreen`, the first screen
   * of a big answer that was not streamed, posted ahead of its whole record, which follows unasked.
   */
  | { type: 'callFinished'; record: CallRecord; trimmed?: boolean; bodyWithheld?: true; firstScreen?: true; ahead?: true; fromStream?: StreamedField[] }
  /**
   * The shown call will try again: `text` says why and when ("429 rate_limit_error, retrying in 2 s (attempt 2 of
   * 3)"); the next attempt starts about `waitMs` from now, and its `attempt` message replaces this.
   */
  | { type: 'retrying'; callId: string; text: string; waitMs: number; attempt: number; of: number }
  /**
   * A send was refused before anything went out: `title` (the file's name) has errors, one line each in `reasons`
   * (the errors of the Problems panel), and `warnings` warnings besides.
   */
  | { type: 'callRefused'; title: string; reasons: string[]; warnings?: number }
  /**
   * After callFinished, for a request file's call: this session's calls of that file, oldest first, up to this one
   * (the input sent each time), and what a cache breakpoint would save when none is set.
   */
  | { type: 'conversationCalls'; callId: string; calls: FileCallStat[]; cacheAdvice?: string }
  /** The host did what the webview asked (copy), for a short confirmation. */
  | { type: 'done'; what: string }
  /** The answer to `needCall` when the host no longer keeps that call. */
  | { type: 'callGone'; callId: string }
  /** A finished call from history, shown as it was recorded (it replaces whatever the panel shows, a running call too). */
  | { type: 'showRecord'; record: CallRecord; bodyWithheld?: true }
  /**
   * The answer to `requestBody`: the call's request body as sent (masked as every message is). `gone`: the host no
   * longer keeps the call.
   */
  | { type: 'requestBody'; callId: string; body?: string; gone?: true }
  /** Two calls from history compared: shown in the Compare view; `labels` name each side ("A: 10:15:03 haiku…"). */
  | { type: 'compare'; comparison: CallComparison; labels: { a: string; b: string } }
  /** What the prompt cache did for a call with cache_control, and why, against the earlier calls in history. */
  | { type: 'cacheExplanation'; callId: string; explanation: CacheExplanation }
  /**
   * The call is kept in the history as `historyId`. `previousRun`: an earlier run of the same request file is there
   * too, so the panel offers Compare with Previous Run.
   */
  | { type: 'inHistory'; callId: string; historyId: string; previousRun: boolean }
  /**
   * The answer to `code`: the call's request in `lang` (the setting's language when the webview named none), and
   * what to say beside it. `missing`: the host no longer holds this call's request (a window reload); ask again
   * with it.
   */
  | { type: 'codeSnippet'; callId: string; lang: CodeLanguage; text: string; note?: string; missing?: true }
  /**
   * The answer to `rawBody`: the call's response body as received, byte for byte. `gone`: the host no longer keeps
   * the call (or it has no body).
   */
  | { type: 'rawBody'; callId: string; body?: string; gone?: true };

/**
 * Asks the webview what it shows. Kept out of HostMessage: it is not about a call, and only the integration tests
 * use it (they read the panel's DOM through it). The answer is the `dom` WebviewMessage.
 */
export type InspectDom = {
  type: 'inspectDom';
  requestId: string;
  /** First click the shown, enabled button with this label, as a person would (the tests press the panel's buttons). */
  click?: string;
};

export type CopyWhat = 'curl' | 'code' | 'request' | 'response' | 'headers' | 'block' | 'requestId';

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
  | { type: 'needCall'; callId: string; historyId?: string; whole?: true }
  /** Run "Claude: Continue Conversation" for this call: as its stop_reason allows, or with max_tokens raised. */
  | { type: 'conversation'; callId: string; action: 'continue' | 'raiseMaxTokens' }
  /**
   * Make the call's request into code in `lang` (the claudeInspector.codeLanguage setting when absent). The host
   * holds recent calls' requests; `request` is sent only when it answered `missing`.
   */
  | { type: 'code'; callId: string; lang?: CodeLanguage; request?: CapturedRequest }
  /** Run "Claude: Compare with Previous Run" for this call (the panel's Compare button); `historyId` as `inHistory` said. */
  | { type: 'compareWithPrevious'; callId: string; historyId?: string }
  /**
   * The Raw view was opened on a finished answer whose big raw body the host left out of the record (bodyOnce.ts):
   * the host answers `rawBody`.
   */
  | { type: 'rawBody'; callId: string }
  /** The Request or Conversation view was opened on a call whose big request body was withheld: the host answers `requestBody`. */
  | { type: 'requestBody'; callId: string }
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
  /**
   * When `record` is left out because the answer is big: its beginning (firstScreen.ts), shown at once after a
   * reload while the whole record is asked from the host.
   */
  firstScreen?: CallRecord;
  /** Its id in the history, when the history keeps it on disk. */
  historyId?: string;
  /** The call was opened from the History view: its header says "from history" (it may be older than the last one). */
  fromHistory?: boolean;
  /** The call has an earlier run in the history: the panel offers Compare with Previous Run. */
  previousRun?: boolean;
  /** The cache note below the call's answer (small: a few facts and two short excerpts). */
  cacheExplanation?: CacheExplanation;
  view?: string;
  /** The language the Code view was last left on (else the claudeInspector.codeLanguage setting's). */
  codeLanguage?: CodeLanguage;
  /** The header's details (request-id, attempts, base URL, ...) were left open. */
  detailsOpen?: boolean;
  /** The last send was refused: shown instead of `record`, which stays reachable below it. */
  refused?: { title: string; reasons: string[]; warnings?: number };
  /** The last comparison shown in the Compare view. */
  comparison?: { comparison: CallComparison; labels: { a: string; b: string } };
}
