// The running call's server-sent events on their way to the panel: posted in batches (at most one per
// EVENT_FLUSH_MS, a block's consecutive deltas joined), and kept whole from the call's start, so that a webview that
// reloads while the call runs (hidden and shown again) gets it replayed from the beginning.
import type { CallRecord, TimelineEntry, TimelineEvent } from '../../shared/callRecord';
import { CoalescedEvents } from './coalescedEvents';

/** How often batched stream events are posted: often enough to look live, rarely enough to stay cheap. */
const EVENT_FLUSH_MS = 40;

export class RunningCall {
  /** The running call and every event of it so far. */
  private running: { record: CallRecord; events: CoalescedEvents } | undefined;
  /** Events not yet posted, a block's consecutive deltas joined: a fast stream makes a few events per batch. */
  private batch = new CoalescedEvents();
  private flushTimer: NodeJS.Timeout | undefined;

  /** `postEvents`: posts one batch of the running call's events. */
  constructor(private readonly postEvents: (callId: string, events: TimelineEntry[]) => void) {}

  get record(): CallRecord | undefined {
    return this.running?.record;
  }

  /** A call begins: what is left of the last one is posted first. */
  started(record: CallRecord): void {
    this.flush();
    this.running = { record, events: new CoalescedEvents() };
  }

  /** Queues one server-sent event; events go to the webview in batches. */
  push(event: TimelineEvent): void {
    this.running?.events.push(event);
    this.batch.push(event);
    this.flushTimer ??= setTimeout(() => this.flush(), EVENT_FLUSH_MS);
  }

  /** Posts the events queued so far now (before any other message, which must not overtake them). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const events = this.batch.take();
    if (events.length > 0 && this.running) {
      this.postEvents(this.running.record.id, events);
    }
  }

  finished(): void {
    this.flush();
    this.running = undefined;
  }

  /** Every event of the running call so far, for a webview that loaded again; undefined when none is running. */
  replay(): { record: CallRecord; events: TimelineEntry[] } | undefined {
    return this.running && { record: this.running.record, events: this.running.events.length ? this.running.events.peek() : [] };
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
  }
}
