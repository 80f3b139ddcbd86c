// The history of calls, as every face reads it: one line per call for lists (HistoryEntry), and the call as it was
// stored (StoredCall). The store itself is in core/history/ (Node); these types are here so that the panel can
// read them too. The folder format is described in src/core/history/README.md.
import type { CallRecord } from './callRecord';

/** Where a recorded call came from: a request file (with its text as sent), a selection, or the CLI. */
export type HistorySourceInput =
  | { kind: 'file'; path?: string; text?: string; title?: string }
  | { kind: 'selection'; title?: string }
  | { kind: 'cli'; path?: string; text?: string };

/** The source as a list shows it: no text. */
export type HistorySource = { kind: 'file' | 'selection' | 'cli'; path?: string; title?: string };

/** One call in a list: what the History view and `history list` show without opening the call's file. */
export interface HistoryEntry {
  /** Sortable by time: "20261130-101503-123-3f9a1c" (UTC date, time, milliseconds, random). */
  id: string;
  /** ISO date of the start. */
  startedAt: string;
  /** The model of the answer, else the model asked for. */
  model: string;
  source: HistorySource;
  /** The HTTP status of the last response; null when none came (a network error, a timeout, a refusal). */
  status: number | null;
  /** The API's error type, or the local one (connection_error, connection_timeout, cancelled...), for a failed call. */
  errorType?: string;
  stopReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens?: number | null;
  cacheWriteTokens?: number | null;
  /** Null when the price is unknown. */
  costUsd: number | null;
  totalMs: number | null;
  requestId?: string;
  streamed?: boolean;
  /** A stream that ended early: the answer is partial. */
  incomplete?: boolean;
}

/** What a list is narrowed to; every given part must match (case-insensitive). */
export interface HistoryFilter {
  /** A word or phrase in the request or the answer (their first few hundred characters each, see the README). */
  text?: string;
  /** Part of the model id. */
  model?: string;
  /** Part of the source's path or title ("selection" matches selections). */
  file?: string;
  /** "ok", "error", an HTTP status ("429"), or an error type or its part ("overloaded"). */
  status?: string;
}

export interface HistoryListOptions {
  /** At most this many, newest first; all when absent. */
  limit?: number;
  filter?: HistoryFilter;
}

/** The version of the call files' format; a file of a newer format is skipped with a warning. */
export const HISTORY_FORMAT = 1;

/** One call as stored: its entry, the whole record (secrets masked), and the source file's text as sent. */
export interface StoredCall {
  format: typeof HISTORY_FORMAT;
  entry: HistoryEntry;
  record: CallRecord;
  /** The request file's text as it was sent (masked like everything else), for a file or CLI source. */
  sourceText?: string;
}

/** The bounds of a history folder unless a setting, a flag or the folder's settings.json says otherwise. */
export const HISTORY_DEFAULT_MAX_CALLS = 1000;
export const HISTORY_DEFAULT_MAX_MEGABYTES = 200;
