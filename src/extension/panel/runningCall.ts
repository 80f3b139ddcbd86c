// The running call's server-sent events on their way to the panel: posted in batches (at most one per
// EVENT_FLUSH_MS, a block's consecutive deltas joined), and kept whole from the call's start, so that a webview that
// reloads while the call runs (hidden and shown again) gets it replayed from the beginning.
//
// A batch waits while the previous one is still on its way (its postMessage not settled, for at most MAX_HOLD_MS):
// the workbench settles a post once its own thread has taken it, and when that thread is busy drawing the panel
// (code-server runs the webview in the workbench's renderer) posting every 40 ms anyway queued seconds of batches
// there, each drawn in a frame of its own, and the panel fell far behind the stream (bench/workbenchStream.ts). Held
// here instead, the waiting events join into the next batch: fewer, bigger batches while the panel is busy.
import type { CallRecord, TimelineEntry, TimelineEvent } from '../../shared/callRecord';
import { CoalescedEvents } from './coalescedEvents';

/** How often batched stream events are posted: often enough to look live, rarely enough to stay cheap. */
const EVENT_FLUSH_MS = 40;
/** The longest a batch waits for the previous post to settle (a post that never settles must not stop the stream). */
export const MAX_HOLD_MS = 1000;

/** What posting a batch returns: settled when the workbench has taken it (VS Code's postMessage), or nothing. */
export type Posted = PromiseLike<unknown> | void;

export class RunningCall {
  /** The running call and every event of it so far. */
  private running: { record: CallRecord; events: CoalescedEvents } | undefined;
  /** Events not yet posted, a block's consecutive deltas joined: a fast stream makes a few events per batch. */
  private batch = new CoalescedEvents();
  private flushTimer: NodeJS.Timeout | undefined;
  /** Posts of batches not settled yet, and when the last of them went or settled. */
  private inFlight = 0;
  private inFlightSince = 0;

  /** `postEvents`: posts one batch of the running call's events. */
  constructor(private readonly postEvents: (callId: string, events: TimelineEntry[]) => Posted) {}

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
    this.flushTimer ??= setTimeout(this.tick, EVENT_FLUSH_MS);
  }

  /** Posts the events queued so far now (before any other message, which must not overtake them). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const events = this.batch.take();
    if (events.length > 0 && this.running) {
      this.track(this.postEvents(this.running.record.id, events));
    }
  }

  /** The timer's turn: posts the batch, unless the last post is still on its way (then it waits, bounded). */
  private readonly tick = (): void => {
    this.flushTimer = undefined;
    if (this.inFlight > 0 && Date.now() - this.inFlightSince < MAX_HOLD_MS) {
      this.flushTimer = setTimeout(this.tick, EVENT_FLUSH_MS);
      return;
    }
    this.flush();
  };

  private track(posted: Posted): void {
    if (!posted || typeof posted.then !== 'function') {
      return;
    }
    if (this.inFlight === 0) {
      this.inFlightSince = Date.now();
    }
    this.inFlight++;
    const settled = () => {
      this.inFlight = Math.max(0, this.inFlight - 1);
      this.inFlightSince = Date.now();
    };
    posted.then(settled, settled);
  }

  finished(): void {
    this.flush();
    this.running = undefined;
  }

  /**
   * Every event of the running call so far, for a webview that loaded again; undefined when none is running. The
   * batch still waiting is among them, and is dropped: posted after the replay, its events showed twice (a fast
   * stream's answer grew by the batch's text, 1.8 KB in 2 MB, until the final record replaced it).
   */
  replay(): { record: CallRecord; events: TimelineEntry[] } | undefined {
    if (!this.running) {
      return undefined;
    }
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.batch.take();
    return { record: this.running.record, events: this.running.events.length ? this.running.events.peek() : [] };
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
  }
}
