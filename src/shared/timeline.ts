// The timeline of a stream as it is recorded and shown: one entry per server-sent event, except that consecutive
// deltas of one block fold into one entry (how many, until when, how many characters). The host records with it
// and the panel folds live events with it, so both show the same lines. The host joins a block's consecutive deltas
// before posting them to the panel (extension/panel/coalescedEvents.ts): such an event says how many deltas it
// stands for (`count`) and when the last came (`lastMs`), and folds as that many.
import type { TimelineEntry, TimelineEvent } from './callRecord';

interface DeltaOutline {
  index: unknown;
  type: unknown;
  chars: number;
}

/** For a content_block_delta event: its block index, delta type and the length of what it carries. */
function deltaOutline(event: TimelineEvent): DeltaOutline | undefined {
  if (event.event !== 'content_block_delta' || typeof event.data !== 'object' || event.data === null) {
    return undefined;
  }
  const data = event.data as { index?: unknown; delta?: unknown };
  const delta = (typeof data.delta === 'object' && data.delta !== null ? data.delta : {}) as Record<string, unknown>;
  const piece = delta.text ?? delta.partial_json ?? delta.thinking ?? delta.signature;
  let chars = 0;
  if (typeof piece === 'string') {
    chars = piece.length;
  } else if (delta.citation !== undefined) {
    try {
      chars = JSON.stringify(delta.citation).length;
    } catch {
      // A citation that cannot be measured still counts as a delta.
    }
  }
  return { index: data.index, type: delta.type, chars };
}

/** Adds one event (or joined deltas) to `entries`, folding deltas; returns the index of the entry that changed or was added. */
export function foldEvent(entries: TimelineEntry[], event: TimelineEntry): number {
  const delta = deltaOutline(event);
  const count = eventsIn(event);
  const lastMs = event.lastMs ?? event.ms;
  const lastIndex = entries.length - 1;
  const last = entries[lastIndex];
  if (delta && last?.event === 'content_block_delta' && last.count !== undefined) {
    const previous = last.data as { index?: unknown; delta?: { type?: unknown } };
    if (previous.index === delta.index && previous.delta?.type === delta.type) {
      last.count += count;
      last.lastMs = lastMs;
      last.chars = (last.chars ?? 0) + delta.chars;
      return lastIndex;
    }
  }
  if (delta) {
    entries.push({
      ms: event.ms,
      event: event.event,
      data: { type: 'content_block_delta', index: delta.index, delta: { type: delta.type } },
      count,
      lastMs,
      chars: delta.chars,
    });
  } else {
    entries.push(event);
  }
  return entries.length - 1;
}

/** How many server-sent events an event stands for: joined deltas count each. */
export function eventsIn(event: TimelineEntry): number {
  return typeof event.count === 'number' && event.count >= 1 ? event.count : 1;
}
