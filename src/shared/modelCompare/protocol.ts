// The messages between the extension host and the compare view (its own webview panel, dist/compare.js). Both
// sides import it with `import type`. Runs are named by their index in `comparison.runs`.
import type { TimelineEvent } from '../callRecord';
import type { DomView, WebviewMessage } from '../protocol';
import type { Comparison, ComparisonRun } from './comparison';

export type CompareHostMessage =
  /** The whole comparison: when it starts, when the view (re)loads, when a saved one is opened. */
  | { type: 'comparison'; comparison: Comparison; running: boolean }
  /** A run changed: it started (status running, the record as it starts), or it is over (the complete record). */
  | { type: 'run'; index: number; run: ComparisonRun }
  /** A running run's server-sent events, batched, in arrival order. */
  | { type: 'runEvents'; index: number; events: TimelineEvent[] }
  /** A run waits before a retry: "429 rate_limit_error, retrying in 2 s (attempt 2 of 3)". */
  | { type: 'runRetrying'; index: number; text: string }
  /** Every run is over (or cancelled). */
  | { type: 'finished'; finishedAt: string }
  /** The host did what was asked (saved, exported, copied), for a short confirmation. */
  | { type: 'done'; what: string };

export type CompareWebviewMessage =
  | { type: 'ready' }
  /** Cancel every run not yet over. */
  | { type: 'cancel' }
  /** Open this run's call in the response panel. */
  | { type: 'openRun'; index: number }
  /** Save the comparison as a file (.claude-compare.json), to reopen later. */
  | { type: 'save' }
  | { type: 'export'; format: 'markdown' | 'json' }
  /** From the block views the compare view reuses: copy a block, open a link. */
  | Extract<WebviewMessage, { type: 'copy' | 'openLink' }>
  /** The answer to `inspectDom` (integration tests). */
  | { type: 'dom'; requestId: string; views: DomView[]; html: string };

/** What the compare view keeps with setState, to come back the same when it is shown again. */
export interface CompareState {
  comparison?: Comparison;
  running?: boolean;
  /** The run shown in each column, by model. */
  shownRun?: Record<string, number>;
  /** The two models diffed, when the diff is open. */
  diff?: { a: string; b: string };
}

