// What a list needs to know of a call, read from its record once when it is recorded: the entry, and a short
// lower-case excerpt of the request and the answer for the text filter (the index stays small enough to read at
// once; see README.md).
import type { CallRecord } from '../../shared/callRecord';
import { errorTypeOf } from '../../shared/errorType';
import type { HistoryEntry, HistoryFilter, HistorySource, HistorySourceInput } from '../../shared/history';

/** How much of the request's text and of the answer's text the index keeps for the text filter. */
export const SEARCH_CHARS = 400;

type Usage = { input_tokens?: unknown; output_tokens?: unknown; cache_read_input_tokens?: unknown; cache_creation_input_tokens?: unknown };

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function historySource(source: HistorySourceInput): HistorySource {
  const out: HistorySource = { kind: source.kind };
  if ('path' in source && source.path) {
    out.path = source.path;
  }
  if ('title' in source && source.title) {
    out.title = source.title;
  }
  return out;
}

export function entryOf(id: string, record: CallRecord, source: HistorySourceInput): HistoryEntry {
  const message = record.message as { model?: unknown; stop_reason?: unknown; usage?: Usage } | undefined;
  const usage = message?.usage;
  const entry: HistoryEntry = {
    id,
    startedAt: record.startedAt,
    model: typeof message?.model === 'string' ? message.model : String(record.effectiveRequest.model ?? ''),
    source: historySource(source),
    status: record.response?.status ?? record.error?.status ?? null,
    stopReason: typeof message?.stop_reason === 'string' ? message.stop_reason : null,
    inputTokens: count(usage?.input_tokens),
    outputTokens: count(usage?.output_tokens),
    cacheReadTokens: count(usage?.cache_read_input_tokens),
    cacheWriteTokens: count(usage?.cache_creation_input_tokens),
    costUsd: record.cost?.known ? record.cost.usd : null,
    totalMs: record.timing.totalMs ?? null,
    streamed: record.streamed,
  };
  if (record.error) {
    entry.errorType = errorTypeOf(record.error) ?? `http_${record.error.status ?? 'error'}`;
  }
  if (record.requestId) {
    entry.requestId = record.requestId;
  }
  if (record.incomplete) {
    entry.incomplete = true;
  }
  return entry;
}

/** The text of content: a string, or the text (and tool input) of its blocks. */
function contentText(content: unknown, budget: number): string {
  if (typeof content === 'string') {
    return content.slice(0, budget);
  }
  let out = '';
  if (Array.isArray(content)) {
    for (const block of content as { type?: string; text?: unknown; thinking?: unknown; input?: unknown; content?: unknown }[]) {
      if (out.length >= budget) {
        break;
      }
      const piece = typeof block?.text === 'string' ? block.text
        : block?.type === 'tool_use' || block?.type === 'server_tool_use' ? JSON.stringify(block.input ?? {})
        : block?.type === 'tool_result' ? contentText(block.content, budget - out.length)
        : '';
      out += (out ? ' ' : '') + piece.slice(0, budget - out.length);
    }
  }
  return out;
}

/**
 * The excerpt the text filter reads: the last user message (what was asked) and the system prompt, then the answer.
 * Lower case, whitespace folded.
 */
export function searchTextOf(record: CallRecord): string {
  const body = record.effectiveRequest as { system?: unknown; messages?: { role?: string; content?: unknown }[] };
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user');
  const asked = `${contentText(lastUser?.content, SEARCH_CHARS)} ${contentText(body.system, SEARCH_CHARS / 2)}`;
  const answered = contentText((record.message as { content?: unknown } | undefined)?.content, SEARCH_CHARS);
  return `${asked} ${answered} ${record.error?.message?.slice(0, 200) ?? ''}`.replace(/\s+/g, ' ').trim().toLowerCase();
}

function includes(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && haystack.toLowerCase().includes(needle);
}

/** Whether an entry (with its excerpt) passes every part of the filter that is given. */
export function matchesFilter(entry: HistoryEntry, search: string, filter: HistoryFilter | undefined): boolean {
  if (!filter) {
    return true;
  }
  const text = filter.text?.trim().toLowerCase();
  if (text && !search.includes(text.replace(/\s+/g, ' '))) {
    return false;
  }
  const model = filter.model?.trim().toLowerCase();
  if (model && !includes(entry.model, model)) {
    return false;
  }
  const file = filter.file?.trim().toLowerCase();
  if (file && !(includes(entry.source.path, file) || includes(entry.source.title, file) || (entry.source.kind === 'selection' && 'selection'.includes(file)))) {
    return false;
  }
  const status = filter.status?.trim().toLowerCase();
  if (status) {
    const failed = entry.errorType !== undefined;
    const ok = status === 'ok' ? !failed
      : status === 'error' || status === 'failed' ? failed
      : /^\d{3}$/.test(status) ? String(entry.status) === status
      : includes(entry.errorType, status) || includes(entry.stopReason ?? undefined, status);
    if (!ok) {
      return false;
    }
  }
  return true;
}
