// Folds live server-sent events into timeline entries the way the host records them (src/core/capture.ts):
// consecutive deltas of one block become one entry with a count, the time of the last one and their characters.
import type { TimelineEntry, TimelineEvent } from '../core/callRecord';
import { asObject, asString } from './values';

interface DeltaOutline {
  index: unknown;
  type: unknown;
  chars: number;
}

function deltaOutline(event: TimelineEvent): DeltaOutline | undefined {
  const data = asObject(event.data);
  if (event.event !== 'content_block_delta' || !data) {
    return undefined;
  }
  const delta = asObject(data.delta) ?? {};
  const piece = delta.text ?? delta.partial_json ?? delta.thinking ?? delta.signature;
  let chars: number;
  if (typeof piece === 'string') {
    chars = piece.length;
  } else {
    try {
      chars = JSON.stringify(delta.citation ?? '').length;
    } catch {
      chars = 0;
    }
  }
  return { index: data.index, type: delta.type, chars };
}

export interface FoldResult {
  /** The index of the first entry that changed (an updated last entry, or the first appended one). */
  firstChanged: number;
}

export class TimelineFold {
  readonly entries: TimelineEntry[] = [];
  /** How many events the entries stand for (a folded entry counts each of its deltas). */
  eventCount = 0;

  constructor(initial: readonly TimelineEntry[] = []) {
    this.entries.push(...initial);
    this.eventCount = initial.reduce((sum, entry) => sum + (entry.count ?? 1), 0);
  }

  /** Adds events; returns which entries changed so a view updates only those. */
  add(events: readonly TimelineEvent[]): FoldResult {
    let firstChanged = this.entries.length;
    this.eventCount += events.length;
    for (const event of events) {
      const changed = this.addOne(event);
      firstChanged = Math.min(firstChanged, changed);
    }
    return { firstChanged };
  }

  private addOne(event: TimelineEvent): number {
    const delta = deltaOutline(event);
    const lastIndex = this.entries.length - 1;
    const last = this.entries[lastIndex];
    if (delta && last?.event === 'content_block_delta' && last.count !== undefined) {
      const previous = asObject(last.data);
      if (previous && previous.index === delta.index && asObject(previous.delta)?.type === delta.type) {
        last.count++;
        last.lastMs = event.ms;
        last.chars = (last.chars ?? 0) + delta.chars;
        return lastIndex;
      }
    }
    if (delta) {
      this.entries.push({
        ms: event.ms,
        event: event.event,
        data: { type: 'content_block_delta', index: delta.index, delta: { type: delta.type } },
        count: 1,
        lastMs: event.ms,
        chars: delta.chars,
      });
    } else {
      this.entries.push(event);
    }
    return this.entries.length - 1;
  }
}

/** The event name of an entry, from its data when the SSE `event:` line was missing. */
export function entryName(entry: TimelineEntry): string {
  return entry.event && entry.event !== 'message' ? entry.event : (asString(asObject(entry.data)?.type) ?? entry.event);
}
