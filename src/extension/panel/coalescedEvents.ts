// Server-sent events on their way to the panel, with the deltas of a block joined. A fast stream of a big answer
// sends hundreds of thousands of deltas of a few characters: posted one by one, each was masked, cloned to the
// webview and folded there, and the panel fell seconds behind the stream. Consecutive text, thinking and tool-input
// deltas of one block become one event carrying their joined text, how many deltas it stands for (`count`) and
// when the last arrived (`lastMs`): the panel builds the same answer and folds the same timeline lines
// (shared/timeline.ts reads `count` and `lastMs`), from a few events per batch instead of thousands.
import type { TimelineEntry, TimelineEvent } from '../../shared/callRecord';

/** The delta types whose pieces join, and the field each carries its piece in. Others (citations, signatures) stay one event each. */
const JOINED_FIELD: Readonly<Record<string, string>> = {
  text_delta: 'text',
  thinking_delta: 'thinking',
  input_json_delta: 'partial_json',
};

interface OpenDelta {
  entry: TimelineEntry;
  delta: Record<string, unknown>;
  index: unknown;
  type: string;
  field: string;
  /** The pieces so far, joined once when the event leaves (not one growing string per delta). */
  parts: string[];
}

/** A delta this file can join: its block index, its type and its piece. */
function joinable(event: TimelineEvent): { data: Record<string, unknown>; delta: Record<string, unknown>; type: string; field: string; piece: string } | undefined {
  // Only events named content_block_delta: the timeline folds only those (an unnamed one stays a line of its own).
  if (event.event !== 'content_block_delta' || typeof event.data !== 'object' || event.data === null) {
    return undefined;
  }
  const data = event.data as Record<string, unknown>;
  const delta = data.delta;
  if (typeof delta !== 'object' || delta === null) {
    return undefined;
  }
  const type = (delta as Record<string, unknown>).type;
  const field = typeof type === 'string' ? JOINED_FIELD[type] : undefined;
  const piece = field === undefined ? undefined : (delta as Record<string, unknown>)[field];
  if (typeof type !== 'string' || field === undefined || typeof piece !== 'string') {
    return undefined;
  }
  return { data, delta: delta as Record<string, unknown>, type, field, piece };
}

export class CoalescedEvents {
  private entries: TimelineEntry[] = [];
  private open: OpenDelta | undefined;
  /** How many server-sent events went in since the last `take` (a joined event counts each of its deltas). */
  eventCount = 0;

  get length(): number {
    return this.entries.length;
  }

  push(event: TimelineEvent): void {
    this.eventCount++;
    const joined = joinable(event);
    const open = this.open;
    if (joined && open && open.index === joined.data.index && open.type === joined.type) {
      open.parts.push(joined.piece);
      open.entry.count = (open.entry.count ?? 1) + 1;
      open.entry.lastMs = event.ms;
      return;
    }
    this.close();
    if (!joined) {
      this.entries.push(event);
      return;
    }
    // A copy: the piece is rewritten when the event leaves, and the event as it came belongs to the record.
    const delta = { ...joined.delta };
    const entry: TimelineEntry = { ms: event.ms, event: event.event, data: { ...joined.data, delta }, count: 1, lastMs: event.ms };
    this.entries.push(entry);
    this.open = { entry, delta, index: joined.data.index, type: joined.type, field: joined.field, parts: [joined.piece] };
  }

  /** The events so far, and a fresh start: a delta still open is closed, the next one starts a new event. */
  take(): TimelineEntry[] {
    this.close();
    const entries = this.entries;
    this.entries = [];
    this.eventCount = 0;
    return entries;
  }

  /** The events so far, kept (the running call, replayed to a webview that reloads); later deltas still join. */
  peek(): TimelineEntry[] {
    const open = this.open;
    if (open && open.parts.length > 1) {
      open.parts = [open.parts.join('')];
    }
    if (open) {
      open.delta[open.field] = open.parts[0];
    }
    // Copies of the entries whose text can still grow, so that what was handed out does not change under it.
    return this.entries.map((entry) => (entry === open?.entry ? { ...entry, data: { ...(entry.data as object), delta: { ...open.delta } } } : entry));
  }

  private close(): void {
    const open = this.open;
    if (open) {
      open.delta[open.field] = open.parts.join('');
      this.open = undefined;
    }
  }
}
