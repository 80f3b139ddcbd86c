// Folds live server-sent events into timeline entries exactly as the host records them (shared/timeline.ts), and
// says which entries changed so that the view updates only those.
import type { TimelineEntry } from '../../shared/callRecord';
import { eventsIn, foldEvent } from '../../shared/timeline';
import { asObject, asString } from '../values/json';

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
  add(events: readonly TimelineEntry[]): FoldResult {
    let firstChanged = this.entries.length;
    for (const event of events) {
      this.eventCount += eventsIn(event);
      firstChanged = Math.min(firstChanged, foldEvent(this.entries, event));
    }
    return { firstChanged };
  }
}

/** The event name of an entry, from its data when the SSE `event:` line was missing. */
export function entryName(entry: TimelineEntry): string {
  return entry.event && entry.event !== 'message' ? entry.event : (asString(asObject(entry.data)?.type) ?? entry.event);
}
