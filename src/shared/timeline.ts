// The timeline of a stream as it is recorded and shown: one entry per server-sent event, except that consecutive
// deltas of one block fold into one entry (how many, until when, how many characters). The host records with it
// and the panel folds live events with it, so both show the same lines.
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

/** Adds one event to `entries`, folding deltas; returns the index of the entry that changed or was added. */
export function foldEvent(entries: TimelineEntry[], event: TimelineEvent): number {
  const delta = deltaOutline(event);
  const lastIndex = entries.length - 1;
  const last = entries[lastIndex];
  if (delta && last?.event === 'content_block_delta' && last.count !== undefined) {
    const previous = last.data as { index?: unknown; delta?: { type?: unknown } };
    if (previous.index === delta.index && previous.delta?.type === delta.type) {
      last.count++;
      last.lastMs = event.ms;
      last.chars = (last.chars ?? 0) + delta.chars;
      return lastIndex;
    }
  }
  if (delta) {
    entries.push({
      ms: event.ms,
      event: event.event,
      data: { type: 'content_block_delta', index: delta.index, delta: { type: delta.type } },
      count: 1,
      lastMs: event.ms,
      chars: delta.chars,
    });
  } else {
    entries.push(event);
  }
  return entries.length - 1;
}
